export * from './model.js';
export { formatCnf, requirementToCnf, sameCnf, type ControlLabel } from './requirement-cnf.js';
export { describeDecision, runScenario, type ExpectationResult, type ScenarioOptions, type ScenarioResult, type StepResult } from './run-scenario.js';
