// Exact conflict, coverage and assertion analysis (issue #3): regions of sign-ins over an atomized space.
export { analyzePolicySet, analyzeCoverage, type AnalysisResult, type AnalyzeOptions } from './analyze.js';
export { IncrementalAnalyzer } from './incremental.js';
export { type Assertion, type AssertionClaim, type AssertionResult, controlImplies } from './assertions.js';
export { type AnalysisOptions, breakGlassPrincipals, buildContext, type Context, isProtective } from './context.js';
export { type CoverageRow, type CoverageTable, coverageTable, gapRegion } from './check-coverage.js';
export { FINDING_CODES, type Finding, type FindingCode, type FindingSeverity, type Witness } from './finding.js';
export { type Box, type Layout, type Region, contains, intersect, isEmpty, overlaps, subtract, union } from './region.js';
export { buildSpace, type Space } from './space.js';
export { scopeRegion } from './scope.js';
export { decisionRegions, type DecisionRegions } from './decision.js';
export { witnessOf as regionWitness } from './witness.js';
export { describeSignIn, namedControlLabel } from './describe.js';
