// File-system entry points: Graph JSON files or folders → PolicySet, and a sign-in request file → SignIn.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDirectory, type NamedLocation, type Policy, type PolicySet } from '../model.js';
import { JsonInputError, decodeJsonBytes, parseJsonWithPositions } from './json-text.js';
import { ensureUniqueIds, readGraphDocument } from './read-policies.js';
import { readSignInRequest, type SignInRequest } from './read-signin.js';

/**
 * Loads policies and named locations from files and folders (folders: every *.json below, in name order).
 * Graph JSON carries only ids, so the directory is empty. Throws JsonInputError (file:line:col) on bad JSON.
 */
export function loadGraphFiles(paths: string[]): { set: PolicySet; warnings: string[]; origins: Map<Policy, string> } {
  const policies: Policy[] = [];
  const origins = new Map<Policy, string>();
  const namedLocations: NamedLocation[] = [];
  const warnings: string[] = [];
  const directory = emptyDirectory();
  for (const file of expandPaths(paths, warnings)) {
    const doc = readGraphDocument(readJsonFile(file).value, file);
    policies.push(...doc.policies);
    for (const policy of doc.policies) origins.set(policy, file);
    namedLocations.push(...doc.namedLocations);
    warnings.push(...doc.warnings);
    // Exported group objects name the groups (open: their members are not in the export).
    for (const g of doc.groups) {
      if (!directory.groups.some((x) => x.id.toLowerCase() === g.id.toLowerCase())) directory.groups.push({ id: g.id, name: g.displayName, displayName: g.displayName });
    }
  }
  ensureUniqueIds(policies, namedLocations, warnings);
  return { set: { policies, namedLocations, directory }, warnings, origins };
}

/** Reads a `latch whatif` sign-in file; errors carry the file, line and column of the offending value. */
export function loadSignInFile(file: string): SignInRequest {
  const { value, text } = readJsonFile(file);
  return readSignInRequest(value, file, text);
}

/** Reads, decodes (BOM / UTF-16) and parses one JSON file. */
export function readJsonFile(file: string): { value: unknown; text: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new JsonInputError(file, 0, 0, `cannot read the file (${errorCode(e)})`);
  }
  const text = decodeJsonBytes(bytes);
  return { value: parseJsonWithPositions(text, file), text };
}

function expandPaths(paths: string[], warnings: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      throw new JsonInputError(p, 0, 0, `cannot read the file (${errorCode(e)})`);
    }
    if (!isDir) {
      files.push(p); // named explicitly: read whatever its extension
      continue;
    }
    const found = walk(p);
    if (found.length === 0) warnings.push(`${p}: no *.json files in this folder`);
    files.push(...found);
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    // Follow symlinks like the user's shell would; stat tells what they point at.
    const isDir = e.isDirectory() || (e.isSymbolicLink() && safeIsDir(full));
    if (isDir) out.push(...walk(full));
    else if (/\.json$/i.test(e.name)) out.push(full);
  }
  return out;
}

function safeIsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : String(e);
}
