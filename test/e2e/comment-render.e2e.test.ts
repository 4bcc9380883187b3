/**
 * The comment as a pull request's page shows it: each golden comment (test/golden/*.md) and the
 * demo's comment (docs/demo-comment.md, rendered from the real report of `npm run demo` in
 * docs/demo-report.json) go through cmark-gfm with GitHub's extensions and are laid out in
 * headless Chromium in a box as wide as GitHub's comment. No table may be wider than the box (it
 * would scroll sideways), no size may wrap, and the chart's values must be the table's.
 *
 * It also draws the README's picture of the demo comment: `npm run docs:picture` (UPDATE_PICTURE=1)
 * rewrites docs/demo-comment.md and docs/demo-comment.png; otherwise the picture is drawn into
 * .tmp/comment-render/ and the committed Markdown must equal a fresh rendering of the report, so
 * a change to the comment that leaves the picture stale fails here.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { parseReport } from '../../src/report/report-schema.js';
import { PROJECT_ROOT } from '../support/action-runner.js';
import { COMMENT_WIDTH, commentPage, launchChromium, renderGfm } from '../support/github-render.js';

const UPDATE = process.env.UPDATE_PICTURE === '1';
const GOLDEN = join(PROJECT_ROOT, 'test', 'golden');
const DOCS = join(PROJECT_ROOT, 'docs');
const DEMO_REPORT = join(DOCS, 'demo-report.json');
const DEMO_COMMENT = join(DOCS, 'demo-comment.md');
const OUT = join(PROJECT_ROOT, '.tmp', 'comment-render');
const PICTURE = UPDATE ? join(DOCS, 'demo-comment.png') : join(OUT, 'demo-comment.png');

let browser: Browser;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function demoMarkdown(): string {
  const report = parseReport(JSON.parse(readFileSync(DEMO_REPORT, 'utf8')), DEMO_REPORT);
  return renderMarkdown(report);
}

/** Opens a comment's Markdown as GitHub renders it. */
async function open(markdown: string, name: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: COMMENT_WIDTH + 80, height: 800 },
    deviceScaleFactor: 2,
  });
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, commentPage(renderGfm(markdown)));
  await page.goto(`file://${file}`);
  return page;
}

interface Layout {
  /** Tables wider than the comment, by their header row. */
  overflowing: { header: string; width: number }[];
  /** The comment's own width against what it holds. */
  body: { scroll: number; client: number };
  /** Sizes and percentages in table cells split over two lines. */
  wrapped: string[];
  /** The scenario table: each row's name and its peak cell. */
  scenarios: { name: string; peak: string }[];
  /** The scenario table's headers and cells of figures and budget that take more than one line. */
  scenarioWrapped: string[];
}

/**
 * Every folded block opened, then measured (a script run in the page: this file has no DOM
 * types).
 */
const MEASURE = String.raw`(() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const tables = [...document.querySelectorAll('.markdown-body table')];
  const overflowing = tables
    .filter((t) => t.scrollWidth > t.clientWidth + 1)
    .map((t) => ({ header: t.rows[0]?.innerText ?? '', width: t.scrollWidth }));
  const body = document.querySelector('.markdown-body');
  const wrapped = [];
  // Every size and percentage in a table cell: on one line, never split at its space.
  const figure = /[+-]?\d[\d,.]*[\s\u00a0](?:B|KiB|MiB|GiB|KB|MB|GB|%)(?![\w])/g;
  for (const cell of document.querySelectorAll('.markdown-body td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(figure)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
        if (lines.size > 1) wrapped.push(match[0]);
      }
    }
  }
  const table = tables.find((t) => t.rows[0]?.cells[0]?.innerText === 'Scenario');
  const header = table ? [...table.rows[0].cells].map((c) => c.innerText) : [];
  const peak = header.findIndex((h) => h.startsWith('Peak'));
  const scenarios = table
    ? [...table.rows].slice(1).map((row) => ({
        name: row.cells[0].innerText,
        peak: row.cells[peak].innerText,
      }))
    : [];
  // A cell's lines: the distinct bottoms of its text's boxes.
  const lineCount = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size;
  };
  // Every header, and every cell but the scenario's name (text from the PR, of any length).
  const scenarioWrapped = table
    ? [...table.rows].flatMap((row, r) =>
        [...row.cells]
          .filter((cell, c) => (r === 0 || c > 0) && lineCount(cell) > 1)
          .map((cell) => cell.innerText),
      )
    : [];
  return {
    overflowing,
    body: { scroll: body.scrollWidth, client: body.clientWidth },
    wrapped,
    scenarios,
    scenarioWrapped,
  };
})()`;

async function layout(page: Page): Promise<Layout> {
  return (await page.evaluate(MEASURE)) as Layout;
}

