// Sign-in log replay: streaming record splitter, signIn → SignIn mapping, fast per-policy statuses, the tally,
// and a synthetic log generator.

export { logRecord, RecordSplitter, type LineEnds, type LogError, type LogRecord, type RecordSink, type ResumePoint, type SplitterOptions } from './record-splitter.js';
export {
    clientOf, mapSignInRecord, platformOf, readReplayDirectory, RecordMappingError, type EntraPolicyResult, type MapOptions,
    type MappedRecord, type ReplayDirectory, type ReplayDirectoryEntry,
} from './map-signin-record.js';
export { FAILURE, INTERRUPTED, NOT_APPLIED, NOT_DECIDED, NOT_ENABLED, SUCCESS, policyStatuses, statusPlan, type StatusPlan } from './policy-status.js';
export {
    entraVocabulary, LogReplay, replayLog, type Disagreement, type OutcomeCounts, type PolicyReplay, type ReplayOptions,
    type ReplayProblem, type ReplayReport,
} from './replay-log.js';
export { logText, seededRandom, SignInLogGenerator, type GenerateOptions, type GeneratedSignIn, type GeneratedUser, type LogLayout } from './generate-signin-log.js';
export { replayFileParallel, type ParallelOptions, type ParallelStats } from './parallel-replay.js';
export { mergePart, packReport, type ReplayPart } from './replay-part.js';
export { StretchReader } from './replay-stretch.js';
// replay-worker-file.ts (parallelReplayAvailable, replayWorkerFile) is `@latch/engine/replay-worker-file`: it uses import.meta.
