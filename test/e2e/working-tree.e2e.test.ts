// Local runs: without --head, a working tree with changes is measured as head, on top of HEAD,
// and the user's repository (index, status, stash, refs, worktrees) is left as it was.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { startGitHubApi } from '../support/github-api.js';
import { runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const reports = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-reports-'));
cleanup.push(reports);

async function allocdiff(cwd: string, ...args: string[]) {
  const json = join(reports, `report-${cleanup.length}.json`);
  cleanup.push(json);
  const result = await runCommand(declaredNode(), [CLI, '--json', json, ...args], { cwd });
  return { ...result, report: () => JSON.parse(readFileSync(json, 'utf8')) as Report };
}

/** git as the test runs it: never refreshing the index (so only allocdiff could write it). */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
}

/** Everything a run could change in the user's repository, as text to compare. */
function repositoryState(dir: string): string {
  const index = join(dir, '.git', 'index');
  return JSON.stringify({
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all', '--ignored'),
    staged: git(dir, 'diff', '--cached'),
    unstaged: git(dir, 'diff'),
    stash: git(dir, 'stash', 'list'),
    refs: git(dir, 'for-each-ref'),
    head: git(dir, 'rev-parse', 'HEAD'),
    worktrees: git(dir, 'worktree', 'list', '--porcelain'),
    index: readFileSync(index).toString('base64'),
    indexModified: statSync(index).mtimeMs,
  });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

// Base and HEAD are the same project: `work()` keeps nothing.
const project = {
  'bench.py': 'import store\nimport work\nwork.run()\n',
  'store.py': 'kept = []\n',
  'work.py': 'import store\n\n\ndef run():\n    data = [str(i) for i in range(1000)]\n',
};
// The uncommitted change: each call keeps 2,000 blocks of 1,000 bytes (about 2 MB).
const leaking = {
  'work.py':
    'import store\n\n\ndef run():\n    data = [str(i) for i in range(1000)]\n' +
    '    store.kept.extend(bytes(1000) for _ in range(2000))\n',
};

describe('the working tree as head', () => {
  it('measures an uncommitted edit, fails its budget, says so, and leaves the repository as it was', async () => {
    const repo = repoOf(project, project);
    write(repo.dir, leaking);
    // One change staged, one not: both are the working tree's.
    write(repo.dir, { 'store.py': 'kept = []\nlabel = "x" * 100_000\n' });
    git(repo.dir, 'add', 'store.py');
    // A hook told of changes to an index, and where: the user's index does not change.
    const hookLog = join(reports, 'post-index-change.log');
    writeFileSync(
      join(repo.dir, '.git', 'hooks', 'post-index-change'),
      `#!/bin/sh\npwd >> '${hookLog}'\n`,
      { mode: 0o755 },
    );
    const before = repositoryState(repo.dir);

    const run = await allocdiff(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +100KB',
    );
    expect(run.code, run.stderr).toBe(1);
    const short = repo.shas[1].slice(0, 7);
    expect(run.stderr).toContain(`head: working tree on top of ${short}`);
    expect(run.stdout).toContain(`-> head: working tree on top of ${short}`);
    expect(run.stdout).toMatch(/retained\s+bench\.py\s+\+100KB\s+\+[\d.]+ MB.*fail/);
    const report = run.report();
    expect(report.head).toEqual({ sha: repo.shas[1], ref: 'HEAD', workingTree: true });
    expect(report.base).toEqual({ sha: repo.shas[0], ref: 'HEAD~1' });
    const sites = report.scenarios[0].sites;
    // The unstaged edit and the staged one, each on its changed line.
    expect(sites).toContainEqual(
      expect.objectContaining({ file: 'work.py', line: 6, baseLine: null, changedLine: true }),
    );
    expect(sites.find((s) => s.file === 'work.py' && s.line === 6)?.sizeDelta).toBeGreaterThan(
      2_000_000,
    );
    expect(sites).toContainEqual(
      expect.objectContaining({ file: 'store.py', line: 2, baseLine: null, changedLine: true }),
    );

    expect(repositoryState(repo.dir)).toBe(before);
    // allocdiff's git runs no hook of the repository's: not for its index, nor for the
    // checkouts of base and head.
    expect(existsSync(hookLog)).toBe(false);
    // The working tree's commit is reachable from no ref: no branch, tag or stash entry.
    expect(git(repo.dir, 'for-each-ref', '--contains', repo.shas[1])).toBe(
      `${repo.shas[1]} commit\trefs/heads/main\n`,
    );
  });

  it('measures the commit with --head HEAD, and says the changes are not measured', async () => {
    const repo = repoOf(project, project);
    write(repo.dir, leaking);
    const before = repositoryState(repo.dir);
    const run = await allocdiff(
      repo.dir,
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--script',
      'bench.py',
      '--budget',
      'retained: +100KB',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("the working tree's uncommitted changes are not measured");
    expect(run.stdout).not.toContain('working tree');
    expect(run.stdout).toContain(`-> head ${repo.shas[1].slice(0, 7)}`);
    const report = run.report();
    expect(report.head).toEqual({ sha: repo.shas[1], ref: 'HEAD' });
    expect(report.scenarios[0].sites.filter((s) => s.file === 'work.py')).toEqual([]);
    expect(repositoryState(repo.dir)).toBe(before);
  });

  it('measures an untracked module the benchmark imports, and leaves ignored files out', async () => {
    const optional = {
      '.gitignore': 'local_settings.py\n',
      'bench.py':
        'data = [str(i) for i in range(1000)]\n' +
        'for name in ("extra", "local_settings"):\n' +
        '    try:\n' +
        '        __import__(name)\n' +
        '    except ImportError:\n' +
        '        pass\n',
    };
    const repo = repoOf(optional, optional);
    // Only untracked files: one new, one ignored (it would keep 1 MB if it were measured).
    write(repo.dir, {
      'extra.py': 'cache = [bytes(1000) for _ in range(500)]\n',
      'local_settings.py': 'secret = [bytes(1000) for _ in range(1000)]\n',
    });
    const before = repositoryState(repo.dir);
    const run = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`head: working tree on top of ${repo.shas[1].slice(0, 7)}`);
    const report = run.report();
    expect(report.head.workingTree).toBe(true);
    const sites = report.scenarios[0].sites;
    const extra = sites.find((s) => s.file === 'extra.py');
    expect(extra).toMatchObject({ line: 1, baseSize: 0 });
    expect(extra?.headSize).toBeGreaterThan(500_000);
    expect(sites.filter((s) => s.file === 'local_settings.py')).toEqual([]);
    expect(report.scenarios[0].retained.delta).toBeLessThan(1_000_000);
    expect(repositoryState(repo.dir)).toBe(before);

    // With the untracked module gone, only the ignored file is left: HEAD, as a commit.
    rmSync(join(repo.dir, 'extra.py'));
    const clean = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain(`head HEAD = ${repo.shas[1]}`);
    expect(clean.stderr).not.toContain('working tree');
    expect(clean.report().head).toEqual({ sha: repo.shas[1], ref: 'HEAD' });
  });

  it('is not thrown by a submodule, an embedded repository or a symlink', async () => {
    const library = repoOf({ 'lib.py': 'value = 1\n' });
    const repo = repoOf(project);
    git(repo.dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library.dir, 'sub');
    git(
      repo.dir,
      '-c',
      'user.name=allocdiff test',
      '-c',
      'user.email=test@allocdiff.invalid',
      'commit',
      '-qm',
      'submodule',
    );
    // Changes inside the submodule are its own; the symlink and the nested repository are new.
    write(join(repo.dir, 'sub'), { 'lib.py': 'value = 2\n' });
    symlinkSync('work.py', join(repo.dir, 'alias.py'));
    const nested = join(repo.dir, 'vendored');
    mkdirSync(nested);
    git(nested, 'init', '-q');
    // A nested repository with a commit: a tree can hold its commit, never its files.
    const embedded = join(repo.dir, 'embedded');
    write(embedded, { 'helper.py': 'value = 1\n' });
    git(embedded, 'init', '-q');
    git(embedded, 'add', 'helper.py');
    git(
      embedded,
      '-c',
      'user.name=allocdiff test',
      '-c',
      'user.email=test@allocdiff.invalid',
      'commit',
      '-qm',
      'helper',
    );
    write(repo.dir, leaking);
    const before = repositoryState(repo.dir);
    const run = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('head: working tree on top of');
    // A nested repository with no commit cannot be part of a commit: left out, and said so.
    expect(run.stderr).toContain(
      "left out of the working tree: 'vendored/' does not have a commit",
    );
    expect(run.stderr).toContain(
      "left out of the working tree: 'embedded/' is a git repository of its own: head records " +
        'which commit it is on, not its files',
    );
    // Each said once, though git says the first twice.
    expect(run.stderr.split("'vendored/' does not have a commit").length).toBe(2);
    expect(run.report().scenarios[0].retained.delta).toBeGreaterThan(2_000_000);
    expect(repositoryState(repo.dir)).toBe(before);
    expect(git(join(repo.dir, 'sub'), 'status', '--porcelain')).toBe(' M lib.py\n');
  });

  it('carries deletions, renames, names with spaces or newlines and executable bits, run from a subfolder on a detached HEAD', async () => {
    const tree = {
      ...project,
      'bench.py':
        'import os, runpy\n' +
        'here = os.path.dirname(os.path.abspath(__file__))\n' +
        'data = runpy.run_path(os.path.join(here, "old name.py"))["data"]\n',
      'old name.py': 'data = [bytes(1000) for _ in range(300)]\n',
      'gone.py': 'x = 1\n',
      'tool.sh': 'exit 0\n',
      'sub/README': 'a subfolder\n',
    };
    const repo = repoOf(tree, tree);
    git(repo.dir, 'checkout', '-q', '--detach');
    // A staged rename, an unstaged deletion, a mode change, an untracked name with a newline.
    git(repo.dir, 'mv', 'old name.py', 'new name.py');
    rmSync(join(repo.dir, 'gone.py'));
    execFileSync('chmod', ['+x', join(repo.dir, 'tool.sh')]);
    write(repo.dir, {
      'line\nbreak.py': 'y = 2\n',
      'bench.py':
        'import os, runpy\n' +
        'here = os.path.dirname(os.path.abspath(__file__))\n' +
        'assert not os.path.exists(os.path.join(here, "gone.py")), "gone.py is still there"\n' +
        'assert not os.path.exists(os.path.join(here, "old name.py")), "old name.py is still there"\n' +
        'assert os.access(os.path.join(here, "tool.sh"), os.X_OK), "tool.sh is not executable"\n' +
        'assert os.path.exists(os.path.join(here, "line\\nbreak.py")), "line\\nbreak.py is missing"\n' +
        'data = runpy.run_path(os.path.join(here, "new name.py"))["data"]\n' +
        'more = [bytes(1000) for _ in range(300)]\n',
    });
    const before = repositoryState(repo.dir);
    const run = await allocdiff(
      join(repo.dir, 'sub'),
      '--base',
      'HEAD~1',
      '--script',
      '../bench.py',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`head: working tree on top of ${repo.shas[1].slice(0, 7)}`);
    const [scenario] = run.report().scenarios;
    expect(scenario).toMatchObject({ name: 'bench.py', status: 'ok' });
    expect(scenario.sites).toContainEqual(
      expect.objectContaining({ file: 'bench.py', line: 8, changedLine: true }),
    );
    expect(scenario.retained.delta).toBeGreaterThan(300_000);
    expect(repositoryState(repo.dir)).toBe(before);
  });

  it('stops, and never measures HEAD in its place, when git cannot read a file of the working tree', async () => {
    const repo = repoOf(project, project);
    write(repo.dir, { ...leaking, '.gitattributes': 'work.py filter=broken\n' });
    git(repo.dir, 'config', 'filter.broken.clean', 'false');
    git(repo.dir, 'config', 'filter.broken.required', 'true');
    // git diff and git status would run the failing filter too: the index and refs, as bytes.
    const state = () =>
      JSON.stringify([
        readFileSync(join(repo.dir, '.git', 'index')).toString('base64'),
        statSync(join(repo.dir, '.git', 'index')).mtimeMs,
        git(repo.dir, 'for-each-ref'),
        git(repo.dir, 'rev-parse', 'HEAD'),
      ]);
    const before = state();
    const run = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'allocdiff: the working tree could not be read to measure it as head',
    );
    expect(run.stderr).toContain("work.py: clean filter 'broken' failed");
    expect(run.stderr).toContain('--head HEAD measures the last commit instead');
    expect(run.stderr).not.toContain('Measuring');
    expect(state()).toBe(before);
  });

  it('warns when the untracked files it measures are large, naming where they are', async () => {
    const repo = repoOf(
      { ...project, '.gitignore': 'cache/\n' },
      { ...project, '.gitignore': 'cache/\n' },
    );
    // 11 MB untracked in data/, as much again ignored in cache/ (not measured, not counted).
    for (const folder of ['data', 'cache']) {
      mkdirSync(join(repo.dir, folder));
      writeFileSync(join(repo.dir, folder, 'big.bin'), Buffer.alloc(10_000_000, 1));
      writeFileSync(join(repo.dir, folder, 'small.bin'), Buffer.alloc(1_000_000, 2));
    }
    write(repo.dir, { 'notes.txt': 'a note\n' });
    const run = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "warning: the working tree's untracked files hold 10.5 MiB (data/ 10.5 MiB, notes.txt 7 B): " +
        "head measures them, so git copies them into the repository's objects",
    );
    expect(run.stderr).toContain('.gitignore');
    expect(run.report().head.workingTree).toBe(true);

    // Below the size, nothing is said.
    rmSync(join(repo.dir, 'data'), { recursive: true });
    const small = await allocdiff(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(small.code, small.stderr).toBe(0);
    expect(small.stderr).toContain('head: working tree on top of');
    expect(small.stderr).not.toContain('untracked files hold');
  });

  it('says a repository with no commits has nothing to compare', async () => {
    const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-empty-'));
    cleanup.push(dir);
    git(dir, 'init', '-q', '--initial-branch=main');
    write(dir, project);
    const run = await allocdiff(dir, '--base', 'main', '--script', 'bench.py');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `allocdiff: the base commit "main" does not exist: the repository ${dir} has no commits yet`,
    );
    expect(run.stderr).toContain('commit the project first');
  });

  it('is never head in the action: head comes from the event, whatever the workspace holds', async () => {
    const repo = repoOf(project, project);
    write(repo.dir, leaking);
    const token = 'ghs_workingTreeTokenValue0123456789';
    const api = await startGitHubApi({ token, owner: 'Codertocat', repo: 'Hello-World' });
    try {
      const payload = examplePayload('push') as { before: string; after: string };
      payload.before = repo.shas[0];
      payload.after = repo.shas[1];
      const result = await runAction({
        inputs: { 'github-token': token, script: 'bench.py', budget: 'retained: +100KB' },
        eventName: 'push',
        payload,
        workspace: repo.dir,
        repository: 'Codertocat/Hello-World',
        apiUrl: api.url,
      });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).not.toContain('working tree');
      const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
      expect(report.head).toEqual({ sha: repo.shas[1], ref: repo.shas[1] });
      expect(report.scenarios[0].sites.filter((s) => s.file === 'work.py')).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