const UNITS: Record<string, number> = {
  B: 1,
  bytes: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** `15.2 MiB` → bytes. */
function bytesOf(text: string): number {
  const match = /^([\d,.]+)\s(B|KiB|MiB|GiB)$/.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  return Number(match[1].replaceAll(',', '')) * UNITS[match[2]];
}

interface Chart {
  labels: string[];
  unit: number;
  axis: [number, number];
  bars: number[];
  line: number[];
}

function chartsOf(markdown: string): Chart[] {
  return [...markdown.matchAll(/^```mermaid\n([^`]*)\n```$/gm)].map(([, body]) => {
    const field = (name: string) => {
      const line = body.split('\n').find((l) => l.trimStart().startsWith(`${name} `));
      if (!line) throw new Error(`the chart has no ${name}: ${body}`);
      return line.trim().slice(name.length + 1);
    };
    const numbers = (text: string) => JSON.parse(text) as number[];
    const axis = /^"(\w+)" ([\d.]+) --> ([\d.]+)$/.exec(field('y-axis'));
    if (!axis) throw new Error(`the y-axis has no range from zero: ${field('y-axis')}`);
    return {
      labels: JSON.parse(field('x-axis')) as string[],
      unit: UNITS[axis[1]],
      axis: [Number(axis[2]), Number(axis[3])],
      bars: numbers(field('bar')),
      line: numbers(field('line')),
    };
  });
}

/** A label is the name with what is not a letter, digit or `_.-` replaced, maybe shortened. */
function sameName(label: string, name: string): boolean {
  const plain = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');
  return plain(name).startsWith(plain(label.replace(/…$/, '')));
}

const CASES = [
  ...readdirSync(GOLDEN)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map(
      (file) => [`test/golden/${file}`, () => readFileSync(join(GOLDEN, file), 'utf8')] as const,
    ),
  ['docs/demo-comment.md', demoMarkdown] as const,
];

describe(`the comment at GitHub's comment width (${COMMENT_WIDTH} px), rendered by cmark-gfm`, () => {
  it('renders the demo comment the README shows from the committed report', () => {
    const markdown = demoMarkdown();
    if (UPDATE) writeFileSync(DEMO_COMMENT, markdown);
    expect(
      markdown,
      'docs/demo-comment.md is stale: run `npm run docs:picture` and commit docs/',
    ).toBe(readFileSync(DEMO_COMMENT, 'utf8'));
  });

  it.each(CASES)(
    '%s: every table fits, no size wraps, the chart shows the table',
    async (name, markdown) => {
      const text = markdown();
      const page = await open(text, name.replace(/\W+/g, '-'));
      try {
        const shown = await layout(page);
        expect(shown.overflowing, 'tables wider than the comment').toEqual([]);
        expect(shown.body.scroll).toBeLessThanOrEqual(shown.body.client);
        expect(shown.wrapped, 'sizes and counts over more than one line').toEqual([]);
        expect(shown.scenarioWrapped, 'scenario table cells over more than one line').toEqual([]);
        for (const chart of chartsOf(text)) {
          // The bars start at zero and the axis holds them all.
          expect(chart.axis[0]).toBe(0);
          // Base and head of the table's rows with both peaks, in its order.
          const rows = shown.scenarios
            .map((row) => ({ name: row.name, sides: row.peak.split(/\s→\s/) }))
            .filter((row) => row.sides.length === 2 && !row.sides.includes('—'));
          expect(chart.labels.length).toBeGreaterThanOrEqual(2);
          expect(chart.bars).toHaveLength(chart.labels.length);
          expect(chart.line).toHaveLength(chart.labels.length);
          chart.labels.forEach((label, i) => {
            const row = rows[i];
            expect(sameName(label, row.name), `${label} is ${row.name}`).toBe(true);
            const [base, head] = row.sides.map(bytesOf);
            for (const [drawn, value] of [
              [chart.bars[i], head],
              [chart.line[i], base],
            ]) {
              expect(drawn).toBeGreaterThan(0);
              expect(drawn).toBeLessThanOrEqual(chart.axis[1]);
              // The table shows three figures: the chart's value agrees to within their rounding.
              expect(
                Math.abs(drawn * chart.unit - value) / value,
                `${label}: ${drawn}`,
              ).toBeLessThan(0.01);
            }
          });
        }
      } finally {
        await page.close();
      }
    },
  );

  it('draws the demo comment as a PNG for the README', async () => {
    const page = await open(demoMarkdown(), 'demo-picture');
    try {
      // The top of the comment, down to its first table of sites: what a reviewer reads first.
      const clip = (await page.evaluate(String.raw`(() => {
        const box = document.querySelector('.comment').getBoundingClientRect();
        const tables = [...document.querySelectorAll('.markdown-body table')];
        const sites = tables.find((t) => t.rows[0]?.cells[0]?.innerText === 'Site') ?? tables.at(-1);
        const bottom = sites ? sites.getBoundingClientRect().bottom + 16 : box.bottom;
        return { x: box.left, y: box.top, width: box.width, height: Math.min(bottom, box.bottom) - box.top };
      })()`)) as { x: number; y: number; width: number; height: number };
      await page.screenshot({ path: PICTURE, clip });
    } finally {
      await page.close();
    }
    const png = readFileSync(PICTURE);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    // Width and height from the IHDR chunk: the comment box at twice its CSS size, down to the
    // table of sites at least.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(2 * COMMENT_WIDTH);
    expect(height).toBeGreaterThan(2 * 300);
  });
});
