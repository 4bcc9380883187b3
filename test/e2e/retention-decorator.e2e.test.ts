/**
 * A pull request that decorates a function with an unbounded `functools.lru_cache`: the changed
 * line is the decorator, which allocates nothing itself, and the objects the cache keeps were
 * made on lines it did not touch. The verdict blames the decorator, as the line that made the
 * cache. Through the bundled CLI on a real repository and real Python.
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

const UTIL_BASE = [
  'import functools',
  '',
  '',
  'def escape(text):',
  '    text = text.replace("&", "&amp;")',
  '    return text.replace("<", "&lt;")',
  '',
].join('\n');

/** The head: the same function, memoised without bound. */
const UTIL_HEAD = [
  'import functools',
  '',
  '',
  '@functools.lru_cache(maxsize=None)',
  'def escape(text):',
  '    text = text.replace("&", "&amp;")',
  '    return text.replace("<", "&lt;")',
  '',
].join('\n');
const DECORATOR = 4;

const BENCH = [
  'from app.util import escape',
  '',
  '',
  'def bench_render():',
  '    for n in range(400):',
  '        fragment = "<p>" + str(n) * 40 + " & more</p>"',
  '        escape(fragment)',
  '',
].join('\n');

describe('a changed lru_cache decorator (CLI, real git and Python)', () => {
  let result: ReportRun;
  let report: Report;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/util.py': UTIL_BASE, 'benchmarks/bench.py': BENCH },
      { 'app/__init__.py': '', 'app/util.py': UTIL_HEAD, 'benchmarks/bench.py': BENCH },
    );
    result = await runReport(
      repo.dir,
      ['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--budget', 'retained: +10KB'],
      { name: repo.shas[1] },
    );
    ({ report } = result);
  }, 600_000);

  it('is the culprit of what the cache keeps, though no object was made on it', () => {
    const [scenario] = report.scenarios;
    expect(scenario?.retention, result.log).toBeDefined();
    const cached = scenario!.retention!.filter((f) => f.holder === 'app.util.escape');
    expect(cached.length, result.log).toBeGreaterThan(0);
    for (const finding of cached)
      expect(finding.culprit, finding.path).toMatchObject({
        file: 'app/util.py',
        line: DECORATOR,
        evidence: 'stored',
        type: 'functools.lru_cache',
      });
    // The decorator allocates nothing: no site of its own.
    expect(scenario!.sites.some((site) => site.line === DECORATOR)).toBe(false);
  });

  it('the verdict blames the decorator, in the terminal and the comment', () => {
    expect(result.code, result.log).toBe(1);
    const verdict = result.stdout.split('\n').find((line) => /^(PASS|WARN|FAIL): /.test(line));
    expect(verdict, result.stdout).toMatch(
      new RegExp(`^FAIL: caused by app/util\\.py:${DECORATOR}: `),
    );
    expect(verdict).toContain(
      `by the cache of \`app.util.escape\` (\`functools.lru_cache\`), made at \`app/util.py:${DECORATOR}\`, a line this change made`,
    );
    expect(verdict).toContain('memory budget exceeded: retained of bench_render');
    expect(result.markdown).toContain(`**Caused by <code>app/util.py:${DECORATOR}</code>** ✏️`);
  });
});
