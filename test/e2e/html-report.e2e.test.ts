/**
 * The HTML report in a real browser (Debian's chromium, driven by playwright-core): written by
 * the bundled CLI beside the comment, it loads with no console errors and no network, its flame
 * graph's boxes are as wide as the report's bytes say, zoom, hover, search and sorting work, and
 * nothing from the pull request (file, function and scenario names, source lines, refs, error
 * messages) runs as script in it. Screenshots are kept in .tmp/html-report/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteDelta } from '../../src/compare/comparison.js';
import { formatBytes, groupDigits } from '../../src/format/sizes.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/report.js';
import { measure, report, scenarioComparison, siteDelta } from '../unit/fixtures.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const CHROMIUM = process.env.ALLOCDIFF_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(PROJECT_ROOT, '.tmp', 'html-report');
/** The height of a row of the flame graph, in pixels (the page's ROW). */
const ROW = 20;

const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: the HTML report is tested in a real browser; install Debian's ` +
        '`chromium` package (apt-get install chromium) or set ALLOCDIFF_CHROMIUM to its path',
    );
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** What went wrong in a page: console errors, uncaught exceptions, dialogs, requests. */
interface Trouble {
  errors: string[];
  dialogs: string[];
  requests: string[];
}

/** Opens an HTML file and records everything that must not happen in it. */
async function open(path: string): Promise<{ page: Page; trouble: Trouble }> {
  const trouble: Trouble = { errors: [], dialogs: [], requests: [] };
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      trouble.errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => trouble.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url() !== pathToFileURL(path).href) trouble.requests.push(request.url());
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForLoadState('load');
  return { page, trouble };
}

/** Each box of a scenario's flame graph: its text, where it is and how wide, in pixels. */
async function frames(page: Page, scenario = 0) {
  return page.$$eval(`.flame-box[data-scenario="${scenario}"] .frame`, (boxes) => {
    const graph = boxes[0]?.parentElement?.getBoundingClientRect();
    return boxes.map((box) => {
      const rect = box.getBoundingClientRect();
      return {
        text: box.textContent ?? '',
        left: rect.left - (graph?.left ?? 0),
        top: rect.top - (graph?.top ?? 0),
        width: rect.width,
        match: box.classList.contains('match'),
      };
    });
  });
}

async function graphWidth(page: Page, scenario = 0): Promise<number> {
  return page.$eval(
    `.flame-box[data-scenario="${scenario}"] .flame`,
    (graph) => graph.getBoundingClientRect().width,
  );
}

/** A site's box text: `function · file:line`, as the page labels a frame. */
function labelOf(site: Pick<SiteDelta, 'function' | 'file' | 'line' | 'baseLine'>): string {
  const where = `${site.file}:${site.line ?? site.baseLine}`;
  return site.function ? `${site.function} · ${where}` : where;
}

const BENCH = (rows: number, blob: number, extra: string) =>
  [
    'KEEP = []',
    '',
    '',
    'def make_rows(n):',
    '    return [bytearray(100) for _ in range(n)]',
    '',
    '',
    'def cache_blob(size):',
    '    return bytearray(size)',
    '',
    '',
    'def load():',
    `    KEEP.extend(make_rows(${rows}))`,
    `    KEEP.append(cache_blob(${blob}))`,
    '',
    '',
    'def warm():',
    `    KEEP.append(bytearray(${extra}))`,
    '',
    '',
    'load()',
    'warm()',
    '',
  ].join('\n');

/** Runs the CLI between HEAD~1 and HEAD; the report and the HTML report's path come back. */
async function compare(
  base: Record<string, string>,
  head: Record<string, string>,
  name: string,
  ...args: string[]
) {
  const repo = repoOf(base, head);
  const out = join(testTemp(), name);
  const result = await runCommand(
    declaredNode(),
    [
      CLI,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--repeats',
      '2',
      '--json',
      `${out}.json`,
      '--markdown',
      `${out}.md`,
      ...args,
    ],
    { cwd: repo.dir },
  );
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(`HTML report: ${out}.html`);
  const json = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report;
  return { report: json, html: `${out}.html` };
}

