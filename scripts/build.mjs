// One build: the action bundle, the CLI bundle and the Python harness, all inside dist/.
import { build } from 'esbuild';
import { chmod, cp, rm } from 'node:fs/promises';

// Every output file gets it, entry or chunk: a bundled CommonJS dependency that calls require()
// may land in any chunk, and an ES module has no require of its own.
const banner = [
  "import { createRequire as __allocdiffCreateRequire } from 'node:module';",
  'const require = __allocdiffCreateRequire(import.meta.url);',
].join('\n');

/**
 * Modules that do nothing on import that allocdiff needs, so the bundle may leave them out when
 * nothing of theirs is used (esbuild does so for packages that declare `"sideEffects": false`;
 * these do not):
 * - @actions/http-client, with undici: @actions/core imports it for getIDToken only.
 * - @actions/github's lib/utils.js: the Octokit class behind getOctokit; allocdiff uses the
 *   event `context` only, and has its own client (src/publish/octokit.ts).
 * Without them, starting the action loads about 30 KiB instead of 1 MiB.
 */
const withoutSideEffects = [
  /[\\/]node_modules[\\/]@actions[\\/]http-client[\\/]/,
  /[\\/]node_modules[\\/]@actions[\\/]github[\\/]lib[\\/]utils\.js$/,
];
const unusedModulesLeftOut = {
  name: 'unused-modules-left-out',
  setup(build) {
    build.onResolve({ filter: /^(@actions\/http-client|\.\/utils\.js)/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const { path, kind, resolveDir, importer } = args;
      const resolved = await build.resolve(path, {
        kind,
        resolveDir,
        importer,
        pluginData: 'resolving',
      });
      const listed = withoutSideEffects.some((pattern) => pattern.test(resolved.path));
      return listed ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

await rm('dist', { recursive: true, force: true });

// The action and the CLI in one build, split into chunks: what a run does not always need
// (config schemas and parsers, capture, reports, Octokit) is imported on demand, so starting
// up parses only the code the run reaches. Chunks shared by both entries are written once.
await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: banner },
  plugins: [unusedModulesLeftOut],
});
await cp('python/allocdiff_harness', 'dist/harness/allocdiff_harness', {
  recursive: true,
  filter: (source) => !source.includes('__pycache__'),
});
await chmod('dist/cli.js', 0o755);
