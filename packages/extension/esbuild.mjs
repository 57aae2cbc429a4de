// Bundles the client (src/extension/main.ts) and the language server (src/language/main.ts) into CJS for the
// extension host's Node. Target node20: the oldest Node of the VS Code versions in engines.vscode (^1.91) and the
// Node that code-server 4.100 runs on in the e2e test. `--minify` for the packaged .vsix (no source maps).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const minify = process.argv.includes('--minify');
mkdirSync('syntaxes', { recursive: true });
copyFileSync('../language/syntaxes/latch.tmLanguage.json', 'syntaxes/latch.tmLanguage.json');
// The README shows the e2e screenshots (docs/screenshots); a .vsix may only reference files inside the extension.
mkdirSync('media/screenshots', { recursive: true });
for (const f of readdirSync('../../docs/screenshots').filter((n) => n.endsWith('.png'))) copyFileSync(`../../docs/screenshots/${f}`, `media/screenshots/${f}`);
await esbuild.build({
  entryPoints: { 'extension/main': 'src/extension/main.ts', 'language/main': 'src/language/main.ts' },
  outdir: 'out', bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outExtension: { '.js': '.cjs' }, external: ['vscode'], sourcemap: !minify, minify, logLevel: 'warning',
});
