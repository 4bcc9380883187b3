import type { Logger } from './log.js';
import { DEFAULT_COLUMNS } from './format/text-width.js';

/** The stream the CLI logs to (stderr), as much of it as the logger needs. */
export interface LogStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when known. */
  columns?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';
const UP_AND_CLEAR = '\u001b[1A\u001b[2K';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The CLI's log, on stderr (stdout carries only the report). On a terminal, each step running
 * shows a live line (spinner, title, elapsed time) at the bottom, one per side when the sides run
 * at once, that becomes "✓ title (time)" when it ends; the benchmark's own output is printed
 * above them, and a line it has begun and not ended (pytest's progress dots) grows in place
 * just above them until it ends, one such line per side when the sides run at once. Elsewhere
 * (a file, a pipe, CI), plain headings.
 */
export function terminalLogger(stream: LogStream, now: () => number = Date.now): Logger {
  if (!stream.isTTY) {
    return {
      async group(title, body) {
        stream.write(`── ${title}\n`);
        return body();
      },
      info: (message) => stream.write(`   ${message}\n`),
      warning: (message) => stream.write(`warning: ${message}\n`),
      output: (chunk) => stream.write(chunk),
    };
  }

  interface Live {
    title: string;
    started: number;
  }
  /** The steps running, outermost first: each has a live line. */
  const live: Live[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Output begun on a line and not ended yet. */
  let partial = '';
  /** Lines the tasks running at once have begun, by their prefix (`[base] `), in place. */
  const pendingLines = new Map<string, string>();
  /** How many rows the live lines (and the partial line) take now; the cursor is on the last. */
  let drawn = 0;
  // A row longer than the terminal would wrap onto two, which erasing by rows would miss.
  const width = () => Math.max(20, (stream.columns || 80) - 1);

  const erase = () => {
    if (drawn === 0) return;
    stream.write(CLEAR_LINE + UP_AND_CLEAR.repeat(drawn - 1));
    drawn = 0;
  };
  const draw = () => {
    erase();
    const spinner = SPINNER[frame++ % SPINNER.length];
    const rows = [
      ...(partial === '' ? [] : [partial]),
      // The end of each task's line, where it grows, when it is wider than the terminal.
      ...[...pendingLines].map(([prefix, text]) =>
        prefix.length + text.length <= width()
          ? `${prefix}${text}`
          : `${prefix}…${text.slice(-(width() - prefix.length - 1))}`,
      ),
      ...live.map((step) =>
        `${spinner} ${step.title} … ${seconds(now() - step.started)}`.slice(0, width()),
      ),
    ];
    if (rows.length === 0) return;
    stream.write(rows.join('\n'));
    drawn = rows.length;
  };
  /** Whole lines, printed above the live lines. */
  const above = (text: string) => {
    erase();
    stream.write(text);
    draw();
  };
  const output = (chunk: string) => {
    partial += chunk;
    const end = partial.lastIndexOf('\n');
    let lines = '';
    if (end >= 0) {
      lines = partial.slice(0, end + 1);
      partial = partial.slice(end + 1);
    }
    // A line as wide as the terminal goes above: the terminal would have wrapped it there.
    while (partial.length >= width()) {
      lines += `${partial.slice(0, width())}\n`;
      partial = partial.slice(width());
    }
    if (lines !== '') above(lines);
    else draw();
  };
  /** A step ends: the output it began is ended, and its line is printed done. */
  const finish = (step: Live, line: string) => {
    const index = live.indexOf(step);
    if (index >= 0) live.splice(index, 1);
    if (live.length === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
    const begun = partial === '' ? '' : `${partial}\n`;
    partial = '';
    above(`${begun}${line}\n`);
  };
  const start = (title: string): Live => {
    const step = { title, started: now() };
    live.push(step);
    timer ??= setInterval(draw, 100);
    draw();
    return step;
  };
  return {
    async group(title, body) {
      const step = start(title);
      try {
        const result = await body();
        finish(step, `✓ ${title} (${seconds(now() - step.started)})`);
        return result;
      } catch (error) {
        finish(step, `✗ ${title}`);
        throw error;
      }
    },
    progress(title) {
      const step = start(title);
      return (outcome) =>
        finish(
          step,
          outcome === 'done' ? `✓ ${title} (${seconds(now() - step.started)})` : `✗ ${title}`,
        );
    },
    info: (message) => above(`   ${message}\n`),
    warning: (message) => above(`warning: ${message}\n`),
    output,
    pending(prefix, text) {
      if (text === '') pendingLines.delete(prefix);
      else pendingLines.set(prefix, text);
      draw();
    },
  };
}

/**
 * Whether output for a terminal is coloured: FORCE_COLOR set (to anything but `0` or `false`)
 * colours even a pipe or a file; else NO_COLOR set to anything (https://no-color.org) keeps it
 * plain; else colour goes to a terminal only. FORCE_COLOR wins, as it does in Node itself.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

/**
 * The columns the terminal report is fitted to: the terminal's width, for a terminal; else (a
 * pipe, a file, a CI log, which has no width of its own) `DEFAULT_COLUMNS`.
 */
export function terminalColumns(
  env: NodeJS.ProcessEnv,
  stream: { isTTY?: boolean; columns?: number },
): number {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
  if (ci || stream.isTTY !== true || !stream.columns || stream.columns <= 0) return DEFAULT_COLUMNS;
  return stream.columns;
}
