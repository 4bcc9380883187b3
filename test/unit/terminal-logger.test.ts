/* eslint-disable no-control-regex -- the escape sequences a terminal reads are what these tests parse */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prefixedLogger } from '../../src/log.js';
import { terminalColumns, terminalLogger } from '../../src/terminal-logger.js';

/**
 * What a terminal shows for what was written to it: carriage return, line feed (as a terminal
 * in its usual mode, back to the start of the next row), erase line, cursor up.
 */
function screen(written: string): string[] {
  const rows: string[] = [''];
  let row = 0;
  let column = 0;
  for (let i = 0; i < written.length; i++) {
    const char = written[i]!;
    if (char === '\r') column = 0;
    else if (char === '\n') {
      row++;
      column = 0;
      rows[row] ??= '';
    } else if (char === '\u001b') {
      const sequence = /^\u001b\[(\d*)([A-Za-z])/.exec(written.slice(i))!;
      if (sequence[2] === 'K') rows[row] = '';
      else if (sequence[2] === 'A') row = Math.max(0, row - Number(sequence[1] || 1));
      i += sequence[0].length - 1;
    } else {
      const text = rows[row]!.padEnd(column);
      rows[row] = text.slice(0, column) + char + text.slice(column + 1);
      column++;
    }
  }
  while (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  return rows;
}

describe('terminalLogger on a terminal', () => {
  let written = '';
  const stream = { isTTY: true, columns: 60, write: (chunk: string) => (written += chunk) };
  let clock = 0;

  beforeEach(() => {
    vi.useFakeTimers();
    written = '';
    clock = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps progress dots on one line, growing above the live line', async () => {
    const log = terminalLogger(stream, () => clock);
    await log.group('Measuring base abc1234', async () => {
      for (let i = 0; i < 5; i++) log.output('.');
      expect(screen(written)[0]).toBe('.....');
      expect(screen(written)[1]).toMatch(/^. Measuring base abc1234 … 0\.0 s$/);
      log.output('. [100%]\nlast');
      clock = 1_500;
    });
    expect(screen(written)).toEqual(['...... [100%]', 'last', '✓ Measuring base abc1234 (1.5 s)']);
  });

  it("shows one live line per side, each side's lines above them, and each as it ends", async () => {
    const log = terminalLogger(stream, () => clock);
    await log.group('Measuring base abc1234 and head def5678', async () => {
      const endBase = log.progress!('Measuring base abc1234');
      const endHead = log.progress!('Measuring head def5678');
      const base = prefixedLogger(log, '[base] ');
      const head = prefixedLogger(log, '[head] ');
      base.output('base line\n');
      head.output('head line\n');
      const shown = screen(written);
      expect(shown.slice(0, 2)).toEqual(['[base] base line', '[head] head line']);
      expect(shown.slice(2)).toEqual([
        expect.stringMatching(/^. Measuring base abc1234 and head def5678 … 0\.0 s$/),
        expect.stringMatching(/^. Measuring base abc1234 … 0\.0 s$/),
        expect.stringMatching(/^. Measuring head def5678 … 0\.0 s$/),
      ]);
      clock = 1_000;
      endHead('done');
      vi.advanceTimersByTime(300);
      expect(screen(written).slice(2)).toEqual([
        '✓ Measuring head def5678 (1.0 s)',
        expect.stringMatching(/^. Measuring base abc1234 and head def5678 … 1\.0 s$/),
        expect.stringMatching(/^. Measuring base abc1234 … 1\.0 s$/),
      ]);
      clock = 2_000;
      endBase('failed');
    });
    expect(screen(written)).toEqual([
      '[base] base line',
      '[head] head line',
      '✓ Measuring head def5678 (1.0 s)',
      '✗ Measuring base abc1234',
      '✓ Measuring base abc1234 and head def5678 (2.0 s)',
    ]);
  });

  it("grows each side's progress dots in place on a line of its own, however slow", async () => {
    const log = terminalLogger(stream, () => clock);
    await log.group('Measuring base and head', async () => {
      const endBase = log.progress!('Measuring base');
      const endHead = log.progress!('Measuring head');
      const base = prefixedLogger(log, '[base] ');
      const head = prefixedLogger(log, '[head] ');
      // A test a second: far slower than the delay after which a log without live lines shows
      // a line begun.
      for (let test = 0; test < 4; test++) {
        base.output('.');
        head.output('.');
        clock += 1_000;
        vi.advanceTimersByTime(1_000);
      }
      expect(screen(written)).toEqual([
        '[base] ....',
        '[head] ....',
        expect.stringMatching(/^. Measuring base and head … 4\.0 s$/),
        expect.stringMatching(/^. Measuring base … 4\.0 s$/),
        expect.stringMatching(/^. Measuring head … 4\.0 s$/),
      ]);
      // Wider than the terminal: the end of the line, where the dots come.
      base.output('.'.repeat(60));
      expect(screen(written)[0]).toBe(`[base] …${'.'.repeat(51)}`);
      base.output(' [100%]\n');
      head.output('. [100%]\n');
      endBase('done');
      endHead('done');
    });
    expect(screen(written)).toEqual([
      `[base] ${'.'.repeat(64)} [100%]`,
      '[head] ..... [100%]',
      '✓ Measuring base (4.0 s)',
      '✓ Measuring head (4.0 s)',
      '✓ Measuring base and head (4.0 s)',
    ]);
  });

  it('breaks a line wider than the terminal where the terminal would', async () => {
    const log = terminalLogger(stream, () => clock);
    await log.group('Step', async () => {
      log.output('.'.repeat(130));
    });
    expect(screen(written)).toEqual([
      '.'.repeat(59),
      '.'.repeat(59),
      '.'.repeat(12),
      '✓ Step (0.0 s)',
    ]);
  });
});

describe('terminalColumns', () => {
  it("is a terminal's own width, else 100: a pipe, a file, a CI log", () => {
    expect(terminalColumns({}, { isTTY: true, columns: 187 })).toBe(187);
    expect(terminalColumns({}, { isTTY: false, columns: 187 })).toBe(100);
    expect(terminalColumns({}, {})).toBe(100);
    expect(terminalColumns({ CI: 'true' }, { isTTY: true, columns: 187 })).toBe(100);
    expect(terminalColumns({ CI: 'false' }, { isTTY: true, columns: 187 })).toBe(187);
    expect(terminalColumns({}, { isTTY: true, columns: 0 })).toBe(100);
  });
});
