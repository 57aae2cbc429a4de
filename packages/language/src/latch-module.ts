import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { LatchGeneratedModule, LatchGeneratedSharedModule } from './generated/module.js';
import { LatchWorkspaceManager } from './workspace/latch-workspace-manager.js';
import { LatchDocumentBuilder } from './workspace/latch-document-builder.js';
import { registerValidationChecks, LatchValidator } from './validation/latch-validator.js';
import { LatchScopeProvider } from './scoping/latch-scope-provider.js';
import { LatchScopeComputation } from './scoping/latch-scope-computation.js';
import { LatchLinker } from './workspace/latch-linker.js';
import { LatchReferenceDescriptionProvider } from './workspace/latch-reference-descriptions.js';
import { LatchDocumentValidator } from './validation/latch-document-validator.js';
import { LatchValidationRegistry } from './validation/latch-validation-registry.js';
import { LatchValueConverter } from './latch-value-converter.js';
import { LatchCodeLensProvider } from './lsp/latch-code-lens-provider.js';
import { LatchCompletionProvider } from './lsp/latch-completion-provider.js';
import { LatchDocumentUpdateHandler } from './lsp/latch-document-update-handler.js';
import { LatchFormatter } from './lsp/latch-formatter.js';
import { LatchCodeActionProvider } from './lsp/latch-code-action-provider.js';
import { LatchSemanticTokenProvider } from './lsp/latch-semantic-token-provider.js';
import { LatchExecuteCommandHandler } from './lsp/latch-execute-command-handler.js';
import { LatchHoverProvider } from './lsp/latch-hover-provider.js';
import { LatchScenarioResults } from './lsp/latch-scenario-results.js';

export type LatchAddedServices = {
    validation: { LatchValidator: LatchValidator };
    /** What If answers of the current workspace state, shared by code lenses, hover and commands. */
    whatIf: { ScenarioResults: LatchScenarioResults };
};

export type LatchServices = LangiumServices & LatchAddedServices;

export const LatchModule: Module<LatchServices, PartialLangiumServices & LatchAddedServices> = {
    validation: {
        LatchValidator: (services) => new LatchValidator(services),
        ValidationRegistry: (services) => new LatchValidationRegistry(services),
        DocumentValidator: (services) => new LatchDocumentValidator(services),
    },
    references: {
        ScopeProvider: (services) => new LatchScopeProvider(services),
        ScopeComputation: (services) => new LatchScopeComputation(services),
        Linker: (services) => new LatchLinker(services),
    },
    workspace: { ReferenceDescriptionProvider: (services) => new LatchReferenceDescriptionProvider(services) },
    parser: { ValueConverter: () => new LatchValueConverter() },
    whatIf: { ScenarioResults: (services) => new LatchScenarioResults(services.shared) },
    lsp: {
        CodeLensProvider: (services) => new LatchCodeLensProvider(services),
        CompletionProvider: (services) => new LatchCompletionProvider(services),
        HoverProvider: (services) => new LatchHoverProvider(services),
        Formatter: () => new LatchFormatter(),
        CodeActionProvider: (services) => new LatchCodeActionProvider(services),
        SemanticTokenProvider: (services) => new LatchSemanticTokenProvider(services),
    },
};

export const LatchSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        WorkspaceManager: (services) => new LatchWorkspaceManager(services),
        DocumentBuilder: (services) => new LatchDocumentBuilder(services),
    },
    lsp: {
        DocumentUpdateHandler: (services) => new LatchDocumentUpdateHandler(services),
        ExecuteCommandHandler: (services) => new LatchExecuteCommandHandler(services),
    },
};

/** Builds the shared and language services; without a connection (tests, CLI) configuration is initialised empty. */
export function createLatchServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Latch: LatchServices } {
    const shared = inject(createDefaultSharedModule(context), LatchGeneratedSharedModule, LatchSharedModule);
    const Latch = inject(createDefaultModule({ shared }), LatchGeneratedModule, LatchModule);
    shared.ServiceRegistry.register(Latch);
    registerValidationChecks(Latch);
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Latch };
}
