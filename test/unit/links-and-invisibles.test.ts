// Links built from site paths stay inside the repository's blob URL, and the characters that
// reorder or hide text (bidi overrides and isolates, zero-width and other format characters)
// reach neither the comment, the job summary nor the annotations as themselves.
import { describe, expect, it } from 'vitest';
import type { ScenarioComparison, SiteDelta } from '../../src/compare/comparison.js';
import { siteAnnotations } from '../../src/report/annotations.js';
import { escapeBlock, escapeCode, escapeText, repositoryPath } from '../../src/report/escape.js';
import { renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { HEAD_SHA, report, scenarioComparison, siteDelta } from './fixtures.js';

const SERVER = 'https://github.com';
const REPO = 'octo/allocdiff';
const BLOB = `${SERVER}/${REPO}/blob/${HEAD_SHA}/`;

/** Every link destination in the Markdown, as a browser resolves it. */
function linkTargets(markdown: string): URL[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => new URL(m[1]));
}

function rendered(file: string, line = 7): string {
  const site = siteDelta({ file, line, changedLine: true });
  return renderMarkdown(report([scenarioComparison({ sites: [site] })]));
}

describe('links to site lines', () => {
  it.each([
    '../../evil-org/evil-repo/blob/main/x.py',
    '../other/x.py',
    'app/../../x.py',
    '..',
    'app/..',
    '/etc/passwd',
    '.',
    '',
  ])('does not link a path that leaves the repository or names none: %j', (file) => {
    const markdown = rendered(file);
    expect(markdown).not.toContain(`](${SERVER}/${REPO}/blob/`);
    for (const url of linkTargets(markdown)) {
      // Only the commit links remain.
      expect(url.href.startsWith(`${SERVER}/${REPO}/commit/`), url.href).toBe(true);
    }
    // The site is still listed, as text.
    expect(markdown).toContain(`:7</code>`);
  });

  it.each([
    ['app/../lib/x.py', 'lib/x.py'],
    ['./app//x.py', 'app/x.py'],
    ['app/./sub/../x.py', 'app/x.py'],
    ['app/x.py/', 'app/x.py'],
    ['%2e%2e/x.py', '%252e%252e/x.py'],
    ['.../x.py', '.../x.py'],
  ])('normalises %j to a link inside the repository', (file, linked) => {
    const markdown = rendered(file);
    expect(markdown).toContain(`](${BLOB}${linked}#L7)`);
    const blobs = linkTargets(markdown).filter((url) => url.pathname.includes('/blob/'));
    expect(blobs).toHaveLength(1);
    expect(blobs[0].href).toBe(`${BLOB}${linked}#L7`);
  });

  it('keeps every link of a hostile report inside the blob URL of its head commit', () => {
    const files = [
      '../../../evil/repo/blob/HEAD/steal.py',
      'a/../../b.py',
      'ok/../fine.py',
      'x\\..\\..\\y.py',
      'deep/'.repeat(50) + '../'.repeat(51) + 'out.py',
    ];
    const sites = files.map((file, i) => siteDelta({ file, line: i + 1, headSize: 100 + i }));
    for (const markdown of [
      renderMarkdown(report([scenarioComparison({ sites })])),
      renderSummary(report([scenarioComparison({ sites })])),
    ]) {
      const blobs = linkTargets(markdown).filter((url) => !url.pathname.includes('/commit/'));
      expect(blobs.map((url) => url.href)).toEqual([
        `${BLOB}fine.py#L3`,
        `${BLOB}x%5C..%5C..%5Cy.py#L4`,
      ]);
    }
  });

  it('repositoryPath resolves dot segments and refuses an escape', () => {
    expect(repositoryPath('a/b/../c')).toBe('a/c');
    expect(repositoryPath('a/./b')).toBe('a/b');
    expect(repositoryPath('a/../..')).toBeUndefined();
    expect(repositoryPath('/a')).toBeUndefined();
    expect(repositoryPath('a/..')).toBeUndefined();
  });
});