describe('the HTML report in a browser', () => {
  it('draws each site as wide as its head bytes, and zooms, hovers, searches and sorts', async () => {
    const { report: result, html } = await compare(
      { 'bench.py': BENCH(200, 50_000, '30_000') },
      { 'bench.py': BENCH(400, 80_000, '10_000') },
      'one-frame',
    );
    const { page, trouble } = await open(html);
    await page.screenshot({ path: join(SCREENSHOTS, 'one-frame.png'), fullPage: true });

    const scenario = result.scenarios[0]!;
    const sites = scenario.sites.filter((site) => site.headSize > 0);
    expect(sites.length).toBeGreaterThanOrEqual(3);
    const total = sites.reduce((sum, site) => sum + site.headSize, 0);
    const width = await graphWidth(page);
    const boxes = await frames(page);
    // The root spans the graph; with one frame per traceback each site is a box below it.
    expect(boxes.find((box) => box.top === 0)).toMatchObject({ left: 0, width });
    for (const site of sites) {
      const box = boxes.find((b) => b.top === ROW && b.text === labelOf(site));
      expect(box, labelOf(site)).toBeDefined();
      expect(Math.abs(box!.width - (site.headSize / total) * width)).toBeLessThanOrEqual(1);
    }
    // The boxes of one row sit side by side, widest first, from the left edge.
    const row = boxes.filter((b) => b.top === ROW).sort((a, b) => a.left - b.left);
    expect(row[0]!.left).toBe(0);
    for (let i = 1; i < row.length; i++) {
      expect(Math.abs(row[i]!.left - (row[i - 1]!.left + row[i - 1]!.width))).toBeLessThan(1);
    }

    // Hover: both sides' bytes and blocks.
    const grown = scenario.sites.find((site) => site.function === 'cache_blob')!;
    const target = page.locator('.flame-box .frame', { hasText: labelOf(grown) });
    await target.hover();
    const tip = await page.locator('#tip').innerText();
    expect(tip).toContain(
      `head: ${formatBytes(grown.headSize)} in ${groupDigits(grown.headCount)} blocks`,
    );
    expect(tip).toContain(
      `base: ${formatBytes(grown.baseSize)} in ${groupDigits(grown.baseCount)} blocks`,
    );

    // Zoom: the clicked box spans the graph, the root above it.
    await target.click();
    const zoomed = await frames(page);
    expect(zoomed.find((b) => b.text === labelOf(grown))).toMatchObject({ left: 0, width });
    expect(zoomed.filter((b) => b.top === ROW)).toHaveLength(1);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    expect(await frames(page)).toEqual(boxes);

    // Search: the matching boxes are marked, and only they.
    await page.getByRole('searchbox', { name: 'Search frames' }).fill('make_rows');
    const searched = await frames(page);
    expect(searched.filter((b) => b.match).map((b) => b.text)).toEqual(
      searched.filter((b) => b.text.includes('make_rows')).map((b) => b.text),
    );
    expect(searched.some((b) => b.match)).toBe(true);
    expect(await page.locator('.flame-box .found').innerText()).toMatch(/^1 matching frame: /);

    // Sorting: by head, largest first; again, smallest first.
    const heads = async () =>
      page.$$eval('.table-box tbody tr', (rows) =>
        rows.map((r) => r.children[0]!.firstChild!.textContent),
      );
    const sortBy = page.locator('.table-box th button', { hasText: /^Head$/ });
    await sortBy.click();
    const byHead = [...scenario.sites].sort((a, b) => b.headSize - a.headSize);
    expect((await heads())[0]).toBe(labelOf({ ...byHead[0]!, function: undefined }));
    await sortBy.click();
    expect((await heads())[0]).toBe(labelOf({ ...byHead.at(-1)!, function: undefined }));
    await page.screenshot({ path: join(SCREENSHOTS, 'one-frame-searched.png'), fullPage: true });

    // Colour: from the change, base to head: the grown box red, the shrunk one blue.
    const hue = async (site: SiteDelta) =>
      page.locator('.flame-box .frame', { hasText: labelOf(site) }).getAttribute('style');
    const rgb = (style: string | null) =>
      /background-color: rgb\((\d+), (\d+), (\d+)\)/
        .exec(style ?? '')!
        .slice(1)
        .map(Number);
    const shrunk = scenario.sites.find((site) => site.function === 'warm')!;
    expect(shrunk.headSize).toBeLessThan(shrunk.baseSize);
    const [gr, , gb] = rgb(await hue(grown));
    const [sr, , sb] = rgb(await hue(shrunk));
    expect(gr).toBeGreaterThan(gb!);
    expect(sb).toBeGreaterThan(sr!);

    expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });

  it('draws the sites at the peak too, where they were found, as wide as their head bytes', async () => {
    const spike = (n: number, kept: number) =>
      [
        'KEEP = []',
        '',
        '',
        'def spike(n):',
        '    scratch = [bytearray(1000) for _ in range(n)]',
        '    return len(scratch)',
        '',
        '',
        `spike(${n})`,
        `KEEP.append(bytearray(${kept}))`,
        '',
      ].join('\n');
    const { report: result, html } = await compare(
      { 'bench.py': spike(200, 1_000) },
      { 'bench.py': spike(800, 3_000) },
      'peak-view',
      '--peak-sites',
      'true',
      '--html-url',
      'https://ci.example.com/runs/7',
    );
    // The comment ends with the link to where the workflow keeps this page.
    expect(readFileSync(html.replace(/\.html$/, '.md'), 'utf8')).toMatch(
      /\n<sub>📊 \[HTML report\]\(https:\/\/ci\.example\.com\/runs\/7\): [^\n]*<\/sub>\n$/,
    );
    const scenario = result.scenarios[0]!;
    const peakSites = scenario.peakSites!.sites;
    const scratch = peakSites.find((site) => site.function === 'spike')!;
    expect(scratch.headSize).toBeGreaterThan(scratch.baseSize);
    const { page, trouble } = await open(html);
    const width = await graphWidth(page);
    // Retained first: the peak's scratch list is gone by the end, so it has no box there.
    expect((await frames(page)).some((b) => b.text === labelOf(scratch))).toBe(false);
    await page.getByRole('combobox', { name: 'Sites' }).selectOption({ label: 'at the peak' });
    const total = peakSites.reduce((sum, site) => sum + Math.max(0, site.headSize), 0);
    const box = (await frames(page)).find((b) => b.top === ROW && b.text === labelOf(scratch));
    expect(box, labelOf(scratch)).toBeDefined();
    expect(Math.abs(box!.width - (scratch.headSize / total) * width)).toBeLessThanOrEqual(1);
    await page.locator('.flame-box .frame', { hasText: labelOf(scratch) }).hover();
    expect(await page.locator('#tip').innerText()).toContain(
      `base: ${formatBytes(scratch.baseSize)} in ${groupDigits(scratch.baseCount)} blocks`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'peak-view.png'), fullPage: true });
    expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });

  it('draws call paths when tracebacks have several frames, each path as wide as its bytes', async () => {
    const { report: result, html } = await compare(
      { 'bench.py': BENCH(200, 50_000, '30_000') },
      { 'bench.py': BENCH(400, 80_000, '10_000') },
      'five-frames',
      '--frames',
      '5',
    );
    const { page, trouble } = await open(html);
    await page.screenshot({ path: join(SCREENSHOTS, 'five-frames.png'), fullPage: true });
    const scenario = result.scenarios[0]!;
    const blob = scenario.sites.find((site) => site.function === 'cache_blob')!;
    expect(blob.tracebacks?.length).toBe(1);
    const path = blob.tracebacks![0]!.frames;
    expect(path.map((frame) => frame.function)).toEqual(['<module>', 'load', 'cache_blob']);
    const total = scenario.sites.reduce((sum, site) => sum + Math.max(0, site.headSize), 0);
    const width = await graphWidth(page);
    // The site's path: a box per frame, one row deeper each, the site's own as wide as its bytes.
    const boxes = await frames(page);
    const leaf = boxes.find((b) => b.top === path.length * ROW && b.text === labelOf(blob));
    expect(leaf, labelOf(blob)).toBeDefined();
    expect(Math.abs(leaf!.width - (blob.headSize / total) * width)).toBeLessThanOrEqual(1);

    // Zoomed into load(): load spans the graph and its callees share it by their bytes.
    const load = labelOf({ ...path[1]!, baseLine: null });
    await page.locator('.flame-box .frame', { hasText: load }).first().click();
    const through = (site: SiteDelta) =>
      site.tracebacks?.some((t) =>
        t.frames.some((f) => f.file === path[1]!.file && f.line === path[1]!.line),
      );
    const underLoad = scenario.sites.filter(through);
    // One call path each: no site's bytes are split between paths.
    expect(underLoad.every((site) => site.tracebacks!.length === 1)).toBe(true);
    const loadBytes = underLoad.reduce((sum, site) => sum + site.headSize, 0);
    const zoomed = await frames(page);
    expect(zoomed.find((b) => b.text === load && b.top === 2 * ROW)).toMatchObject({
      left: 0,
      width,
    });
    const zoomedLeaf = zoomed.find((b) => b.text === labelOf(blob));
    expect(Math.abs(zoomedLeaf!.width - (blob.headSize / loadBytes) * width)).toBeLessThanOrEqual(
      1,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'five-frames-zoomed.png'), fullPage: true });
    expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });

  it('runs nothing from the pull request: hostile file names and source lines measured', async () => {
    // A file whose path closes the script element and opens another; source lines with markup
    // and a right-to-left override.
    const evil = 'x</script><script>window.__pwned=1</script>.py';
    const module = [
      'KEEP = []',
      '',
      '',
      'def grow():',
      '    KEEP.append(bytearray(4000))  # <img src=x onerror="window.__pwned=1;alert(1)"> \u202e',
      '',
    ].join('\n');
    const bench = (extra: string) =>
      [
        'import os',
        'import runpy',
        '',
        `ns = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), ${JSON.stringify(evil)}))`,
        `ns["grow"]()${extra}`,
        '',
      ].join('\n');
    const { report: result, html } = await compare(
      { 'bench.py': bench(''), [evil]: module },
      { 'bench.py': bench('\nns["grow"]()'), [evil]: module },
      'hostile-files',
    );
    const site = result.scenarios[0]!.sites.find((s) => s.file === evil);
    expect(site, JSON.stringify(result.scenarios[0]!.sites.map((s) => s.file))).toBeDefined();
    const { page, trouble } = await open(html);
    await page.screenshot({ path: join(SCREENSHOTS, 'hostile-files.png'), fullPage: true });
    await expectInert(page, trouble);
    // The names read as they are, the override shown by its code point.
    expect(await page.locator('.flame-box .frame', { hasText: evil }).count()).toBe(1);
    const row = page.locator('.table-box tbody tr', { hasText: evil });
    await expect.poll(() => row.locator('td.code').innerText()).toContain('<img src=x onerror=');
    expect(await row.locator('td.code').innerText()).toContain('<U+202E>');
    await page.close();
  });

  it('runs nothing from the pull request: a corpus of hostile names in every field', async () => {
    const names = [
      '<img src=x onerror="window.__pwned=1;alert(1)">',
      '</script><script>window.__pwned=1;alert(2)</script>',
      '<svg onload=window.__pwned=1>',
      '"><script>window.__pwned=1</script>',
      "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
      '<!--<script>window.__pwned=1//',
      '\u202e}\u2066<script>window.__pwned=1</script>\u2069',
      'javascript:window.__pwned=1',
      '\u2028</ScRiPt \u2029><sCrIpT>window.__pwned=1</sCrIpT>',
    ];
    const sites = names.map((name, i) =>
      siteDelta({
        file: `app/${name}.py`,
        line: i + 1,
        function: name,
        text: `x = "${name}"`,
        baseSize: 1_000 * i,
        headSize: 1_000 * (i + 1),
        noisy: i % 2 === 0 ? true : undefined,
        tracebacks: [
          {
            size: 1_000 * (i + 1),
            count: 1,
            frames: [
              { file: `${name}/main.py`, line: 1, function: name, text: name },
              { file: `app/${name}.py`, line: i + 1, function: name, text: `x = "${name}"` },
            ],
          },
        ],
      }),
    );
    const hostile = report(
      names.map((name, i) =>
        scenarioComparison({
          name,
          retained: { ...measure(1_000, 2_000), noisy: true },
          sites: sites.slice(i),
          ...(i === 0
            ? {
                status: 'failed' as const,
                error: { side: 'head' as const, type: name, message: name, traceback: name },
              }
            : {}),
        }),
      ),
      {
        repository: names[3],
        base: { sha: 'a'.repeat(40), ref: names[0] },
        head: { sha: 'b'.repeat(40), ref: names[1] },
        environment: { python: names[2], implementation: names[4], frames: 2 },
      },
    );
    const path = join(testTemp(), 'hostile-corpus.html');
    writeFileSync(path, renderHtml(hostile));
    const { page, trouble } = await open(path);
    await page.screenshot({ path: join(SCREENSHOTS, 'hostile-corpus.png'), fullPage: true });
    await expectInert(page, trouble);
    // Every name is on the page as text: its scenario's heading, its frames and its table row.
    const headings = await page.$$eval('h2', (h) => h.map((e) => e.firstChild?.textContent));
    const shown = (name: string) =>
      name.replace(
        /[\u202e\u2066\u2069\u2028\u2029]/g,
        (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase()}>`,
      );
    expect(headings.map((h) => h?.trim())).toEqual(names.map(shown));
    const texts = (await frames(page, names.length - 1)).map((b) => b.text);
    expect(texts).toContain(
      labelOf({ ...sites.at(-1)!, file: shown(sites.at(-1)!.file) }).replace(
        names.at(-1)!,
        shown(names.at(-1)!),
      ),
    );
    // Noisy figures are marked: the totals and the noisy sites' bytes with ≈, their boxes striped.
    expect(await page.locator('#scenario-1 table.totals .noisy').first().innerText()).toMatch(
      /^≈ /,
    );
    const noisyRows = await page.$$eval('.table-box[data-scenario="0"] tbody tr', (rows) =>
      rows.map((r) => r.querySelectorAll('td.noisy').length),
    );
    expect(noisyRows.filter((n) => n > 0)).toHaveLength(sites.filter((s) => s.noisy).length);
    expect(
      await page.locator('.flame-box[data-scenario="0"] .frame.noisy').count(),
    ).toBeGreaterThan(0);
    await page.close();
  });
});

/** Nothing ran: no flag set, no dialog, no error, no request, no element from the names. */
async function expectInert(page: Page, trouble: Trouble) {
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.$$eval('img, svg, iframe, [onerror], [onload]', (found) => found.length)).toBe(
    0,
  );
  // The two scripts the report writes: its data and its code.
  expect(await page.$$eval('script', (s) => s.map((e) => e.type))).toEqual([
    'application/json',
    '',
  ]);
  expect(await page.locator('.flame-box .frame').count()).toBeGreaterThan(0);
  expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
}
