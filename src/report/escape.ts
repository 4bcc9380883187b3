/**
 * Escaping for text that comes from the pull request (paths, source lines, function names,
 * error messages) on its way into GitHub Markdown. Nothing from the PR may break a table,
 * inject HTML or Markdown, mention a user, or become a link.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Characters that are syntax wherever they stand: HTML (`<`, `>`, `&`), code spans, escapes,
 * table cells and GitHub's math. They become entities, which read the same in an HTML block
 * (a `<details>` summary) and in Markdown (a table cell, a sentence).
 */
const ALWAYS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '`': '&#96;',
  '\\': '&#92;',
  '|': '&#124;',
  $: '&#36;',
};

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/** What can stand next to the text where it ends: a space or a tag's `<` or `>`. */
const EDGES = [' ', '>'];

/**
 * Whether a run of `*`, `_` or `~` could open or close emphasis or strikethrough (CommonMark's
 * flanking rules). At the text's ends the neighbour is unknown: every likely one is tried.
 * `_` inside a word (`bench_parse`) is neither; `_` that only opens (`self._items`) cannot
 * emphasise without a closer, so only closers of `_` are escaped; `*` and `~` also pair with
 * the comment's own `**`, so both kinds are.
 */
function isDelimiter(run: string, before: string | undefined, after: string | undefined): boolean {
  for (const b of before === undefined ? EDGES : [before]) {
    for (const a of after === undefined ? EDGES : [after]) {
      const left = !SPACE.test(a) && (!PUNCTUATION.test(a) || SPACE.test(b) || PUNCTUATION.test(b));
      const right =
        !SPACE.test(b) && (!PUNCTUATION.test(b) || SPACE.test(a) || PUNCTUATION.test(a));
      if (run[0] === '_') {
        if (right && (!left || PUNCTUATION.test(a))) return true;
      } else if (left || right) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Escapes only what Markdown, GFM tables or HTML would read as syntax, so the raw text (what a
 * quote-reply or an e-mail notification shows) stays as readable as the source: `bench_parse`
 * and `items[key]` are left as they are. Brackets are escaped where they could make a link
 * (`](`, or a `]` at the end, next to unknown text); `brackets: 'all'` for a link's own label.
 */
function escapeSyntax(text: string, brackets: 'links' | 'all'): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (ch === '*' || ch === '_' || ch === '~') {
      let end = i;
      while (text[end] === ch) end++;
      const run = text.slice(i, end);
      const escape = isDelimiter(run, i > 0 ? text[i - 1] : undefined, text[end]);
      out += escape ? `&#${ch.charCodeAt(0)};`.repeat(run.length) : run;
      i = end;
      continue;
    }
    if (ALWAYS[ch] !== undefined) {
      out += ALWAYS[ch];
    } else if (ch === '[' && brackets === 'all') {
      out += '&#91;';
    } else if (ch === ']' && (brackets === 'all' || i + 1 === text.length || text[i + 1] === '(')) {
      out += '&#93;';
    } else {
      out += ch;
    }
    i++;
  }
  return out;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Characters that change how text around them reads without being seen: bidi embeddings,
 * overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E/F, U+061C), zero-width and
 * other format characters (Unicode's Cf: U+200B–200D, U+2060, U+FEFF, soft hyphen, tags…), the
 * C1 controls and the line and paragraph separators. A source line can use them to read as
 * other code than it is ("Trojan Source").
 */
const INVISIBLE = /[\p{Cf}\u0080-\u009f\u2028\u2029]/gu;

/**
 * Shows each invisible character by its code point, `<U+202E>`, so a reader sees that it is
 * there and text after it keeps its order. The result still needs escaping for Markdown.
 */
export function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

function defuse(text: string, brackets: 'links' | 'all' = 'links'): string {
  return (
    escapeSyntax(
      // Before the Markdown escapes: the `<` and `>` of `<U+…>` are escaped with the rest.
      revealInvisible(text)
        // Lone surrogates and control characters would render as garbage or break the JSON.
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd')
        .replace(LONE_SURROGATE, '\ufffd'),
      brackets,
    )
      // An @ followed by a name would notify that user or team.
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
      // Bare URLs and www. hosts would become links (GitHub autolinks them).
      .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
      .replace(/(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
  );
}

/** Plain text on one line, safe in a paragraph or a table cell. */
export function escapeText(
  text: string,
  maxLength = 300,
  brackets: 'links' | 'all' = 'links',
): string {
  // Only the start can be shown: very long texts are not scanned whole (a \r\n pair becomes one
  // space, so twice the length is always enough).
  const start = text.length > 2 * maxLength + 2 ? text.slice(0, 2 * maxLength + 2) : text;
  const oneLine = start.replace(/\r?\n|\r/g, ' ');
  const cut = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  return defuse(cut, brackets);
}

/** Text shown as code on one line, safe in a table cell. */
export function escapeCode(text: string, maxLength = 120): string {
  return `<code>${escapeText(text, maxLength)}</code>`;
}

/** Code as the label of a link: every bracket escaped, so none can end the label early. */
export function escapeCodeLabel(text: string, maxLength = 120): string {
  return `<code>${escapeText(text, maxLength, 'all')}</code>`;
}

/** A multi-line block (a traceback, program output), safe inside <details>. */
export function escapeBlock(text: string, maxLines = 30): string {
  // Only the last lines are shown: find where they start without splitting all of the text.
  let start = text.length;
  for (let found = 0; found <= maxLines && start > 0; found++) {
    start = text.lastIndexOf('\n', start - 1);
  }
  const tail = start > 0 ? text.slice(start + 1) : text;
  const lines = tail.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.length > maxLines || tail !== text ? ['…', ...lines.slice(-maxLines)] : lines;
  return `<pre>${kept.map((line) => defuse(line.slice(0, 500))).join('\n')}</pre>`;
}

/**
 * A site's path as a path inside the repository: `.` and empty segments dropped, `..` resolved.
 * Undefined for a path that is absolute, leaves the repository or names no file: a link built
 * from it could point at another repository on the server.
 */
export function repositoryPath(path: string): string | undefined {
  if (path.startsWith('/')) return undefined;
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (kept.length === 0) return undefined;
      kept.pop();
    } else {
      kept.push(segment);
    }
  }
  return kept.length > 0 ? kept.join('/') : undefined;
}

/**
 * A path percent-encoded segment by segment for use in a Markdown link target: also the
 * characters encodeURIComponent leaves alone but Markdown reads, so `)` cannot end the link.
 */
export function encodePath(path: string): string {
  return path
    .replace(LONE_SURROGATE, '\ufffd')
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[()*!'~]/g,
        (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

// Control characters other than tab and newline: garbage on screen.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Text from the pull request as it is shown in a page: invisible characters revealed
 * (`<U+202E>`), control characters and lone surrogates replaced by U+FFFD. Still needs
 * escaping for HTML (`escapeHtml`); a script may put it in a page as `textContent`.
 */
export function visibleText(text: string): string {
  return revealInvisible(text).replace(CONTROL, '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

/** Text safe as HTML element content or a quoted attribute value, shown as it reads. */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A value as JSON to put inside `<script type="application/json">`: `<`, `>` and `&` written as
 * `\u003c`, `\u003e` and `\u0026`, so no string in it can close the element or open a comment;
 * U+2028 and U+2029 likewise. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
