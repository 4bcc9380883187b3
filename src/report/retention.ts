/**
 * Retention paths in words: what keeps a grown site's objects alive, and the changed line that
 * filled the holder (the culprit). One sentence shape for the comment, the terminal and the
 * annotations (`retentionSentence`), the comment's "Kept alive by" block (`keptAliveSection`),
 * and the finding a verdict leads with (`leadingRetention`).
 */
import type { ScenarioComparison } from '../compare/comparison.js';
import type { RetentionFinding } from '../compare/retention.js';
import { formatBytes, groupDigits } from '../format/sizes.js';
import { escapeCode } from './escape.js';

/** Findings shown open in the comment's block; the rest are folded. */
export const RETENTION_SHOWN = 3;

/** How a piece of code is written: Markdown code spans, or plain text for a terminal. */
type Code = (text: string) => string;

const plainCode: Code = (text) => `\`${text}\``;
const markdownCode: Code = (text) => escapeCode(text, 200);

/** The finding with a culprit that holds the most, over every scenario; undefined when none. */
export function leadingRetention(
  scenarios: readonly ScenarioComparison[],
): { scenario: ScenarioComparison; finding: RetentionFinding } | undefined {
  let best: { scenario: ScenarioComparison; finding: RetentionFinding } | undefined;
  for (const scenario of scenarios) {
    for (const finding of scenario.retention ?? []) {
      if (!finding.culprit) continue;
      if (!best || finding.bytes > best.finding.bytes) best = { scenario, finding };
    }
  }
  return best;
}

/** What holds the objects: `app.cache.LRU.history` (list), an unreachable cycle, … */
export function holderText(finding: RetentionFinding, code: Code = plainCode): string {
  switch (finding.kind) {
    case 'unreachable': {
      const types = (finding.cycle ?? []).slice(0, 4).map((entry) => code(entry.type));
      return types.length > 0
        ? `an unreachable reference cycle (${types.join(', ')}) the collector did not free`
        : 'nothing a Python object holds (C code, or a cycle the collector did not free)';
    }
    case 'gc.garbage':
      return `${code('gc.garbage')} (unreachable reference cycles the collector saved: ${code(finding.holderType)})`;
    case 'not found':
      return 'a chain longer than the walk follows';
    case 'return value':
      return `the measured call's return value (${code(finding.path)})`;
    default:
      return `${code(finding.holder)} (${code(finding.holderType)}${finding.kind === 'module global' || finding.kind === 'benchmark global' || finding.holder === finding.root ? '' : `, from ${finding.kind} ${code(finding.root)}`})`;
  }
}

/**
 * `1.41 MiB of 3,000 objects from app/catalog.py:15 are kept alive by app.cache.LRU.history
 * (list), filled at app/cache.py:24 (changed)`.
 */
export function retentionSentence(finding: RetentionFinding, code: Code = plainCode): string {
  const objects =
    finding.sampledOf > 0
      ? Math.round((finding.objects * finding.sampled) / finding.sampledOf)
      : finding.objects;
  const site = code(`${finding.site.file}:${finding.site.line}`);
  const culprit = finding.culprit
    ? `, ${finding.culprit.evidence === 'stored' && finding.culprit.type ? `filled (a ${code(finding.culprit.type)} stored)` : 'filled'} at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made`
    : '';
  return (
    `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? '' : 's'} ` +
    `from ${site} ${objects === 1 ? 'is' : 'are'} kept alive by ${holderText(finding, code)}${culprit}`
  );
}

function row(finding: RetentionFinding): string {
  const culprit = finding.culprit
    ? `${escapeCode(`${finding.culprit.file}:${finding.culprit.line}`, 200)} ✏️${finding.culprit.text ? ` ${escapeCode(finding.culprit.text, 80)}` : ''}`
    : '—';
  return (
    `| ${holderText(finding, markdownCode)} | ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)} ` +
    `| ${formatBytes(finding.bytes)} | ${culprit} | ${escapeCode(finding.path, 200)} |`
  );
}

/**
 * The comment's block: the first findings in a table, the rest folded; a sentence first for the
 * largest one with a culprit. Empty when the scenario has none.
 */
export function keptAliveSection(scenario: ScenarioComparison, labelled: boolean): string[] {
  const findings = scenario.retention ?? [];
  if (findings.length === 0) return [];
  const lead = findings.find((finding) => finding.culprit) ?? findings[0]!;
  const head = [
    '| Kept alive by | Objects from | Retained | Filled at | Path |',
    '| --- | --- | ---: | --- | --- |',
  ];
  const lines = [
    '',
    `**🔗 Kept alive by**${labelled ? ` (${escapeCode(scenario.name)})` : ''}: ${retentionSentence(lead, markdownCode)}.`,
    '',
    ...head,
    ...findings.slice(0, RETENTION_SHOWN).map(row),
  ];
  const rest = findings.slice(RETENTION_SHOWN);
  if (rest.length > 0)
    lines.push(
      '',
      `<details><summary>${groupDigits(rest.length)} more retention path${rest.length === 1 ? '' : 's'}</summary>`,
      '',
      ...head,
      ...rest.map(row),
      '',
      '</details>',
    );
  return lines;
}
