/**
 * How many terminal columns text takes: a wide character (CJK, Hangul, full-width forms) or an
 * emoji takes two, a combining mark or a zero-width character none, and anything else one.
 * Measured per grapheme (what a reader sees as one character), so `e` with a combining accent,
 * a flag, or a family emoji joined by zero-width joiners counts once.
 */

/** Code-point ranges drawn two columns wide (East Asian Wide and Fullwidth, in the main). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}/u;
/** Marks drawn on the character before, format characters, and controls: no column of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;

function isWide(codePoint: number): boolean {
  return WIDE.some(([low, high]) => codePoint >= low && codePoint <= high);
}

let segmenter: Intl.Segmenter | undefined;

/** The columns of one grapheme. */
function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme) || isWide(grapheme.codePointAt(0) ?? 0)) return 2;
  return 1;
}

/** The columns `text` takes on a terminal (one line; ANSI codes are not expected in it). */
export function displayWidth(text: string): number {
  // Plain ASCII, the common case, is one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** `text` padded with spaces to `width` columns, on the right (`end`) or the left (`start`). */
export function padToWidth(text: string, width: number, side: 'start' | 'end' = 'end'): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'start' ? padding + text : text + padding;
}

/** Columns terminal text is fitted to when the terminal's width is not known (a pipe, a file, a CI log). */
export const DEFAULT_COLUMNS = 100;
