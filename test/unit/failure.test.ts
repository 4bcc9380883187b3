import { describe, expect, it } from 'vitest';
import { failuresOf, failureText, raisedText } from '../../src/report/failure.js';
import { scenarioComparison } from './fixtures.js';

const traceback = [
  'Traceback (most recent call last):',
  '  File "bench.py", line 9, in <module>',
  '    main()',
  '  File "bench.py", line 5, in main',
  '    load()',
  'ValueError: broken',
].join('\n');

describe('a failure’s text', () => {
  it('is the output when it ends with the traceback Python printed', () => {
    const output = `loading\n${traceback}`;
    expect(failureText({ type: 'ValueError', message: 'broken', traceback, output })).toBe(output);
  });

  it('puts the whole traceback back where the output was cut inside it', () => {
    // The output keeps its last lines only: the traceback's top is gone from it.
    const cut = traceback.split('\n').slice(3).join('\n');
    expect(failureText({ type: 'ValueError', message: 'broken', traceback, output: cut })).toBe(
      traceback,
    );
  });

  it('keeps what was printed after the traceback, and before it', () => {
    const output = `before\n${traceback}\nException ignored in atexit`;
    expect(failureText({ type: 'ValueError', message: 'broken', traceback, output })).toBe(output);
  });

  it('shows the traceback first when the output does not hold it', () => {
    expect(
      failureText({ type: 'ValueError', message: 'broken', traceback, output: 'last words' }),
    ).toBe(`${traceback}\nlast words`);
    expect(failureText({ type: 'SetupFailed', message: 'exit 1', output: 'pip: error' })).toBe(
      'pip: error',
    );
    expect(failureText({ type: 'ValueError', message: 'broken', traceback })).toBe(traceback);
    expect(failureText({ type: 'TimedOut', message: 'after 30 minutes' })).toBe('');
  });
});

describe('the failures of a scenario', () => {
  const head = { side: 'head' as const, type: 'ValueError', message: 'broken' };

  it('is one failure on both sides when both raised the same error', () => {
    const both = scenarioComparison({
      status: 'failed',
      error: head,
      baseError: { type: 'ValueError', message: 'broken', traceback: 'base path' },
    });
    expect(failuresOf(both)).toEqual([{ sides: 'base and head', error: head }]);
    expect(raisedText(both, (t) => `\`${t}\``)).toBe('`ValueError` on both sides');
  });

  it('is one failure per side when they raised different errors', () => {
    const baseError = { type: 'ImportError', message: 'no numpy' };
    const both = scenarioComparison({ status: 'failed', error: head, baseError });
    expect(failuresOf(both).map((f) => f.sides)).toEqual(['head', 'base']);
    expect(raisedText(both, (t) => t)).toBe('ValueError on head and ImportError on base');
  });

  it('is the one side that failed, or none', () => {
    const base = { ...head, side: 'base' as const };
    expect(failuresOf(scenarioComparison({ status: 'failed', error: base }))).toEqual([
      { sides: 'base', error: base },
    ]);
    expect(failuresOf(scenarioComparison())).toEqual([]);
  });
});
