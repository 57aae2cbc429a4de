// Model → Graph JSON: write bodies for policies and named locations, and the What If session shape.

export { sessionToGraph, policySessionToGraph } from './session-graph.js';
export { policyToGraph, type PolicyExportOptions } from './policy-graph.js';
export { policyResponseShape } from './policy-response.js';
export { namedLocationToGraph, isDefinedLocation, type NamedLocationExportOptions } from './named-location-graph.js';
export { mergeExtra } from './merge-extra.js';
export { policyExportProblems, namedLocationExportProblems, betaOnlyPaths, removeBetaOnly } from './unsupported.js';
export { BETA_ONLY_POLICY_PATHS, type GraphFormat } from './graph-vocabulary.js';
export { signInToGraphRequest } from './signin-request.js';
