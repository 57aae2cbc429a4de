// Graph JSON readers: policies and named locations into the model, and `latch whatif` sign-in requests.

export { JsonInputError, decodeJsonBytes, formatJsonPath, jsonPathError, parseJsonWithPositions, stripBom } from './json-text.js';
export { findJsonSyntaxError, findValueOffset, lineColumnAt, type JsonPath, type ScanError } from './json-scan.js';
export { deriveId, ensureUniqueIds, readGraphDocument, type GraphDocument } from './read-policies.js';
export { loadGraphFiles, loadSignInFile, readJsonFile } from './read-files.js';
export { readSignInRequest, type SignInRequest } from './read-signin.js';
