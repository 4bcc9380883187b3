/**
 * A comment rendered the way GitHub renders it: Markdown to HTML with cmark-gfm (GitHub's fork of
 * cmark, Debian's `cmark-gfm` package) and GitHub's extensions, in a page whose styles approach
 * GitHub's comment box: its width, font sizes, table cells and code. Used to check that the
 * comment fits a pull request's page and to draw the README's picture of it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CMARK_GFM = process.env.ALLOCDIFF_CMARK_GFM ?? '/usr/bin/cmark-gfm';
export const CHROMIUM = process.env.ALLOCDIFF_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The width of a comment's text on a pull request's conversation page in a 1280-pixel window
 * (the column beside the sidebar, less the avatar and the comment box's padding), rounded down.
 */
export const COMMENT_WIDTH = 760;

/** The extensions GitHub turns on for comments. */
const EXTENSIONS = ['table', 'strikethrough', 'autolink', 'tagfilter', 'tasklist'];

/** Markdown to HTML as GitHub's renderer makes it (HTML kept: GitHub sanitises it afterwards). */
export function renderGfm(markdown: string): string {
  if (!existsSync(CMARK_GFM)) {
    throw new Error(
      `no cmark-gfm at ${CMARK_GFM}: comments are rendered with GitHub's Markdown renderer; ` +
        'install Debian’s `cmark-gfm` package (apt-get install cmark-gfm) or set ' +
        'ALLOCDIFF_CMARK_GFM to its path',
    );
  }
  const run = spawnSync(CMARK_GFM, ['--unsafe', ...EXTENSIONS.flatMap((e) => ['-e', e])], {
    input: markdown,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`cmark-gfm failed: ${run.stderr}`);
  return run.stdout;
}

/** The styles of GitHub's comment body that decide how wide and tall things are. */
const STYLE = `
body { margin: 0; background: #ffffff; }
.comment { width: ${COMMENT_WIDTH}px; padding: 16px; border: 1px solid #d1d9e0;
  border-radius: 6px; margin: 8px; }
.markdown-body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 14px; line-height: 1.5; color: #1f2328; overflow-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0 !important; }
.markdown-body p, .markdown-body table, .markdown-body pre, .markdown-body details,
.markdown-body ul { margin-top: 0; margin-bottom: 16px; }
.markdown-body h3, .markdown-body h4 { margin-top: 24px; margin-bottom: 16px; font-weight: 600;
  line-height: 1.25; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body h4 { font-size: 1em; }
.markdown-body ul { padding-left: 2em; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto;
  border-spacing: 0; border-collapse: collapse; font-variant: tabular-nums; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; }
.markdown-body tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { padding: .2em .4em; margin: 0; font-size: 85%; white-space: break-spaces;
  background: #818b981f; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono",
  monospace; }
.markdown-body pre { padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45;
  background: #f6f8fa; border-radius: 6px; }
.markdown-body pre code { padding: 0; font-size: 100%; white-space: pre; background: none; }
.markdown-body sub { font-size: 75%; line-height: 0; }
.markdown-body summary { cursor: pointer; }
`;

/** A page with the comment's HTML in a box as wide as GitHub's. */
export function commentPage(html: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<div class="comment"><div class="markdown-body">${html}</div></div>`,
    '</body></html>',
  ].join('\n');
}

/** Headless Chromium, as the HTML report's tests start it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: comments are rendered in a real browser; install Debian's ` +
        '`chromium` package (apt-get install chromium) or set ALLOCDIFF_CHROMIUM to its path',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
