import { formatBytes, formatBytesDelta, groupDigits } from '../format/sizes.js';
import { revealInvisible } from './escape.js';
import type { Report } from './report.js';
import { culpritGroups, retentionSentence } from './retention.js';

/** More would bury the diff view; the job summary lists every site. */
export const ANNOTATION_LIMIT = 10;

/** A warning on one line of the pull request's diff (`core.warning(message, {file, startLine})`). */
export interface SiteAnnotation {
  /** Repository-relative path of the head file. */
  file: string;
  startLine: number;
  title: string;
  message: string;
  /** Bytes this line added, summed over scenarios: annotations are ordered by it. */
  growth: number;
}

export interface Annotations {
  annotations: SiteAnnotation[];
  /** Regressed changed lines left out by the limit. */
  omitted: number;
}

function plainText(text: string, max = 200): string {
  // One line of plain text: annotations are not Markdown, but a newline would split them, and
  // a bidi override would make the line read as something else.
  const flat = revealInvisible(text)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * One warning per line this pull request changed that now allocates more (in any scenario), the
 * largest growth first, at most `limit`. Lines outside the repository cannot be in the diff.
 * Site paths are relative to the repository's root; annotations want them relative to the
 * workspace, so `prefix` is the repository's folder inside the workspace (`''` when it is the
 * workspace itself).
 */
export function siteAnnotations(
  report: Report,
  limit = ANNOTATION_LIMIT,
  prefix = '',
): Annotations {
  const byLine = new Map<
    string,
    { file: string; line: number; parts: string[]; growth: number; kept: string[]; held: number }
  >();
  const entryOf = (file: string, line: number) => {
    const key = `${file}\n${line}`;
    const entry = byLine.get(key) ?? { file, line, parts: [], growth: 0, kept: [], held: 0 };
    byLine.set(key, entry);
    return entry;
  };
  for (const scenario of report.scenarios) {
    for (const site of scenario.sites) {
      if (!site.changedLine || site.line === null || site.sizeDelta <= 0) continue;
      if (site.file.startsWith('<') || site.file.startsWith('site-packages/')) continue;
      const entry = entryOf(site.file, site.line);
      const count = site.countDelta > 0 ? `, +${groupDigits(site.countDelta)} blocks` : '';
      entry.parts.push(
        `${plainText(scenario.name, 100)}: ${formatBytesDelta(site.sizeDelta)}${count} (now ${formatBytes(site.headSize)})`,
      );
      entry.growth += site.sizeDelta;
    }
    // The changed line that filled what keeps grown memory alive: the line to fix, even when it
    // allocated little itself.
    for (const finding of scenario.retention ?? []) {
      const culprit = finding.culprit;
      if (!culprit || culprit.file.startsWith('<') || culprit.file.startsWith('site-packages/'))
        continue;
      const entry = entryOf(culprit.file, culprit.line);
      entry.kept.push(plainText(`${scenario.name}: ${retentionSentence(finding)}`, 400));
    }
    // What it keeps of the growth, not the size on head of what it keeps.
    for (const group of culpritGroups(scenario)) {
      const { file, line } = group.culprit;
      if (file.startsWith('<') || file.startsWith('site-packages/')) continue;
      entryOf(file, line).held += group.bytes;
    }
  }
  // What a line is weighed by: the memory it added, or what it keeps alive when that is more.
  const weight = (entry: { growth: number; held: number }) => Math.max(entry.growth, entry.held);
  const all = [...byLine.values()].sort(
    // Code-point order for files: the same on every machine, and no collator to load.
    (a, b) =>
      weight(b) - weight(a) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
  const kept = all.slice(0, Math.max(0, limit));
  return {
    annotations: kept.map((entry) => ({
      file: prefix ? `${prefix.replace(/\/+$/, '')}/${entry.file}` : entry.file,
      startLine: entry.line,
      title:
        entry.held > 0
          ? `allocdiff: this line keeps ${formatBytes(entry.held)} of the grown memory alive`
          : entry.kept.length > 0 && entry.growth <= 0
            ? 'allocdiff: this line fills what keeps grown memory alive'
            : `allocdiff: this line allocates ${formatBytesDelta(entry.growth)} more`,
      message: [
        entry.parts.length > 0
          ? `This pull request changed this line, and it keeps more memory allocated at the end of ` +
            `the benchmark: ${entry.parts.join('; ')}.`
          : '',
        entry.kept.length > 0
          ? `It filled what keeps grown memory alive: ${entry.kept.join('; ')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
      growth: entry.growth,
    })),
    omitted: all.length - kept.length,
  };
}
