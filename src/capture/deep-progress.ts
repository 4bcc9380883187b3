/**
 * How far a deep pass of pytest tests has got, told in the log while it runs: each test the
 * harness has recorded in depth adds one byte to a `<token>.progress` file in the pass's folder
 * (python/allocdiff_harness/command.py's `_note_progress`), which allocdiff reads now and then,
 * and says `test 120 of 466 measured in depth` at a rate a long pass needs (`ProgressRate`):
 * never for a short pass, never once per test.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';

/** When a line is due: its own rules, so that they can be tried without a pass. */
export interface ProgressRules {
  /** No line before this many milliseconds of the pass: a short pass needs none. */
  quietMs: number;
  /** A line each time another this fraction of the tests is done (0.1: every 10 %). */
  step: number;
  /** And, between those, a line this many milliseconds after the last when more are done. */
  everyMs: number;
  /** Never two lines closer than this many milliseconds (a few slow tests, each a tenth). */
  gapMs: number;
}

export const PROGRESS_RULES: ProgressRules = {
  quietMs: 10_000,
  step: 0.1,
  everyMs: 30_000,
  gapMs: 5_000,
};

/**
 * Decides when the count of tests done is worth a line: none before `quietMs`; then at once,
 * and again when the count reaches a further `step` of the total than the last line said, or
 * `everyMs` after the last line when the count moved; never two lines within `gapMs`.
 */
export class ProgressRate {
  private said = 0;
  private told = false;
  private saidAt: number;

  constructor(
    private readonly total: number,
    private readonly startedAt: number,
    private readonly rules: ProgressRules = PROGRESS_RULES,
  ) {
    this.saidAt = startedAt;
  }

  /** Whether `done` tests, at `now` (milliseconds), are to be told; if so, taken as told. */
  due(done: number, now: number): boolean {
    if (this.total < 2 || done <= this.said || now - this.startedAt < this.rules.quietMs) {
      return false;
    }
    if (this.told && now - this.saidAt < this.rules.gapMs) return false;
    const stepOf = (count: number) =>
      Math.floor(Math.min(count, this.total) / this.total / this.rules.step + 1e-9);
    const due =
      !this.told || stepOf(done) > stepOf(this.said) || now - this.saidAt >= this.rules.everyMs;
    if (due) {
      this.told = true;
      this.said = done;
      this.saidAt = now;
    }
    return due;
  }
}

/** The tests recorded so far in the pass whose processes write into `dir`. */
async function testsDone(dir: string): Promise<number> {
  let done = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.progress')) continue;
    done += await stat(join(dir, name)).then(
      (file) => file.size,
      () => 0,
    );
  }
  return done;
}

/** How often the pass's folder is read. */
const POLL_MS = 1_000;

/**
 * Tells `log` how many of `total` tests the pass writing into `dir` has measured in depth, at
 * the rate of `ProgressRate`, until the returned function is called.
 */
export function watchProgress(dir: string, total: number, log: Logger): () => void {
  const rate = new ProgressRate(total, Date.now());
  let reading = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (reading) return;
    reading = true;
    void testsDone(dir)
      .then((done) => {
        if (!stopped && rate.due(done, Date.now())) {
          log.info(`test ${Math.min(done, total)} of ${total} measured in depth`);
        }
      })
      .finally(() => {
        reading = false;
      });
  }, POLL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