/** Characters that reorder or hide text (Trojan Source), with a name for each. */
const INVISIBLE: readonly [string, string][] = [
  ['U+202A', '\u202a'],
  ['U+202B', '\u202b'],
  ['U+202C', '\u202c'],
  ['U+202D', '\u202d'],
  ['U+202E', '\u202e'],
  ['U+2066', '\u2066'],
  ['U+2067', '\u2067'],
  ['U+2068', '\u2068'],
  ['U+2069', '\u2069'],
  ['U+200E', '\u200e'],
  ['U+200F', '\u200f'],
  ['U+061C', '\u061c'],
  ['U+200B', '\u200b'],
  ['U+200D', '\u200d'],
  ['U+2060', '\u2060'],
  ['U+FEFF', '\ufeff'],
  ['U+00AD', '\u00ad'],
  ['U+0085', '\u0085'],
  ['U+009B', '\u009b'],
  ['U+2028', '\u2028'],
  ['U+2029', '\u2029'],
  ['U+E0041', '\u{e0041}'],
];

/** What a reader of the rendered Markdown sees: entities decoded. */
function decode(markdown: string): string {
  return markdown
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&(lt|gt|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name]!);
}

/**
 * Format and control characters left in the text. The zero-width spaces allocdiff puts after
 * `@`, in `://` and in `www.` are its own (they stop mentions and autolinks), not the PR's.
 */
function hidden(markdown: string): string[] {
  const own = markdown.replace(/@\u200b|:\u200b\/\/|(www)\u200b\./gi, '');
  return [...own.matchAll(/[\p{Cf}\p{Cc}\u2028\u2029]/gu)]
    .map((m) => m[0])
    .filter((ch) => ch !== '\n' && ch !== '\t');
}

function trojanReport(text: string): Report {
  const site: SiteDelta = siteDelta({
    file: `app/${text}.py`,
    line: 3,
    function: text,
    text,
    changedLine: true,
  });
  const scenarios: ScenarioComparison[] = [
    scenarioComparison({ name: text, sites: [site] }),
    scenarioComparison({
      name: `${text} failed`,
      status: 'failed',
      error: { side: 'head', type: text, message: text, traceback: `${text}\n${text}` },
    }),
  ];
  return report(scenarios, { verdict: 'fail', environment: { python: text, frames: 1 } });
}

describe('bidi and invisible characters from the pull request', () => {
  it.each(INVISIBLE)('%s is shown by its code point, never as itself', (name, ch) => {
    const text = `access${ch}level = "user${ch} // admin"`;
    for (const markdown of [
      renderMarkdown(trojanReport(text)),
      renderSummary(trojanReport(text)),
    ]) {
      expect(hidden(markdown)).toEqual([]);
      expect(decode(markdown)).toContain(`access<${name}>level`);
    }
    expect(hidden(escapeText(text))).toEqual([]);
    expect(hidden(escapeCode(text))).toEqual([]);
    expect(hidden(escapeBlock(`${text}\n${text}`))).toEqual([]);
    expect(decode(escapeText(text))).toBe(`access<${name}>level = "user<${name}> // admin"`);
  });

  it('keeps the annotations on changed lines free of them too', () => {
    const text = 'bench\u202e_txt.exe\u2066';
    const { annotations } = siteAnnotations(trojanReport(text));
    expect(annotations).toHaveLength(1);
    expect(hidden(annotations[0].message)).toEqual([]);
    expect(annotations[0].message).toContain('bench<U+202E>_txt.exe<U+2066>');
  });

  it('leaves ordinary text, emoji and other scripts alone', () => {
    for (const text of ['naïve café', 'שלום عربى', '日本語', '😀 ok', 'tab\there']) {
      expect(decode(escapeText(text))).toBe(text);
    }
  });
});
