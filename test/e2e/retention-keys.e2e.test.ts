/**
 * Objects held only as the keys of a dict (`_seen[make_key()] = True`) or as the members of a
 * set: the collector reports no dict of string keys holding its keys, yet the retention walk finds
 * them under the dict, says they are its keys, and blames the changed line that stored them.
 * Through the bundled CLI in script mode, on a real repository and real Python.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runReport, type ReportRun } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

const NAMES_BASE = [
  'def make_key(number):',
  '    return "key-%d-%s" % (number, "k" * 40)',
  '',
  '',
  'def remember(count):',
  '    for number in range(count):',
  '        make_key(number)',
  '',
  '',
  'def name(count):',
  '    for number in range(count):',
  '        "name-%d-%s" % (number, "n" * 40)',
  '',
].join('\n');

const NAMES_HEAD = [
  '_seen = {}',
  '_names = set()',
  '',
  '',
  'def make_key(number):',
  '    return "key-%d-%s" % (number, "k" * 40)',
  '',
  '',
  'def remember(count):',
  '    for number in range(len(_seen), len(_seen) + count):',
  '        _seen[make_key(number)] = True',
  '',
  '',
  'def name(count):',
  '    for number in range(count):',
  '        _names.add("name-%d-%s" % (number, "n" * 40))',
  '',
].join('\n');

const BENCH = [
  'from app import names',
  '',
  '',
  'def bench_keys():',
  '    names.remember(3000)',
  '',
  '',
  'def bench_set():',
  '    names.name(3000)',
  '',
].join('\n');

/** The head line of app/names.py that holds `text`. */
function lineOf(text: string): number {
  const index = NAMES_HEAD.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line ${text}`);
  return index + 1;
}

describe('objects held as the keys of a dict or the members of a set (CLI, real git and Python)', () => {
  let result: ReportRun;
  let report: Report;
  let markdown: string;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/names.py': NAMES_BASE, 'benchmarks/bench.py': BENCH },
      { 'app/__init__.py': '', 'app/names.py': NAMES_HEAD, 'benchmarks/bench.py': BENCH },
    );
    result = await runReport(
      repo.dir,
      ['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--peak-sites', 'false'],
      { name: repo.shas[1] },
    );
    expect(result.code, result.stderr).toBe(0);
    ({ report, markdown } = result);
  }, 600_000);

  const at = (scenario: string, line: number) => {
    const found = report.scenarios.find((s) => s.name === scenario)?.retention;
    expect(found, `${scenario}: ${result.stderr}`).toBeDefined();
    return found!.filter((f) => f.site.file === 'app/names.py' && f.site.line === line);
  };

  it('strings kept only as the keys of a module dict are found, held by the dict as its keys', () => {
    const stored = lineOf('_seen[make_key(number)] = True');
    const [keys] = at('bench_keys', lineOf('return "key-%d'));
    expect(keys).toMatchObject({
      kind: 'module global',
      holder: 'app.names._seen',
      holderType: 'dict',
      path: 'app.names._seen[key]',
      culprit: { file: 'app/names.py', line: stored },
    });
    expect(keys!.bytes).toBeGreaterThanOrEqual(3000 * 80);
    expect(result.stdout).toMatch(
      new RegExp(
        `of [\\d,]+ objects from \`app/names\\.py:${lineOf('return "key-%d')}\` are kept alive by ` +
          `\`app\\.names\\._seen\` \\(\`dict\`\\), as its keys, filled at \`app/names\\.py:${stored}\`, ` +
          'a line this change made',
      ),
    );
    expect(markdown).toContain(
      'kept alive by <code>app.names._seen</code> (<code>dict</code>), as its keys',
    );
  });

  it('strings kept as the members of a module set are found, held by the set', () => {
    const added = lineOf('_names.add(');
    const [members] = at('bench_set', added);
    expect(members).toMatchObject({
      kind: 'module global',
      holder: 'app.names._names',
      holderType: 'set',
      path: 'app.names._names[…]',
      culprit: { file: 'app/names.py', line: added },
    });
    expect(members!.objects).toBeGreaterThanOrEqual(3000);
  });
});
