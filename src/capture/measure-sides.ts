/**
 * Running the two sides: one after the other, or both at once on different cores when that is
 * safe. Whether a cheap first pass found something to measure in depth is compare's to say
 * (compare/agreement.ts).
 */
import { availableParallelism } from 'node:os';
import { prefixedLogger, type Logger } from '../log.js';

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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs `measure` for base and head. One after the other (when `sequential` says why), each in
 * its own log group titled `title(side)`; or both at once in one group titled by both, where
 * each side's lines are shown as they come, marked `[base] ` or `[head] `, and the log says when
 * each side has finished (a live line per side, where the log has them).
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
  const both = `${title('base')} and ${title('head').replace(/^.*? (?=head\b)/, '')}, at the same time`;
  const measureSide = async (side: Side): Promise<T> => {
    const sideLog = prefixedLogger(log, `[${side}] `);
    const end = log.progress?.(title(side));
    const started = performance.now();
    const ended = (outcome: 'done' | 'failed') => {
      sideLog.flush();
      if (end) end(outcome);
      else
        log.info(
          `[${side}] ${outcome === 'done' ? 'finished' : 'failed'}: ${title(side)} ` +
            `(${seconds(performance.now() - started)})`,
        );
    };
    try {
      const result = await measure(side, sideLog);
      ended('done');
      return result;
    } catch (error) {
      ended('failed');
      throw error;
    }
  };
  const [base, head] = await log.group(both, () =>
    Promise.allSettled([measureSide('base'), measureSide('head')]),
  );
  if (base.status === 'rejected') throw base.reason;
  if (head.status === 'rejected') throw head.reason;
  return { base: base.value, head: head.value };
}
