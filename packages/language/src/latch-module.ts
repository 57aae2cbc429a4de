import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { LatchGeneratedModule, LatchGeneratedSharedModule } from './generated/module.js';
import { LatchWorkspaceManager } from './workspace/latch-workspace-manager.js';
import { registerValidationChecks, LatchValidator } from './validation/latch-validator.js';
import { LatchScopeProvider } from './scoping/latch-scope-provider.js';
import { LatchValueConverter } from './latch-value-converter.js';

export type LatchAddedServices = {
    validation: { LatchValidator: LatchValidator };
};

export type LatchServices = LangiumServices & LatchAddedServices;

export const LatchModule: Module<LatchServices, PartialLangiumServices & LatchAddedServices> = {
    validation: { LatchValidator: (services) => new LatchValidator(services) },
    references: { ScopeProvider: (services) => new LatchScopeProvider(services) },
    parser: { ValueConverter: () => new LatchValueConverter() },
};

export const LatchSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: { WorkspaceManager: (services) => new LatchWorkspaceManager(services) },
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
