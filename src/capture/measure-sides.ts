/**
 * Running the two sides: one after the other, or both at once on different cores when that is
 * safe. Whether a cheap first pass found something to measure in depth is compare's to say
 * (compare/agreement.ts).
 */
import { availableParallelism } from 'node:os';
import type { Logger } from '../log.js';

export type Side = 'base' | 'head';

/**
 * Why the sides run one after the other, or undefined when they may run at once. A `setup` is
 * no reason: what it installs goes into the side's own Python environment (side-environment.ts).
 */
export function sequentialReason(options: {
  parallel?: boolean;
  cores?: number;
}): string | undefined {
  if (options.parallel === false) return 'parallel sides are turned off';
  const cores = options.cores ?? availableParallelism();
  if (cores < 2) return 'this machine has one core';
  return undefined;
}

/** At most this much of a side's benchmark output is kept while the other side's is shown. */
const BUFFERED_OUTPUT_LIMIT = 1024 * 1024;

/**
 * A logger that keeps everything until `replay`, so two sides measured at once still get one
 * readable log group each. Benchmark output beyond 1 MiB keeps only its end.
 */
class BufferedLogger implements Logger {
  private readonly entries: { kind: 'info' | 'warning' | 'output'; text: string }[] = [];
  private outputBytes = 0;
  private droppedBytes = 0;

  group<T>(_title: string, body: () => Promise<T>): Promise<T> {
    return body();
  }
  info(message: string): void {
    this.entries.push({ kind: 'info', text: message });
  }
  warning(message: string): void {
    this.entries.push({ kind: 'warning', text: message });
  }
  output(chunk: string): void {
    this.entries.push({ kind: 'output', text: chunk });
    this.outputBytes += chunk.length;
    while (this.outputBytes > BUFFERED_OUTPUT_LIMIT) {
      const index = this.entries.findIndex((entry) => entry.kind === 'output');
      if (index < 0) break;
      const [dropped] = this.entries.splice(index, 1);
      this.outputBytes -= dropped!.text.length;
      this.droppedBytes += dropped!.text.length;
    }
  }
  replay(log: Logger): void {
    if (this.droppedBytes > 0)
      log.info(
        `(the first ${this.droppedBytes} characters of the benchmark's output are left out)`,
      );
    for (const entry of this.entries) {
      if (entry.kind === 'info') log.info(entry.text);
      else if (entry.kind === 'warning') log.warning(entry.text);
      else log.output(entry.text);
    }
  }
}

/**
 * Runs `measure` for base and head. One after the other (when `sequential` says why), each in
 * its own log group titled `title(side)`; or both at once in one group titled by both, where
 * each side's log is kept back and shown whole, base first, when both are done.
 */
export async function onBothSides<T>(
  log: Logger,
  title: (side: Side) => string,
  measure: (side: Side, log: Logger) => Promise<T>,
  sequential: string | undefined,
): Promise<{ base: T; head: T }> {
  if (sequential !== undefined) {
    const base = await log.group(title('base'), () => measure('base', log));
    const head = await log.group(title('head'), () => measure('head', log));
    return { base, head };
  }
  const buffers = { base: new BufferedLogger(), head: new BufferedLogger() };
  const both = `${title('base')} and ${title('head').replace(/^.*? (?=head\b)/, '')}, at the same time`;
  const [base, head] = await log.group(both, async () => {
    const settled = await Promise.allSettled([
      measure('base', buffers.base),
      measure('head', buffers.head),
    ]);
    for (const side of ['base', 'head'] as const) {
      log.info(`${title(side)}:`);
      buffers[side].replay(log);
    }
    return settled;
  });
  if (base.status === 'rejected') throw base.reason;
  if (head.status === 'rejected') throw head.reason;
  return { base: base.value, head: head.value };
}
