/**
 * Command ids the server puts on code lenses and serves through `workspace/executeCommand`. The extension may
 * intercept them (vscode-languageclient middleware `executeCommand`) to show UI; the server-side handlers are the
 * fallback and the source of truth for data.
 */
export const LatchCommands = {
    /** [uri, scenarioName] → reveals the scenario's result lens, refreshes code lenses, returns a ScenarioRunSummary. */
    runScenario: 'latch.runScenario',
    /** [uri] → reveals every scenario of the document (as saving does), returns ScenarioRunSummary[]. */
    runScenariosInFile: 'latch.runScenariosInFile',
    /** [uri, scenarioName] → the scenario's detailed result (ScenarioRunSummary). */
    showScenarioResult: 'latch.showScenarioResult',
    /** [uri, policyName, scenarioNames[]] → the scenarios (name, uri, line) in which the policy applies. */
    showScenarios: 'latch.showScenarios',
    /** [uri, scenarioText] → appends a scenario block at the end of the document (workspace/applyEdit). */
    insertScenario: 'latch.insertScenario',
} as const;

/** What the run/show commands return: enough for a client to render a detail view without evaluating. */
export interface ScenarioRunSummary {
    name: string;
    uri: string;
    /** 0-based line of the `scenario` keyword. */
    line: number;
    passed: boolean;
    /** The code-lens text, e.g. `✓ block (expected block) · applies: CA001`. */
    summary: string;
    steps: Array<{
        afterMinutes: number;
        outcome: string;
        applied: string[];
        revokedAt?: number;
        expectations: Array<{ line: number; passed: boolean; expected: string; actual: string }>;
    }>;
}

export interface ScenarioLocation { name: string; uri: string; line: number }
