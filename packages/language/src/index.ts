export * from './latch-module.js';
export * from './generated/ast.js';
export * from './generated/module.js';
export { lowerWorkspace, type LoweredWorkspace } from './lowering/lower-workspace.js';
export { BUILTIN_LIBRARY_URI, builtinLibraryText, isBuiltinUri } from './builtins/builtin-library.js';
export { IssueCodes } from './validation/issue-codes.js';
