// The deep pass's progress in the log: how often `test k of n measured in depth` is said, and
// the count read from the files the harness writes as each test is recorded.
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProgressRate, watchProgress } from '../../src/capture/deep-progress.js';
import type { Logger } from '../../src/log.js';

const RULES = { quietMs: 10_000, step: 0.1, everyMs: 30_000, gapMs: 5_000 };

/** The counts told when `done` tests are done at each time (ms), in order. */
function told(total: number, points: Array<[ms: number, done: number]>): number[] {
  const rate = new ProgressRate(total, 0, RULES);
  return points.filter(([ms, done]) => rate.due(done, ms)).map(([, done]) => done);
}

describe('ProgressRate', () => {
  it('says nothing in the first seconds of a pass, however far it got', () => {
    expect(
      told(466, [
        [1_000, 50],
        [5_000, 300],
        [9_999, 465],
      ]),
    ).toEqual([]);
  });

  it('says the count once per further tenth of the tests, not once per test', () => {
    // One test done every 200 ms, 466 tests, from 10 s on: one line per 10 % crossed.
    const points = Array.from({ length: 466 }, (_, i): [number, number] => [
      10_000 + i * 200,
      i + 1,
    ]);
    const lines = told(466, points);
    expect(lines).toEqual([1, 47, 94, 140, 187, 233, 280, 327, 373, 420, 466]);
  });

  it('says the count every 30 s when a slow pass crosses no tenth meanwhile', () => {
    // 1,000 tests, one every 2 s: a tenth takes 200 s; a line every 30 s while the count moves.
    const points = Array.from({ length: 100 }, (_, i): [number, number] => [
      10_000 + i * 2_000,
      i + 1,
    ]);
    const lines = told(1_000, points);
    expect(lines.slice(0, 4)).toEqual([1, 16, 31, 46]);
    // Every 30 s, and at 100, the first tenth.
    expect(lines).toEqual([1, 16, 31, 46, 61, 76, 91, 100]);
  });

  it('says nothing again while the count stands still', () => {
    expect(
      told(466, [
        [10_000, 5],
        [45_000, 5],
        [80_000, 5],
      ]),
    ).toEqual([5]);
    expect(
      told(466, [
        [10_000, 5],
        [45_000, 5],
        [80_000, 6],
      ]),
    ).toEqual([5, 6]);
  });

  it('leaves 5 s at least between two lines, however few the tests', () => {
    // 12 tests, one every 3 s: each is a tenth, but a line comes at most every 5 s.
    const points = Array.from({ length: 12 }, (_, i): [number, number] => [
      10_000 + i * 3_000,
      i + 1,
    ]);
    expect(told(12, points)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it('says nothing for a pass of one test', () => {
    expect(told(1, [[20_000, 1]])).toEqual([]);
  });
});

describe('watchProgress', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the bytes of every process’s .progress file, and stops when told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocdiff-progress-'));
    dirs.push(dir);
    writeFileSync(join(dir, '11-1.started'), 'x'.repeat(100));
    writeFileSync(join(dir, '11-1.progress'), '...');
    writeFileSync(join(dir, '12-2.progress'), '..');
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line) } as unknown as Logger;
    const realNow = Date.now;
    // The pass started long enough ago for a line to be due.
    const started = realNow() - 60_000;
    Date.now = () => started;
    let stop: () => void;
    try {
      stop = watchProgress(dir, 40, log);
    } finally {
      Date.now = realNow;
    }
    await expect.poll(() => lines, { timeout: 5_000 }).toEqual(['test 5 of 40 measured in depth']);
    stop();
    appendFileSync(join(dir, '12-2.progress'), '.'.repeat(30));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lines).toEqual(['test 5 of 40 measured in depth']);
  });
});
