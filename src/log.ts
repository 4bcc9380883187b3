/** Where progress goes: `core.group` sections in the action, stderr headings in the CLI. */
export interface Logger {
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string): void;
  /**
   * A stream for the benchmark's and setup's own output (the log, never the report): pull-request
   * output, which the action relays with workflow commands off.
   */
  output(chunk: string): void;
  /**
   * A live line for one of several tasks running at once, inside a group (a terminal shows one
   * per task); the function returned ends it, saying how it ended. A log without live lines has
   * none, and says in its lines instead.
   */
  progress?(title: string): (outcome: 'done' | 'failed') => void;
  /**
   * The line a task (by its prefix) has begun and not ended, shown in place until it ends or
   * grows (a terminal redraws it under the task's other lines); '' when there is none. A log
   * without it gets such a line after a delay instead (prefixedLogger).
   */
  pending?(prefix: string, text: string): void;
}

/** How long the start of a line waits for its end before it is shown without it. */
export const PARTIAL_LINE_DELAY_MS = 500;

/** A partial line this long is shown at once, whatever the delay. */
const PARTIAL_LINE_LIMIT = 64 * 1024;

/** A log that marks its lines, and shows what it holds back when told. */
export interface PrefixedLogger extends Logger {
  /** Shows the line begun and not ended, now. */
  flush(): void;
}

/** What a terminal shows of a line: a carriage return starts it over (a progress bar's redraw). */
function shownPart(line: string): string {
  return line.slice(line.lastIndexOf('\r') + 1);
}

/**
 * A log for one of several tasks that write into `log` at the same time: each of its lines starts
 * with `prefix`, the task's output included, so the tasks' lines interleave whole and each says
 * whose it is. Output is relayed a line at a time; a line not ended after `delayMs` (pytest's
 * progress dots) is shown as far as it goes, and its rest later on a line of its own. A carriage
 * return keeps what follows it only, so output cannot write over its own prefix: every line the
 * task's output makes starts with this task's prefix, never another's.
 */
export function prefixedLogger(
  log: Logger,
  prefix: string,
  delayMs: number = PARTIAL_LINE_DELAY_MS,
): PrefixedLogger {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const mark = (text: string) =>
    text
      .split('\n')
      .map((line) => `${prefix}${line}`)
      .join('\n');
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const shown = shownPart(pending);
    pending = '';
    log.pending?.(prefix, '');
    if (shown !== '') log.output(`${prefix}${shown}\n`);
  };
  return {
    flush,
    group(title, body) {
      flush();
      log.info(mark(title));
      return body();
    },
    info(message) {
      flush();
      log.info(mark(message));
    },
    warning(message) {
      flush();
      log.warning(mark(message));
    },
    output(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end >= 0) {
        const lines = pending.slice(0, end).split('\n');
        pending = pending.slice(end + 1);
        log.pending?.(prefix, '');
        log.output(
          lines.map((line) => `${prefix}${shownPart(line.replace(/\r$/, ''))}\n`).join(''),
        );
        // What is left is a new line: its wait starts now.
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
      }
      if (pending === '' || pending.length >= PARTIAL_LINE_LIMIT) flush();
      // A terminal shows the line as it grows (pytest's dots), in place.
      else if (log.pending) log.pending(prefix, shownPart(pending));
      else timer ??= setTimeout(flush, delayMs).unref();
    },
  };
}
