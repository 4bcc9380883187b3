import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/format/text-width.ts
var WIDE = [
  [4352, 4447],
  [8986, 8987],
  [9001, 9002],
  [11904, 12350],
  [12353, 13311],
  [13312, 19903],
  [19968, 40959],
  [40960, 42191],
  [43360, 43391],
  [44032, 55203],
  [63744, 64255],
  [65040, 65049],
  [65072, 65135],
  [65280, 65376],
  [65504, 65510],
  [94176, 101631],
  [110592, 111359],
  [127488, 127743],
  [131072, 196605],
  [196608, 262141]
];
var EMOJI = new RegExp("\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F|\\p{Regional_Indicator}", "u");
var ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
function isWide(codePoint) {
  return WIDE.some(([low, high]) => codePoint >= low && codePoint <= high);
}
var segmenter;
function graphemeWidth(grapheme) {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme) || isWide(grapheme.codePointAt(0) ?? 0)) return 2;
  return 1;
}
function displayWidth(text) {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}
function padToWidth(text, width, side = "end") {
  const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
  return side === "start" ? padding + text : text + padding;
}
var DEFAULT_COLUMNS = 100;

export {
  displayWidth,
  padToWidth,
  DEFAULT_COLUMNS
};
