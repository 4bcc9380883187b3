/**
 * The HTML report as text: self-contained, running only its own script (by hash), every string
 * from the pull request escaped or passed as JSON the markup cannot end, and the flame graph's
 * figures summed from the sites (the browser test checks how the page draws them).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, visibleText } from '../../src/report/escape.js';
import { flameTree, PAGE_SCRIPT, PAGE_SCRIPT_HASH, renderHtml } from '../../src/report/html.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror=alert(1)>\u202e';

/** The JSON block the page's script reads, parsed. */
function pageData(html: string) {
  const match = /<script type="application\/json" id="allocdiff-data">([^<]*)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as {
    strings: string[];
    scenarios: {
      views: Record<string, IndexedNode>;
      sites: { file: number; function?: number; text?: number }[];
    }[];
  };
}

/** A flame graph's frame as the page stores it: its strings by position in `strings`. */
interface IndexedNode {
  file: number;
  function?: number;
  text?: number;
  children: IndexedNode[];
}

describe('the HTML report', () => {
  it('runs only its own script: the policy names its hash', () => {
    expect(PAGE_SCRIPT).toMatch(/^[\x20-\x7e\n]*$/);
    const hash = `sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}`;
    expect(PAGE_SCRIPT_HASH, 'PAGE_SCRIPT changed: set PAGE_SCRIPT_HASH to this').toBe(hash);
    const html = renderHtml(report([scenarioComparison({ sites: [siteDelta()] })]));
    expect(html).toContain(`script-src '${hash}'`);
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain(`<script>${PAGE_SCRIPT}</script>`);
  });

  it('is self-contained: no file or address is loaded when it is viewed', () => {
    const html = renderHtml(report([scenarioComparison({ sites: [siteDelta()] })]));
    expect(html).not.toMatch(/<link|<iframe|<img|\ssrc=|\shref=|url\(|@import/i);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('escapes every string from the pull request, and passes the script JSON it cannot end', () => {
    const site = siteDelta({
      file: `app/${HOSTILE}.py`,
      function: HOSTILE,
      text: HOSTILE,
      tracebacks: [
        {
          size: 100,
          count: 1,
          frames: [{ file: `${HOSTILE}.py`, line: 1, function: HOSTILE, text: HOSTILE }],
        },
      ],
    });
    const hostile = report(
      [
        scenarioComparison({
          name: HOSTILE,
          sites: [site],
          status: 'failed',
          error: { side: 'head', type: HOSTILE, message: HOSTILE },
        }),
      ],
      {
        repository: HOSTILE,
        base: { sha: 'a'.repeat(40), ref: HOSTILE },
        environment: { python: HOSTILE, implementation: HOSTILE, frames: 2 },
      },
    );
    const html = renderHtml(hostile);
    // Two script elements open and close: the data and the code; no markup from the names.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img|\u202e/i);
    expect(html).toContain(escapeHtml(HOSTILE));
    // The script gets the names back as they read, the override revealed.
    const data = pageData(html);
    const { strings } = data;
    expect(strings[data.scenarios[0]!.sites[0]!.file]).toBe(`app/${visibleText(HOSTILE)}.py`);
    expect(strings[data.scenarios[0]!.views.retained!.children[0]!.function!]).toBe(
      visibleText(HOSTILE),
    );
  });

  it('stores each file, function and source line once, shared by the flame graph and the table', () => {
    const caller = { file: 'app/main.py', line: 3, function: 'main', text: 'run()' };
    const sites = [1, 2, 3].map((n) =>
      siteDelta({
        file: 'app/cache.py',
        line: n,
        function: 'fill',
        text: `cache.append(${n})`,
        headSize: 1000 * n,
        tracebacks: [
          {
            size: 1000 * n,
            count: 1,
            frames: [caller, { file: 'app/cache.py', line: n, function: 'fill' }],
          },
        ],
      }),
    );
    const html = renderHtml(report([scenarioComparison({ sites }), scenarioComparison({ sites })]));
    const data = pageData(html);
    expect(new Set(data.strings).size).toBe(data.strings.length);
    for (const text of [
      'app/cache.py',
      'fill',
      'app/main.py',
      'main',
      'run()',
      'cache.append(2)',
    ]) {
      expect(html.split(JSON.stringify(text))).toHaveLength(2);
    }
    // Rows and frames name them by position: the table's rows, and the caller and sites below.
    const [scenario] = data.scenarios;
    expect(scenario!.sites.map((row) => data.strings[row.text!]).sort()).toEqual([
      'cache.append(1)',
      'cache.append(2)',
      'cache.append(3)',
    ]);
    const [main] = scenario!.views.retained!.children;
    expect([data.strings[main!.file], data.strings[main!.function!]]).toEqual([
      'app/main.py',
      'main',
    ]);
    expect(main!.children.map((child) => data.strings[child.file])).toEqual([
      'app/cache.py',
      'app/cache.py',
      'app/cache.py',
    ]);
  });

  it('escapes for HTML and for a JSON script block', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\u202e`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;U+202E&#62;',
    );
    const json = jsonForScript({ s: '</script><!--&\u2028\u2029' });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ s: '</script><!--&\u2028\u2029' });
  });

  it('shows every measure a scenario has, base and head', () => {
    const rows = (html: string) =>
      [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(rows(renderHtml(report([scenarioComparison()])))).toEqual([
      'Peak',
      'Retained',
      'Retained count',
    ]);
    const leaking = renderHtml(report([scenarioComparison({ leak: measure(10, 2_048) })]));
    expect(rows(leaking)).toContain('Leak per call');
    expect(leaking).toMatch(
      /Leak per call<\/th><td>10 B<\/td><td>2.00 KiB<\/td><td>\+1.99 KiB<\/td>/,
    );
  });

  it('marks noisy totals', () => {
    const html = renderHtml(
      report([scenarioComparison({ retained: { ...measure(1_000, 2_000), noisy: true } })]),
    );
    expect(html).toMatch(/<span class="noisy"[^>]*>≈ 1,000 B<\/span>/);
    expect(html).toMatch(/<span class="noisy"[^>]*>≈ \+1,000 B<\/span>/);
  });
});

describe('the flame graph of changed sites', () => {
  it('makes a site without tracebacks a frame of its own under the root, widest first', () => {
    const tree = flameTree([
      siteDelta({
        line: 1,
        function: 'a',
        baseSize: 50,
        headSize: 100,
        baseCount: 1,
        headCount: 2,
      }),
      siteDelta({ line: 2, function: 'b', baseSize: 400, headSize: 300, noisy: true }),
      siteDelta({ line: 3, function: 'c', baseSize: 10, headSize: -20 }),
    ]);
    expect(tree).toMatchObject({ head: 400, base: 460, noisy: true });
    expect(tree.children.map((n) => [n.function, n.line, n.base, n.head])).toEqual([
      ['b', 2, 400, 300],
      ['a', 1, 50, 100],
      ['c', 3, 10, 0],
    ]);
    expect(tree.children[1]).toMatchObject({ baseCount: 1, headCount: 2, children: [] });
    expect(tree.children[0]!.noisy).toBe(true);
    expect(tree.children[1]!.noisy).toBeUndefined();
  });

  it('merges call paths through the same frames and splits a site across its paths', () => {
    const main = { file: 'app/main.py', line: 3, function: '<module>' };
    const load = { file: 'app/load.py', line: 7, function: 'load' };
    const warm = { file: 'app/load.py', line: 12, function: 'warm' };
    const site = (line: number) => ({ file: 'app/store.py', line, function: 'put' });
    const tree = flameTree([
      siteDelta({
        ...site(20),
        baseSize: 100,
        headSize: 400,
        tracebacks: [
          { size: 300, count: 3, frames: [main, load, site(20)] },
          { size: 100, count: 1, frames: [main, warm, site(20)] },
        ],
      }),
      siteDelta({
        ...site(30),
        baseSize: 0,
        headSize: 50,
        tracebacks: [{ size: 50, count: 1, frames: [main, load, site(30)] }],
      }),
    ]);
    expect(tree.children).toHaveLength(1);
    const top = tree.children[0]!;
    expect(top).toMatchObject({ function: '<module>', head: 450, base: 100, split: true });
    expect(top.children.map((n) => [n.function, n.head, n.base])).toEqual([
      ['load', 350, 75],
      ['warm', 100, 25],
    ]);
    const underLoad = top.children[0]!.children;
    expect(underLoad.map((n) => [n.line, n.head, n.base, n.split])).toEqual([
      [20, 300, 75, true],
      [30, 50, 0, undefined],
    ]);
  });
});
