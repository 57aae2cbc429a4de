// The custom requests the server serves (packages/language/src/lsp/custom-requests.ts). Types come from the built
// language package as type-only imports, so none of its code reaches the client bundle.
export type {
    ImportGraphParams, ImportGraphResult, RunTestsParams, TestFile, TestItemInfo, TestRunResult, WhatIfInputs, WhatIfParams, WhatIfResponse, WorkspaceNames,
} from '../../../language/out/lsp/custom-requests.js';

export const LatchRequests = {
    whatIf: 'latch/whatIf',
    workspaceNames: 'latch/workspaceNames',
    tests: 'latch/tests',
    runTests: 'latch/runTests',
    analysisReport: 'latch/analysisReport',
    importGraph: 'latch/importGraph',
} as const;

/** Server commands (packages/language/src/lsp/latch-commands.ts) the client adds UI to. */
export const ServerCommands = {
    runScenario: 'latch.runScenario',
    showScenarioResult: 'latch.showScenarioResult',
    showScenarios: 'latch.showScenarios',
    insertScenario: 'latch.insertScenario',
} as const;
