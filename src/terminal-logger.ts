import type { Logger } from './log.js';

/** The stream the CLI logs to (stderr), as much of it as the logger needs. */
export interface LogStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The CLI's log, on stderr (stdout carries only the report). On a terminal, each step shows a
 * live line (spinner, title, elapsed time) that becomes "✓ title (time)" when it ends; the
 * benchmark's own output is printed above it. Elsewhere (a file, a pipe, CI), plain headings.
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

  let live: { title: string; started: number; frame: number } | undefined;
  // Benchmark output may end mid-line: the live line then starts on a fresh one.
  let atLineStart = true;
  const draw = () => {
    if (!live) return;
    const spinner = SPINNER[live.frame++ % SPINNER.length];
    stream.write(`${CLEAR_LINE}${spinner} ${live.title} … ${seconds(now() - live.started)}`);
  };
  const above = (text: string) => {
    if (live) stream.write(CLEAR_LINE);
    stream.write(text);
    atLineStart = text.endsWith('\n');
    if (live) {
      if (!atLineStart) stream.write('\n');
      atLineStart = true;
      draw();
    }
  };
  return {
    async group(title, body) {
      const outer = live;
      if (outer) stream.write(CLEAR_LINE);
      live = { title, started: now(), frame: 0 };
      draw();
      const timer = setInterval(draw, 100);
      try {
        const result = await body();
        stream.write(`${CLEAR_LINE}✓ ${title} (${seconds(now() - live.started)})\n`);
        return result;
      } catch (error) {
        stream.write(`${CLEAR_LINE}✗ ${title}\n`);
        throw error;
      } finally {
        clearInterval(timer);
        live = outer;
        draw();
      }
    },
    info: (message) => above(`   ${message}\n`),
    warning: (message) => above(`warning: ${message}\n`),
    output: (chunk) => above(chunk),
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
