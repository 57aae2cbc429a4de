export { evaluate, decideOutcome, explainPolicy, policyApplies, OUTCOME_ALLOW, OUTCOME_BLOCK, OUTCOME_REQUIRES } from './evaluate.js';
export { compilePolicySet, type CompiledSet, type CompiledPolicy } from './compile-set.js';
export { compileSignIn, type CompiledSignIn } from './compile-signin.js';
export { grantClauses, isInteractive, minimalCnf, resolveClauses, satisfiedControls } from './requirement.js';
export { mergeSessions } from './session.js';
