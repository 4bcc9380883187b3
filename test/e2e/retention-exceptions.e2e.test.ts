/**
 * Objects kept by the frames of stored exceptions' tracebacks (a parser that caches the
 * exceptions it raised, as a packrat cache does): the finding names what holds the exceptions,
 * a class attribute, not a frame that has returned; and no report text names the folders the
 * sides were checked out into. Through the bundled CLI on a real repository and real Python.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runReport, type ReportRun } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

const PARSE = (store: string) =>
  [
    'class Parser:',
    '    cache = {}',
    '',
    '',
    'def attempt(number):',
    '    scratch = bytearray(2000 + number)',
    '    raise ValueError(number)',
    '',
    '',
    'def parse(number):',
    '    try:',
    '        attempt(number)',
    '    except ValueError as error:',
    `        ${store}`,
    '',
  ].join('\n');

const BENCH = [
  'from app import parse',
  '',
  '',
  'def bench_parse():',
  '    for number in range(300):',
  '        parse.parse(number)',
  '',
].join('\n');

/** A side's checkout folder, as allocdiff makes them (`…/allocdiff-XXXXXX/head-XXXXXX`). */
const CHECKOUT = /allocdiff-[^/\s]+\/(head|base)-/;

describe('objects kept by the frames of cached exceptions (CLI, real git and Python)', () => {
  let result: ReportRun;
  let report: Report;
  let repoDir: string;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/parse.py': PARSE('pass'), 'benchmarks/bench.py': BENCH },
      {
        'app/__init__.py': '',
        'app/parse.py': PARSE('Parser.cache[number] = error'),
        'benchmarks/bench.py': BENCH,
      },
    );
    repoDir = repo.dir;
    result = await runReport(
      repo.dir,
      [
        ...['--base', 'HEAD~1', '--script', 'benchmarks/bench.py'],
        ...['--budget', 'retained: +10KB', '--peak-sites', 'false'],
      ],
      { name: repo.shas[1] },
    );
    expect(result.code, result.log).toBe(1);
    ({ report } = result);
  }, 600_000);

  it('names the class attribute that holds the exceptions, not a frame that has returned', () => {
    const findings = report.scenarios.find((s) => s.name === 'bench_parse')?.retention ?? [];
    const [scratch] = findings.filter((f) => f.site.file === 'app/parse.py' && f.site.line === 6);
    expect(scratch, result.log).toMatchObject({
      kind: 'class attribute',
      root: 'app.parse.Parser.cache',
      holder: 'app.parse.Parser.cache',
      holderType: 'dict',
    });
    expect(scratch!.path).toMatch(
      /^app\.parse\.Parser\.cache\[\d+\]\.__traceback__\.tb_next\.tb_frame\.scratch$/,
    );
    expect(findings.filter((f) => f.kind === 'frame')).toEqual([]);
    expect(result.markdown).toContain(
      'are kept alive by <code>app.parse.Parser.cache</code> (<code>dict</code>)',
    );
    expect(result.stdout).toContain('are kept alive by `app.parse.Parser.cache` (`dict`)');
  });

  it('no report text names the folder a side was checked out into', () => {
    for (const text of [result.stdout, result.markdown, readFileSync(result.paths.json, 'utf8')]) {
      expect(text).not.toMatch(CHECKOUT);
      expect(text).not.toContain(repoDir);
    }
  });
});
