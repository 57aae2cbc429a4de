// Shell build: bundles the language server entry so the extension issue starts from a working server bundle.
import * as esbuild from 'esbuild';
await esbuild.build({
  entryPoints: { 'language/main': 'src/language/main.ts' },
  outdir: 'out', bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outExtension: { '.js': '.cjs' }, sourcemap: true, logLevel: 'warning',
});
