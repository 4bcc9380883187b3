// Script mode: a `bench_*` function's figure is its first call, a cold one. A pull request that
// memoises into an unbounded cache makes the function's first call fill it, the same amount in
// every process, while its later calls find the cache full and allocate what base's later calls
// allocate. Every call also makes a temporary of a random size, so the later calls' peaks jitter
// and base's and head's overlap. The first calls, one per process (the first run's and the deep
// pass's), are apart by far more than they vary: the change is real, and the budget fails.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const RENDER_BASE = 'def render(i):\n' + '    return ("<p>%d</p>" % i) * 10\n';
// Head keeps a 1 KB entry per item it has seen, never evicted: filled by the first call only.
const RENDER_HEAD =
  '_SEEN = {}\n\n\n' +
  'def render(i):\n' +
  '    if i not in _SEEN:\n' +
  '        _SEEN[i] = bytearray(1_000)\n' +
  '    return ("<p>%d</p>" % i) * 10\n';

function tree(render: string): Record<string, string> {
  return {
    'app/__init__.py': '',
    'app/render.py': render,
    'benchmarks/bench.py':
      'import random\n\n' +
      'from app.render import render\n\n\n' +
      'def bench_render():\n' +
      // A temporary of a random size, alive through the call: every call's peak jitters.
      '    scratch = bytearray(random.randint(0, 20_000))\n' +
      '    out = [render(i) for i in range(300)]\n' +
      '    return len(out) + len(scratch)\n',
  };
}

describe('script mode: a cache a bench_* function fills on its first call', () => {
  it('fails the peak budget though the later calls jitter and overlap', async () => {
    const repo = repoOf(tree(RENDER_BASE), tree(RENDER_HEAD));
    const name = `${repo.shas[1]}-function-cold`;
    const { code, log, report, paths } = await runReport(
      repo.dir,
      ['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--budget', 'peak: +50%'],
      { name },
    );
    cleanup.push(
      paths.json,
      paths.markdown,
      paths.markdown.replace(/\.md$/, '.summary.md'),
      paths.markdown.replace(/\.md$/, '.html'),
    );
    expect(code, log).toBe(1);
    expect(report.verdict).toBe('fail');
    const scenario = report.scenarios.find((s) => s.name === 'bench_render')!;
    expect(scenario.repeats).toEqual({ base: 3, head: 3 });
    const { peak } = scenario;
    // The first call holds the cache: ~300 KB more, on a peak of some 60–80 KB.
    expect(peak.delta, JSON.stringify(peak)).toBeGreaterThan(200_000);
    // The later calls jitter (the random temporary) and are judged on their ranges; the first
    // calls, each a process's, on theirs: head's all above base's.
    expect(peak.noisy, JSON.stringify(peak)).toBe(true);
    expect(peak.cold, JSON.stringify(peak)).toBeDefined();
    const baseHigh = peak.cold!.baseRange?.[1] ?? peak.base!;
    const headLow = peak.cold!.headRange?.[0] ?? peak.head!;
    expect(headLow, JSON.stringify(peak)).toBeGreaterThan(baseHigh);
    const budget = report.budgets.find((b) => b.scenario === 'bench_render')!;
    expect(budget).toMatchObject({ metric: 'peak', status: 'fail' });
    expect(budget.noisy).toBeUndefined();
    const failLine = log.split('\n').find((line) => line.startsWith('FAIL'))!;
    expect(failLine, log).toContain('bench_render');
  }, 300_000);
});
