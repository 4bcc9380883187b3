import { describe, expect, it } from 'vitest';
import { onBothSides, sequentialReason } from '../../src/capture/measure-sides.js';
import {
  functionRetainedChanged,
  PEAK_TOLERANCE_BYTES,
  peaksChanged,
  sidesAgree,
} from '../../src/compare/agreement.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import type { Logger } from '../../src/log.js';
import { LineMap } from '../../src/sides/line-map.js';
import { scenario, site, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    group: async (title, body) => {
      lines.push(`[${title}]`);
      return body();
    },
    info: (message) => lines.push(message),
    warning: (message) => lines.push(`warning: ${message}`),
    output: (chunk) => lines.push(`> ${chunk}`),
  };
}

describe('sequentialReason', () => {
  it('runs the sides at once with two cores, unless told not to', () => {
    expect(sequentialReason({ cores: 2 })).toBeUndefined();
    expect(sequentialReason({ cores: 2, parallel: true })).toBeUndefined();
    expect(sequentialReason({ cores: 1 })).toMatch(/one core/);
    expect(sequentialReason({ cores: 4, parallel: false })).toMatch(/turned off/);
  });
});

describe('onBothSides', () => {
  it("shows each side's lines as they come, marked, in one group, and says when each ends", async () => {
    const log = recordingLogger();
    let baseMayEnd: () => void = () => undefined;
    const headPrinted = new Promise<void>((resolve) => (baseMayEnd = resolve));
    const result = await onBothSides(
      log,
      (side) => `Measuring ${side}`,
      async (side, sideLog) => {
        sideLog.info(`${side} started`);
        if (side === 'base') {
          sideLog.output('base output ');
          // Base ends only after head has printed: head's lines come in between.
          await headPrinted;
          await new Promise((resolve) => setTimeout(resolve, 10));
          sideLog.output('ended\nbase unended');
        } else {
          sideLog.output('head output\n');
          baseMayEnd();
        }
        return side.toUpperCase();
      },
      undefined,
    );
    expect(result).toEqual({ base: 'BASE', head: 'HEAD' });
    expect(log.lines.map((line) => line.replace(/\(\d+\.\d s\)/, '(t)'))).toEqual([
      '[Measuring base and head, at the same time]',
      '[base] base started',
      '[head] head started',
      '> [head] head output\n',
      '[head] finished: Measuring head (t)',
      '> [base] base output ended\n',
      '> [base] base unended\n',
      '[base] finished: Measuring base (t)',
    ]);
  });

  it('gives a log with live lines one per side, ended as each side ends', async () => {
    const log = recordingLogger();
    const events: string[] = [];
    const withProgress: Logger = {
      ...log,
      progress: (title) => {
        events.push(`start ${title}`);
        return (outcome) => events.push(`${outcome} ${title}`);
      },
    };
    await expect(
      onBothSides(
        withProgress,
        (side) => `Measuring ${side}`,
        async (side) => {
          if (side === 'head') throw new Error('head failed');
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
        undefined,
      ),
    ).rejects.toThrow('head failed');
    expect(events).toEqual([
      'start Measuring base',
      'start Measuring head',
      'failed Measuring head',
      'done Measuring base',
    ]);
    expect(log.lines.some((line) => line.includes('finished'))).toBe(false);
  });

  it('still shows both logs when one side throws, then throws', async () => {
    const log = recordingLogger();
    await expect(
      onBothSides(
        log,
        (side) => side,
        async (side, sideLog) => {
          sideLog.info(`${side} ran`);
          if (side === 'head') throw new Error('git worktree vanished');
          return 1;
        },
        undefined,
      ),
    ).rejects.toThrow('git worktree vanished');
    expect(log.lines).toContain('[base] base ran');
    expect(log.lines).toContain('[head] head ran');
    expect(log.lines.some((line) => /^\[head\] failed: head \(/.test(line))).toBe(true);
  });

  it('runs one side after the other when told why', async () => {
    const order: string[] = [];
    await onBothSides(
      recordingLogger(),
      (side) => side,
      async (side) => {
        order.push(`${side} start`);
        await new Promise((resolve) => setTimeout(resolve, side === 'base' ? 20 : 0));
        order.push(`${side} end`);
      },
      'parallel sides are turned off',
    );
    expect(order).toEqual(['base start', 'base end', 'head start', 'head end']);
  });
});

describe('sidesAgree', () => {
  const sites = [site('app/a.py', 3, 1_000), site('app/b.py', 9, 64)];
  it('agrees when retained figures and every site are equal', () => {
    const base = snapshot([scenario('bench.py', sites, { peakBytes: 5_000 })]);
    const head = snapshot([scenario('bench.py', sites, { peakBytes: 5_000 })]);
    expect(sidesAgree(compareSnapshots(base, head, noChanges))).toBe(true);
  });

  it('tolerates a peak a few bytes apart, not more', () => {
    const base = snapshot([scenario('bench.py', sites, { peakBytes: 5_000 })]);
    const near = snapshot([scenario('bench.py', sites, { peakBytes: 5_000 - 68 })]);
    const far = snapshot([
      scenario('bench.py', sites, { peakBytes: 5_000 + PEAK_TOLERANCE_BYTES + 1 }),
    ]);
    expect(sidesAgree(compareSnapshots(base, near, noChanges))).toBe(true);
    expect(sidesAgree(compareSnapshots(base, far, noChanges))).toBe(false);
  });

  it('disagrees on any site that differs, a failed side, or a scenario on one side only', () => {
    const base = snapshot([scenario('bench.py', sites)]);
    const grown = snapshot([scenario('bench.py', [sites[0]!, site('app/b.py', 9, 65)])]);
    const failed = snapshot([scenario('bench.py', sites, { status: 'failed' })]);
    const extra = snapshot([scenario('bench.py', sites), scenario('bench_more', [])]);
    expect(sidesAgree(compareSnapshots(base, grown, noChanges))).toBe(false);
    expect(sidesAgree(compareSnapshots(base, failed, noChanges))).toBe(false);
    expect(sidesAgree(compareSnapshots(base, extra, noChanges))).toBe(false);
    expect(sidesAgree(compareSnapshots(snapshot([]), snapshot([]), noChanges))).toBe(false);
  });
});

describe('peaksChanged', () => {
  it('names the scenarios on both sides whose peak moved beyond the tolerance, up or down', () => {
    const at = (peaks: Record<string, number>) =>
      snapshot(
        Object.entries(peaks).map(([name, peakBytes]) =>
          scenario(name, [], { kind: 'function', peakBytes }),
        ),
      );
    const base = at({ bench_up: 5_000, bench_down: 90_000, bench_near: 5_000, bench_gone: 7 });
    const head = at({
      bench_up: 5_000 + PEAK_TOLERANCE_BYTES + 1,
      bench_down: 30_000,
      bench_near: 5_000 + PEAK_TOLERANCE_BYTES,
      bench_new: 80_000,
    });
    expect(peaksChanged(compareSnapshots(base, head, noChanges)).sort()).toEqual([
      'bench_down',
      'bench_up',
    ]);
    const failed = snapshot([scenario('bench_up', [], { status: 'failed', peakBytes: 0 })]);
    expect(peaksChanged(compareSnapshots(base, failed, noChanges))).toEqual([]);
  });
});

describe('peaksChanged of large peaks', () => {
  const sides = (base: number, head: number) =>
    compareSnapshots(
      snapshot([scenario('bench.py', [], { kind: 'script', peakBytes: base })]),
      snapshot([scenario('bench.py', [], { kind: 'script', peakBytes: head })]),
      noChanges,
    );
  it('leaves out a change beyond the bytes tolerance that is too small a share of the peak', () => {
    // 3,217 B of a 13.1 MB peak: 0.02 %, no change its sites could show.
    expect(peaksChanged(sides(13_130_318, 13_127_101))).toEqual([]);
    expect(peaksChanged(sides(13_130_318, 13_130_318 + 131_000))).toEqual([]);
    expect(peaksChanged(sides(13_130_318, 13_130_318 + 135_000))).toEqual(['bench.py']);
    expect(peaksChanged(sides(13_130_318, 12_900_000))).toEqual(['bench.py']);
  });
  it('leaves out a change smaller than the minimum change', () => {
    expect(peaksChanged(sides(1_000_000, 1_200_000), 256 * 1024)).toEqual([]);
    expect(peaksChanged(sides(1_000_000, 1_300_000), 256 * 1024)).toEqual(['bench.py']);
  });
});

describe('functionRetainedChanged', () => {
  const sides = (kind: 'function' | 'script', base: number, head: number) =>
    compareSnapshots(
      snapshot([scenario('bench_a', [site('app/a.py', 3, base)], { kind })]),
      snapshot([scenario('bench_a', [site('app/a.py', 3, head)], { kind })]),
      noChanges,
    );

  it('asks for a leak check when a function kept a different amount', () => {
    expect(functionRetainedChanged(sides('function', 100, 5_000))).toBe(true);
    expect(functionRetainedChanged(sides('function', 5_000, 100))).toBe(true);
  });

  it('does not for a function that kept the same, nor for a whole script', () => {
    expect(functionRetainedChanged(sides('function', 100, 100))).toBe(false);
    expect(functionRetainedChanged(sides('script', 100, 5_000))).toBe(false);
  });
});
