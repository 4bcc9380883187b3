// The benchmark's and setup's output reaches the runner's log, which obeys workflow commands
// (`::warning::`, `::add-mask::`, `::set-output`) at the start of a line: the bundled action
// relays that output with commands off, and its own lines stay obeyed.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePayload, runAction } from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';
import { repoMaker } from '../support/trees.js';

const TOKEN = 'ghs_e2eFenceToken0123456789abcdef';

/** The lines a runner obeys as workflow commands, as it reads a step's output. */
function obeyedCommands(log: string): string[] {
  const obeyed: string[] = [];
  let stopToken: string | undefined;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.*)$/.exec(line);
    if (stop) stopToken = stop[1];
    else if (/^::[\w-]+( [^:]*)?::/.test(line)) obeyed.push(line);
  }
  return obeyed;
}

const FORGED = [
  '::warning::FORGED warning from the benchmark',
  '::add-mask::FORGED',
  '::set-output name=verdict::FORGED',
  '::error file=app.py,line=1::FORGED error',
  // A guess at the end marker: only the real token ends the stretch.
  '::0123456789abcdef0123456789abcdef::',
  '::stop-commands::FORGED',
  '::FORGED::',
  '::warning::FORGED after the guesses',
];

const BENCHMARK = (size: number) =>
  [
    'import sys',
    `data = bytearray(${size})`,
    ...FORGED.map((line) => `print(${JSON.stringify(line)})`),
    ...FORGED.map((line) => `print(${JSON.stringify(line)}, file=sys.stderr)`),
    // Output that ends mid-line: the action's next line must still start a line of its own.
    "sys.stdout.write('::warning::FORGED without a newline')",
  ].join('\n');

describe('the bundled action relays the benchmark’s output with workflow commands off', () => {
  const cleanup: string[] = [];
  const repoOf = repoMaker(cleanup);
  let api: GitHubApiDouble;

  beforeAll(async () => {
    api = await startGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World' });
  });

  afterAll(async () => {
    await api?.close();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('obeys none of the commands the benchmark or setup prints, and all of its own', async () => {
    const repo = repoOf({ 'bench.py': BENCHMARK(1_000) }, { 'bench.py': BENCHMARK(200_000) });
    const payload = examplePayload('push') as { before: string; after: string };
    payload.before = repo.shas[0];
    payload.after = repo.shas[1];
    const result = await runAction({
      inputs: {
        script: 'bench.py',
        'github-token': TOKEN,
        budget: 'retained: +10KB',
        setup: "echo '::warning::FORGED by setup'",
        parallel: 'false',
      },
      eventName: 'push',
      payload,
      workspace: repo.dir,
      repository: 'Codertocat/Hello-World',
      apiUrl: api.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    // The output is in the log, as the benchmark printed it.
    expect(result.stdout).toContain('::add-mask::FORGED');
    expect(result.stdout).toContain('::warning::FORGED by setup');
    const obeyed = obeyedCommands(result.stdout);
    expect(obeyed.filter((line) => line.includes('FORGED'))).toEqual([]);
    // The action's own commands are still obeyed: its groups, and the failed budget.
    expect(obeyed).toContain('::group::Measuring base ' + repo.shas[0].slice(0, 7));
    expect(
      obeyed.some((line) => /^::error::(caused by .*; )?memory budget exceeded/.test(line)),
    ).toBe(true);
    expect(result.outputs.verdict).toBe('fail');
  });
  it("streams each side's lines as they come, marked and fenced, when the sides run at once", async () => {
    // Base ends only once head has started (or after 30 s, should the sides run one after the
    // other): with each side's log held back until the end, head's lines would all come after
    // base's.
    const signals = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-signal-'));
    cleanup.push(signals);
    const started = join(signals, 'head-started');
    const side = (name: string, size: number, wait: string[]) =>
      [
        'import os, sys, time',
        `print(${JSON.stringify(`${name} starts`)}, flush=True)`,
        ...wait,
        `data = bytearray(${size})`,
        "print('::warning::FORGED from ' + " + JSON.stringify(name) + ', flush=True)',
        "sys.stdout.write('....')",
        'sys.stdout.flush()',
        `print(${JSON.stringify(` ${name} ends`)}, flush=True)`,
      ].join('\n');
    const base = side('base', 1_000, [
      'deadline = time.monotonic() + 30',
      `while not os.path.exists(${JSON.stringify(started)}) and time.monotonic() < deadline:`,
      '    time.sleep(0.05)',
    ]);
    const head = side('head', 200_000, [`open(${JSON.stringify(started)}, 'w').close()`]);
    const repo = repoOf({ 'bench.py': base }, { 'bench.py': head });
    const payload = examplePayload('push') as { before: string; after: string };
    payload.before = repo.shas[0];
    payload.after = repo.shas[1];
    const result = await runAction({
      inputs: { script: 'bench.py', 'github-token': TOKEN, parallel: 'true' },
      eventName: 'push',
      payload,
      workspace: repo.dir,
      repository: 'Codertocat/Hello-World',
      apiUrl: api.url,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const log = result.stdout;
    const lines = log.split('\n');
    const group = `::group::Measuring base ${repo.shas[0].slice(0, 7)} and head ${repo.shas[1].slice(0, 7)}, at the same time`;
    expect(lines).toContain(group);
    // Streamed: head's first line is in the log before base's last.
    const first = (line: string) => lines.indexOf(line);
    expect(first('[base] base starts')).toBeGreaterThan(first(group));
    expect(first('[head] head starts')).toBeGreaterThan(first(group));
    expect(first('[head] head starts')).toBeLessThan(first('[base] .... base ends'));
    // Each side's end is said, inside the group.
    for (const name of ['base', 'head']) {
      const finished = lines.findIndex((line) =>
        line.startsWith(`[${name}] finished: Measuring ${name}`),
      );
      expect(finished, log).toBeGreaterThan(first(`[${name}] .... ${name} ends`));
      expect(finished).toBeLessThan(lines.indexOf('::endgroup::', first(group)));
    }
    // Every line of the benchmark's is marked, and relayed with workflow commands off.
    expect(
      lines.filter((line) => /^((\.\.\.\. )?(base|head) ends|(base|head) starts)$/.test(line)),
    ).toEqual([]);
    expect(lines).toContain('[head] ::warning::FORGED from head');
    expect(obeyedCommands(log).filter((line) => line.includes('FORGED'))).toEqual([]);
    let stopToken: string | undefined;
    const unfenced: string[] = [];
    for (const line of lines) {
      if (stopToken !== undefined) {
        if (line === `::${stopToken}::`) stopToken = undefined;
      } else if (line.startsWith('::stop-commands::')) stopToken = line.slice(17);
      else if (/ (starts|ends)$|FORGED/.test(line)) unfenced.push(line);
    }
    expect(unfenced).toEqual([]);
  });
});
