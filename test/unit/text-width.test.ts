import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from '../../src/format/suggest.js';
import { displayWidth, padToWidth } from '../../src/format/text-width.js';
import { colorWanted } from '../../src/terminal-logger.js';

describe('displayWidth', () => {
  it.each([
    ['plain ASCII', 'cache.py:41', 11],
    ['CJK, two columns each', '日本語.py', 9],
    ['Hangul', '한국', 4],
    ['full-width letters', 'ＡＢ', 4],
    ['an emoji', '👍 ok', 5],
    ['an emoji with its presentation selector', '❤️', 2],
    ['a family joined by zero-width joiners, one grapheme', '👨‍👩‍👧', 2],
    ['a flag', '🇫🇷', 2],
    ['a combining accent, no column of its own', 'cafe\u0301', 4],
    ['a zero-width space', 'a\u200bb', 2],
    ['a narrow symbol', '✓ done', 6],
  ])('measures %s', (_what, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads to columns, not to string length', () => {
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(padToWidth('日本', 6, 'start')).toBe('  日本');
    expect(padToWidth('cafe\u0301', 5)).toBe('cafe\u0301 ');
    expect(padToWidth('wider than asked', 3)).toBe('wider than asked');
  });
});

describe('closestWord', () => {
  const OPTIONS = ['script', 'command', 'setup', 'base', 'head', 'fail-on', 'retained', 'peak'];

  it.each([
    ['scirpt', 'script'],
    ['failon', 'fail-on'],
    ['fail_on', 'fail-on'],
    ['FAIL-ON', 'fail-on'],
    ['retianed', 'retained'],
    ['comand', 'command'],
    ['hed', 'head'],
  ])('takes %s for %s', (typo, meant) => {
    expect(closestWord(typo, OPTIONS)).toBe(meant);
  });

  it.each([['frobnicate'], ['x'], ['zz']])('guesses nothing for %s, too far from all', (word) => {
    expect(closestWord(word, OPTIONS)).toBeUndefined();
  });

  it('guesses nothing between two equally near words', () => {
    expect(closestWord('bead', ['head', 'bear'])).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('scirpt', 'script')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('colorWanted', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: 'true' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ])('with %j on a terminal: %s → %s', (env, isTTY, wanted) => {
    expect(colorWanted(env, isTTY)).toBe(wanted);
  });
});
