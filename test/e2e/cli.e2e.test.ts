import { spawnSync } from 'node:child_process';
import { runCommand, testTemp } from '../support/run-cli.js';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

const repoOf = repoMaker(cleanup);

function cli(cwd: string, ...args: string[]) {
  return runCommand(declaredNode(), [CLI, ...args], { cwd });
}

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const quiet = { 'bench.py': 'data = [str(i) for i in range(1000)]\n' };
const grown = {
  'bench.py': 'data = [str(i) for i in range(1000)]\nmore = [str(i) for i in range(5000)]\n',
};

describe('allocdiff CLI', () => {
  it('prints the report and exits 0 when the budget holds', async () => {
    const repo = repoOf(quiet, grown);
    const json = join(testTemp(), `${repo.shas[0]}.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +10MB',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/bench\.py:2 \*\s+\+\d+/);
    expect(result.stdout).toContain('PASS');
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.scenarios[0].sites[0]).toMatchObject({
      file: 'bench.py',
      line: 2,
      baseLine: null,
    });
    // 5000 short strings and their list: well over 250 KB retained.
    expect(report.scenarios[0].retained.delta).toBeGreaterThan(250_000);
  });

  it('writes each run’s reports to a private folder of its own, and prints where', async () => {
    // Two projects measured at once by one user, sharing the temporary folder.
    const repos = [repoOf(quiet, grown), repoOf(quiet, grown)];
    const temp = mkdtempSync(join(tmpdir(), 'allocdiff-cli-temp-'));
    cleanup.push(temp);
    // Another user's link where a fixed report path would be.
    const planted = join(temp, 'planted');
    mkdirSync(planted);
    symlinkSync(planted, join(temp, 'allocdiff'));
    const env = { ...process.env, TMPDIR: temp };
    const args = [CLI, '--base', 'HEAD~1', '--script', 'bench.py'];
    const runs = await Promise.all(
      repos.map((repo) => runCommand(declaredNode(), args, { cwd: repo.dir, env })),
    );
    const paths = runs.map((run) => {
      expect(run.code, run.stderr).toBe(0);
      const json = /^JSON report: (.+)$/m.exec(run.stderr)?.[1];
      expect(json).toMatch(new RegExp(`^${temp}/allocdiff-\\w{6}/report\\.json$`));
      expect(run.stderr).toContain(`Markdown: ${dirname(json!)}/report.md`);
      expect(run.stderr).toContain(`Full Markdown report: ${dirname(json!)}/report.summary.md`);
      expect((JSON.parse(readFileSync(json!, 'utf8')) as Report).verdict).toBe('pass');
      expect(statSync(dirname(json!)).mode & 0o777).toBe(0o700);
      return json!;
    });
    expect(dirname(paths[0])).not.toBe(dirname(paths[1]));
    expect(readdirSync(planted)).toEqual([]);
  });

  it('leaves nothing in the temporary folder when a run ends before writing its reports', async () => {
    const repo = repoOf(quiet, grown);
    const temp = mkdtempSync(join(tmpdir(), 'allocdiff-cli-temp-'));
    cleanup.push(temp);
    const env = { ...process.env, TMPDIR: temp };
    const failed = await runCommand(
      declaredNode(),
      [CLI, '--base', 'no-such-branch', '--script', 'bench.py'],
      { cwd: repo.dir, env },
    );
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr).toContain('no-such-branch');
    expect(readdirSync(temp)).toEqual([]);
    // A run that reports keeps its folder (its paths are printed), and only that.
    const reported = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--json', join(temp, 'r.json')],
      { cwd: repo.dir, env },
    );
    expect(reported.code, reported.stderr).toBe(0);
    expect(readdirSync(temp).sort()).toEqual([
      expect.stringMatching(/^allocdiff-\w{6}$/),
      'r.json',
    ]);
  });

  it('warns when base and head are the same commit', async () => {
    const repo = repoOf(quiet);
    const json = join(testTemp(), `${repo.shas[0]}-same.json`);
    cleanup.push(json);
    const result = await cli(repo.dir, '--base', 'HEAD', '--script', 'bench.py', '--json', json);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain(
      `base and head are the same commit (${repo.shas[0].slice(0, 7)})`,
    );
  });

  it('exits 1 when a budget is exceeded', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +10KB',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/retained\s+bench\.py\s+\+10KB\s+\+\d+.*fail/);
  });

  it('exits 2 on bad usage, naming the problem', async () => {
    const repo = repoOf(quiet, grown);
    expect(await cli(repo.dir, '--script', 'bench.py')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--base is required'),
    });
    const badBudget = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'peak: lots',
    );
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('budget rule "peak: lots": "lots" is not a limit');
    // Two rules joined by a comma, which separates limits: the error says rules take ";".
    const comma = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'peak: +5%, retained: +1KB',
    );
    expect(comma.code).toBe(2);
    expect(comma.stderr).toContain(
      'budget rule "peak: +5%, retained: +1KB": "retained: +1KB" is not a limit (it reads as a ' +
        'rule of its own: separate rules with ";" (a "," separates the limits of one rule), ' +
        'e.g. "peak: …; retained: +1KB")',
    );
    expect(await cli(repo.dir, '--base', 'HEAD~1', '--script', 'nope.py')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"nope.py" exists in neither the base nor the head commit'),
    });
    expect(await cli(repo.dir, '--bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown option --bogus'),
    });
  });

  it('warns that --select-tests is not applied to a script, and measures it all', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--select-tests',
      'true',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'warning: select-tests: true is not applied: it selects the tests of a pytest command ' +
        '(command: "python -m pytest …", with no setup), and this run measures the script ' +
        'bench.py, all of it',
    );
    expect(result.stdout).toMatch(/bench\.py:2 \*\s+\+\d+/);
  });

  it('guesses what a mistyped option or config key meant', async () => {
    const repo = repoOf(quiet, {
      ...grown,
      'allocdiff.yml': 'failon: warn\nbudgets:\n  retianed: +1KB\n',
    });
    const option = await cli(repo.dir, '--base', 'HEAD~1', '--scirpt', 'bench.py');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --scirpt; did you mean --script?');
    const keys = await cli(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain('failon: unknown key; did you mean fail-on? allowed:');
    expect(keys.stderr).toContain('budgets.retianed: unknown metric; did you mean retained?');
  });

  it('prints the usage when run with no arguments', async () => {
    const result = await cli(PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage:\n  allocdiff --base REF');
    expect(result.stderr).toContain('Run "allocdiff --help" for the options.');
  });

  it('writes the JSON report to stdout with --json -, and takes --[no-]NAME toggles', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--json',
      '-',
      '--no-object-types',
      '--peak-sites',
      '--no-parallel',
    );
    expect(result.code, result.stderr).toBe(0);
    // stdout is the JSON alone; the terminal's report goes to stderr.
    const report = JSON.parse(result.stdout) as Report;
    expect(report.scenarios[0].name).toBe('bench.py');
    expect(result.stderr).toContain('PASS');
    // --no-object-types: no object counts; --peak-sites: the sites at the peak, found always.
    expect(report.scenarios[0]).not.toHaveProperty('objectTypes');
    expect(report.scenarios[0].peakSites?.sites.length).toBeGreaterThan(0);
    expect(readdirSync(repo.dir)).not.toContain('-');
  });

  it('writes the Markdown comment to stdout with --markdown -', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--markdown',
      '-',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('<!-- allocdiff');
    expect(result.stdout).toContain('bench.py');
    expect(result.stdout).not.toContain('PASS:');
    expect(result.stderr).toContain('PASS');
    expect(readdirSync(repo.dir)).not.toContain('-');
  });

  it('exits 3 when the head benchmark raises, and still reports the base side', async () => {
    const repo = repoOf(quiet, {
      'bench.py': 'data = [1, 2, 3]\nraise RuntimeError("head is broken")\n',
    });
    const json = join(testTemp(), `${repo.shas[1]}.json`);
    cleanup.push(json);
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py', '--json', json);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('the head side failed: RuntimeError: head is broken');
    const [scenario] = (JSON.parse(readFileSync(json, 'utf8')) as Report).scenarios;
    expect(scenario.status).toBe('failed');
    expect(scenario.error).toMatchObject({
      side: 'head',
      type: 'RuntimeError',
      message: 'head is broken',
    });
    expect(scenario.error?.output).toContain('RuntimeError: head is broken');
    expect(scenario.peak.base).toBeGreaterThan(0);
  });

  it('does not call a +1 MiB growth with no budget green: it says how to add one', async () => {
    const repo = repoOf(quiet, {
      'bench.py': `${quiet['bench.py']}more = bytearray(1024 * 1024)\n`,
    });
    const out = join(testTemp(), `${repo.shas[1]}-unbudgeted`);
    cleanup.push(`${out}.json`, `${out}.md`, `${out}.summary.md`, `${out}.html`);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--json',
      `${out}.json`,
      '--markdown',
      `${out}.md`,
    );
    // The verdict and the exit status are a pass: nothing was checked.
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.scenarios[0].retained.delta).toBeGreaterThan(1024 * 1024);
    for (const file of [`${out}.md`, `${out}.summary.md`]) {
      const headline = readFileSync(file, 'utf8').split('\n')[3];
      expect(headline.startsWith('📈 ')).toBe(true);
      expect(headline).not.toContain('✅');
      expect(headline).toMatch(
        /grew (\+[\d,.]+ %|×[\d,.]+) \(\+1\.\d\d MiB\)\*\*, most at <code>bench\.py:2<\/code>/,
      );
      expect(headline).toContain('No budget is set, so nothing was checked: add one, e.g.');
      expect(headline).toContain("<code>budget: 'retained: +100KB'</code>");
    }
    const last = result.stdout.trimEnd().split('\n').at(-1);
    expect(last).toMatch(/^PASS: .* grew .*, most at bench\.py:2 \(\+1\.\d\d MiB\); /);
    expect(last).toContain(
      'no budget is set, so nothing was checked: add one, e.g. --budget "retained: +100KB"',
    );
    // The repeats the note counts are the ones the environment lists: the first run, and one
    // more process that measured exactly the same (the repeat, which also counted objects).
    const markdown = readFileSync(`${out}.md`, 'utf8');
    expect(markdown).toContain('- Repeats per side: 2\n');
    expect(markdown).toContain(
      'is deterministic: 2 identical runs per side (processes of their own), so no further repeats were needed',
    );
  });

  it('says a scenario that failed on both sides failed on both, once', async () => {
    const broken = (extra: string) => ({
      'bench.py': `${extra}def load():\n    raise ValueError("broken")\n\nload()\n`,
    });
    const repo = repoOf(broken(''), broken('x = 1\n'));
    const out = join(testTemp(), `${repo.shas[1]}-both`);
    cleanup.push(`${out}.json`, `${out}.md`, `${out}.summary.md`, `${out}.html`);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--json',
      `${out}.json`,
      '--markdown',
      `${out}.md`,
    );
    expect(result.code).toBe(3);
    const [scenario] = (JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report).scenarios;
    expect(scenario.error).toMatchObject({ side: 'head', type: 'ValueError' });
    expect(scenario.baseError).toMatchObject({ type: 'ValueError', message: 'broken' });
    expect(result.stdout).toContain('bench.py: both sides failed: ValueError: broken');
    expect(result.stdout).not.toContain('the head side failed');
    expect(result.stdout.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
    for (const file of [`${out}.md`, `${out}.summary.md`]) {
      const markdown = readFileSync(file, 'utf8');
      expect(markdown.split('\n')[3]).toBe(
        '❌ **The base and head benchmarks failed:** <code>bench.py</code> raised <code>ValueError</code> on both sides.',
      );
      expect(markdown).toContain('💥 base and head failed');
      expect(markdown.match(/<details><summary>💥/g)).toHaveLength(1);
      expect(markdown.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
    }
  });

  it('exits 3 when the base commit does not exist', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(repo.dir, '--base', 'no-such-branch', '--script', 'bench.py');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the base commit "no-such-branch" is not in this clone');
  });

  it('exits 4 when a snapshot is corrupt: invalid data, not a benchmark that failed', async () => {
    // Head's benchmark spoils the snapshot the harness wrote: its exit handler runs after that.
    const spoiler = [
      'import atexit, sys',
      "out = sys.orig_argv[sys.orig_argv.index('--out') + 1]",
      "atexit.register(lambda: open(out, 'w').write('{\"schema\": '))",
      '',
    ].join('\n');
    const repo = repoOf(quiet, { 'bench.py': `${quiet['bench.py']}${spoiler}` });
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/allocdiff: snapshot \S+snapshot\.json is not valid JSON/);
  });

  it('reports a benchmark that only exists on head as new', async () => {
    const repo = repoOf({ 'README.md': 'nothing yet\n' }, grown);
    const json = join(testTemp(), `${repo.shas[1]}-new.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +1KB',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    const [scenario] = (JSON.parse(readFileSync(json, 'utf8')) as Report).scenarios;
    expect(scenario).toMatchObject({
      name: 'bench.py',
      status: 'new',
      peak: { base: null, delta: null },
    });
  });

  it('takes the script path relative to where it is run, and runs setup in each checkout', async () => {
    const files = {
      'tools/bench.py': 'import pathlib\nmarker = pathlib.Path("setup-ran").read_text()\n',
    };
    const repo = repoOf(files, files);
    mkdirSync(join(repo.dir, 'tools'), { recursive: true });
    const json = join(repo.dir, '..', `${repo.shas[1]}-tools.json`);
    cleanup.push(json);
    const result = await cli(
      join(repo.dir, 'tools'),
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--setup',
      'echo yes > setup-ran',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    // Measured on both sides (the script read what setup wrote), and unchanged.
    const [scenario] = (JSON.parse(readFileSync(json, 'utf8')) as Report).scenarios;
    expect(scenario).toMatchObject({ name: 'tools/bench.py', status: 'ok' });
    expect(result.stdout).toContain('1 scenario unchanged, 0 changed');
  });

  it("starts with a cache folder under the declared Node and the machine's own", async () => {
    // The cache folder turns on Node's compile cache where Node has one (22.1 and later); an
    // older Node runs the same CLI compiling every time.
    const cache = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-cli-cache-'));
    cleanup.push(cache);
    // The machine's own Node, outside the project's packages, when it has one (npm puts the
    // declared Node first on the PATH of the tests).
    const path = (process.env.PATH ?? '')
      .split(':')
      .filter((dir) => dir !== '' && !dir.includes('node_modules'))
      .join(':');
    const own = spawnSync('sh', ['-c', 'command -v node'], { env: { PATH: path } })
      .stdout.toString()
      .trim();
    for (const node of new Set([declaredNode(), process.execPath, ...(own ? [own] : [])])) {
      const result = await runCommand(node, [CLI, '--cache', cache, '--version'], {
        cwd: PROJECT_ROOT,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('prints help and version', async () => {
    expect((await cli(PROJECT_ROOT, '--help')).stdout).toContain('Exit codes:');
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await cli(PROJECT_ROOT, '--version')).stdout.trim()).toBe(pkg.version);
  });
});
