import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prefixedLogger, type Logger } from '../../src/log.js';

/** A log that keeps what it is given, output as one text and each message on a line. */
function recordingLog(): Logger & { text: () => string } {
  let text = '';
  return {
    text: () => text,
    group: async (title, body) => {
      text += `## ${title}\n`;
      return body();
    },
    info: (message) => (text += `${message}\n`),
    warning: (message) => (text += `warning: ${message}\n`),
    output: (chunk) => (text += chunk),
  };
}

describe('prefixedLogger', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('marks every line, output and messages, and relays output a whole line at a time', () => {
    const log = recordingLog();
    const base = prefixedLogger(log, '[base] ');
    base.output('collecting');
    expect(log.text()).toBe('');
    base.output(' 3 items\nfirst');
    expect(log.text()).toBe('[base] collecting 3 items\n');
    base.output(' line\r\nsecond line\n');
    base.info('a message\nof two lines');
    base.warning('careful');
    expect(log.text()).toBe(
      '[base] collecting 3 items\n[base] first line\n[base] second line\n' +
        '[base] a message\n[base] of two lines\nwarning: [base] careful\n',
    );
  });

  it('interleaves two tasks by whole lines, whatever their chunks', () => {
    const log = recordingLog();
    const base = prefixedLogger(log, '[base] ');
    const head = prefixedLogger(log, '[head] ');
    base.output('base says');
    head.output('head says hel');
    base.output(' hello\nbase again');
    head.output('lo\n');
    base.output('\n');
    expect(log.text()).toBe('[base] base says hello\n[head] head says hello\n[base] base again\n');
  });

  it('shows a line without its end after a short wait, and its rest on a line of its own', () => {
    const log = recordingLog();
    const side = prefixedLogger(log, '[head] ', 500);
    side.output('test_a.py ..');
    vi.advanceTimersByTime(499);
    expect(log.text()).toBe('');
    side.output('.');
    vi.advanceTimersByTime(1);
    expect(log.text()).toBe('[head] test_a.py ...\n');
    side.output('. [100%]\n');
    expect(log.text()).toBe('[head] test_a.py ...\n[head] . [100%]\n');
    // Nothing left: the timer shows nothing more.
    vi.advanceTimersByTime(1_000);
    expect(log.text()).toBe('[head] test_a.py ...\n[head] . [100%]\n');
  });

  it('shows what is left at flush and before a message of its own', () => {
    const log = recordingLog();
    const side = prefixedLogger(log, '[base] ');
    side.output('....');
    side.info('scenario done');
    side.output('..');
    side.flush();
    side.flush();
    expect(log.text()).toBe('[base] ....\n[base] scenario done\n[base] ..\n');
  });

  it('keeps what follows a carriage return, so output cannot write over its prefix', () => {
    const log = recordingLog();
    const head = prefixedLogger(log, '[head] ');
    head.output(' 10%|#    |\r100%|#####|\n');
    head.output('x\r[base] forged\n');
    head.output('partial\r');
    head.flush();
    expect(log.text()).toBe('[head] 100%|#####|\n[head] [base] forged\n');
    for (const line of log.text().trimEnd().split('\n')) expect(line).toMatch(/^\[head\] /);
  });
});
