// One build: the action bundle, the CLI bundle and the Python harness, all inside dist/.
import { build } from 'esbuild';
import { chmod, cp, rm } from 'node:fs/promises';

const banner = [
  // Some bundled CommonJS dependencies call require(); ESM bundles need one.
  "import { createRequire as __allocdiffCreateRequire } from 'node:module';",
  'const require = __allocdiffCreateRequire(import.meta.url);',
].join('\n');

await rm('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'linked',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  banner: { js: banner },
});
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${banner}` },
});
await cp('python/allocdiff_harness', 'dist/harness/allocdiff_harness', {
  recursive: true,
  filter: (source) => !source.includes('__pycache__'),
});
await chmod('dist/cli.js', 0o755);
