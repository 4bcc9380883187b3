/**
 * Retention paths in words: what keeps a grown site's objects alive, and the changed line that
 * filled the holder (the culprit). One sentence shape for the comment, the terminal and the
 * annotations (`retentionSentence`), the comment's "Kept alive by" block (`keptAliveSection`),
 * the finding a verdict leads with (`leadingRetention`), and the order of a sites table that
 * leads with each culprit and the sites it keeps alive (`culpritOrder`).
 */
import type { ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import type { RetentionCulprit, RetentionFinding } from '../compare/retention.js';
import { LRU_CACHE } from '../capture/snapshot.js';
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

/**
 * As the comment's verdict leads, in plain text: `caused by app/cache.py:24: <what it keeps
 * alive>; ` when a changed line filled the container keeping the most grown memory alive; else
 * empty.
 */
export function culpritLead(scenarios: readonly ScenarioComparison[]): string {
  const found = leadingRetention(scenarios);
  if (!found) return '';
  const { culprit } = found.finding;
  return `caused by ${culprit!.file}:${culprit!.line}: ${retentionSentence(found.finding)}; `;
}

/** `list of 300 items`, `2 lists, 600 items`: the containers a storage finding names. */
function containersText(finding: RetentionFinding, code: Code): string {
  const items = finding.items ?? 0;
  const itemsText = `${groupDigits(items)} item${items === 1 ? '' : 's'}`;
  return finding.sampled > 1
    ? `${groupDigits(finding.sampled)} ${code(finding.holderType)}s, ${itemsText}`
    : `${code(finding.holderType)} of ${itemsText}`;
}

/**
 * A storage finding's container, named, and where it hangs from when that is not in its name:
 * `app.usage.Parser._USAGE`, `the measured call's return value`.
 */
function containerText(finding: RetentionFinding, code: Code): [string, string] {
  if (finding.kind === 'return value') return ["the measured call's return value", ''];
  const root =
    finding.kind === 'module global' ||
    finding.kind === 'benchmark global' ||
    finding.holder === finding.root
      ? ''
      : `, from ${finding.kind} ${code(finding.root)}`;
  return [code(finding.holder), root];
}

/** Why a site with no object of its own has no holder named (see `RetentionFinding.storage`). */
function storageNotFound(finding: RetentionFinding): string | undefined {
  if (finding.storage === 'none')
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size";
  if (finding.storage === 'several')
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and several containers a root reaches have storage of its size, none of them named by the line";
  return undefined;
}

/** What holds the objects: `app.cache.LRU.history` (list), an unreachable cycle, … */
export function holderText(finding: RetentionFinding, code: Code = plainCode): string {
  if (finding.storage === 'found') {
    const [container, root] = containerText(finding, code);
    return `${container} (its item storage: ${containersText(finding, code)}${root})`;
  }
  const notFound = storageNotFound(finding);
  if (notFound) return notFound;
  switch (finding.kind) {
    case 'unreachable': {
      const types = (finding.cycle ?? []).slice(0, 4).map((entry) => code(entry.type));
      return types.length > 0
        ? `an unreachable reference cycle (${types.join(', ')}) that only the collector frees, and it was off (${code('gc.disable()')})`
        : 'nothing a Python object holds (C code, or a cycle the collector did not free)';
    }
    case 'gc.garbage':
      return `${code('gc.garbage')} (unreachable reference cycles the collector saved: ${code(finding.holderType)})`;
    case 'not found':
      return 'a chain longer than the walk follows';
    case 'return value':
      return `the measured call's return value (${code(finding.path)})`;
    case 'fixture': {
      // The root is the fixture's name and scope: `db (session)`.
      const scoped = /^(.*) \(([a-z]+)\)$/.exec(finding.root);
      const name = scoped ? scoped[1]! : finding.root;
      const fixture = `fixture ${code(name)}${scoped ? ` (${scoped[2]})` : ''}`;
      return finding.holder === name
        ? `the ${fixture} (${code(finding.holderType)})`
        : `${code(finding.holder)} (${code(finding.holderType)}, from the ${fixture})`;
    }
    default: {
      const from =
        finding.kind === 'module global' ||
        finding.kind === 'benchmark global' ||
        finding.holder === finding.root
          ? ''
          : `, from ${finding.kind} ${code(finding.root)}`;
      // The cache of an lru_cache function is named by the function it caches for.
      return finding.holderType === LRU_CACHE
        ? `the cache of ${code(finding.holder)} (${code(LRU_CACHE)}${from})`
        : `${code(finding.holder)} (${code(finding.holderType)}${from})`;
    }
  }
}

/**
 * Where no changed Python line filled the holder because C code stores into it (the cache of an
 * lru_cache function stores each result itself): said, rather than nothing.
 */
function storedByC(finding: RetentionFinding, code: Code): string | undefined {
  if (finding.culprit || finding.holderType !== LRU_CACHE) return undefined;
  return `no Python line stored them: ${code(LRU_CACHE)} did, on each new call of ${code(finding.holder)}`;
}

/**
 * A culprit that only made an object the holder keeps (`item = (key, value)`), said as such:
 * the line that stored it into the holder is not one the change was found to make.
 */
function madeText(culprit: RetentionCulprit, code: Code): string {
  const what = culprit.type ? `the ${code(culprit.type)} it holds` : 'an object it holds';
  return (
    `${what} was made at ${code(`${culprit.file}:${culprit.line}`)}, a line this change made, ` +
    'but no line this change made was found storing it there'
  );
}

/**
 * `1.41 MiB of 3,000 objects from app/catalog.py:15 are kept alive by app.cache.LRU.history
 * (list), filled at app/cache.py:24 (changed)`.
 */
export function retentionSentence(finding: RetentionFinding, code: Code = plainCode): string {
  const site = code(`${finding.site.file}:${finding.site.line}`);
  if (finding.storage === 'found') {
    // `24.1 KiB at app/usage.py:12 is the item storage of app.usage.Parser._USAGE (list of
    // 3,000 items), grown by this line, a line this change made`.
    const own =
      finding.culprit?.evidence === 'grown'
        ? ', a line this change made'
        : finding.culprit?.evidence === 'made'
          ? `; ${madeText(finding.culprit, code)}`
          : finding.culprit
            ? `; filled at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made`
            : '';
    const [container, root] = containerText(finding, code);
    return (
      `${formatBytes(finding.bytes)} at ${site} ${finding.sampled > 1 ? 'are' : 'is'} the item storage of ` +
      `${container} (${containersText(finding, code)}${root}), grown by this line${own}`
    );
  }
  const notFound = storageNotFound(finding);
  if (notFound) return `${formatBytes(finding.bytes)} at ${site}: ${notFound}`;
  const objects =
    finding.sampledOf > 0
      ? Math.round((finding.objects * finding.sampled) / finding.sampledOf)
      : finding.objects;
  const how =
    finding.kind === 'unreachable'
      ? `made (a ${code(finding.culprit?.type ?? '?')} of the cycle)`
      : finding.culprit?.evidence === 'stored' && finding.culprit.type
        ? `filled (a ${code(finding.culprit.type)} stored)`
        : 'filled';
  const byC = storedByC(finding, code);
  const culprit =
    finding.culprit?.evidence === 'made'
      ? `; ${madeText(finding.culprit, code)}`
      : finding.culprit
        ? `, ${how} at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made`
        : byC
          ? `; ${byC}`
          : '';
  return (
    `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? '' : 's'} ` +
    `from ${site} ${objects === 1 ? 'is' : 'are'} kept alive by ${holderText(finding, code)}${culprit}`
  );
}

function row(finding: RetentionFinding): string {
  const culprit = finding.culprit
    ? `${escapeCode(`${finding.culprit.file}:${finding.culprit.line}`, 200)} ✏️${finding.culprit.evidence === 'made' ? ' (made what it holds)' : ''}`
    : finding.holderType === LRU_CACHE
      ? `no Python line (${markdownCode(LRU_CACHE)} stored them)`
      : '—';
  return (
    `| ${holderText(finding, markdownCode)} | ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)} ` +
    `| ${formatBytes(finding.bytes)} | ${culprit} |`
  );
}

/** The reference path of each finding, one list item each: too wide for a table column. */
function pathItem(finding: RetentionFinding): string {
  const evidence = finding.culprit?.evidence;
  const verb =
    evidence === 'grown' ? 'grown' : evidence === 'made' ? 'what it holds made' : 'filled';
  const culprit = finding.culprit?.text
    ? ` (${verb} by ${escapeCode(finding.culprit.text, 80)})`
    : '';
  return `- ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)}: ${escapeCode(finding.path, 200)}${culprit}`;
}

/**
 * The comment's block: the first findings in a table, the rest folded; a sentence first for the
 * largest one with a culprit, unless it is `said` already (the verdict's). Empty when the
 * scenario has none.
 */
export function keptAliveSection(
  scenario: ScenarioComparison,
  labelled: boolean,
  said?: RetentionFinding,
): string[] {
  const findings = scenario.retention ?? [];
  if (findings.length === 0) return [];
  const lead = findings.find((finding) => finding.culprit) ?? findings[0]!;
  const head = [
    '| Kept alive by | Objects from | Retained | Filled at |',
    '| --- | --- | ---: | --- |',
  ];
  const title = `**🔗 Kept alive by**${labelled ? ` (${escapeCode(scenario.name)})` : ''}`;
  const lines = [
    '',
    lead === said
      ? `${title}: what holds the grown memory, and the line that filled it.`
      : `${title}: ${retentionSentence(lead, markdownCode)}.`,
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
  lines.push(
    '',
    '<details><summary>Reference paths, from the root to the objects</summary>',
    '',
    ...findings.map(pathItem),
    '',
    '</details>',
  );
  return lines;
}

/** A changed line that filled holders, and the grown sites whose objects they keep alive. */
export interface CulpritGroup {
  culprit: RetentionCulprit;
  /** Retained bytes its holders keep, summed over its findings (its own line's objects too). */
  bytes: number;
  /** The other sites it keeps alive (`path:line`), most held first. */
  kept: string[];
}

function siteKey(location: { file: string; line: number | null }): string {
  return `${location.file}:${location.line}`;
}

/**
 * The culprits of a scenario's findings, most held first. A site kept alive by holders two
 * culprits filled goes under the one that keeps more of it.
 */
export function culpritGroups(findings: readonly RetentionFinding[]): CulpritGroup[] {
  const groups = new Map<string, CulpritGroup>();
  // site -> culprit -> bytes
  const held = new Map<string, Map<string, number>>();
  for (const finding of findings) {
    if (!finding.culprit) continue;
    const key = siteKey(finding.culprit);
    const group = groups.get(key) ?? { culprit: finding.culprit, bytes: 0, kept: [] };
    group.bytes += finding.bytes;
    groups.set(key, group);
    const site = siteKey(finding.site);
    if (site === key) continue;
    const bySite = held.get(site) ?? new Map<string, number>();
    bySite.set(key, (bySite.get(key) ?? 0) + finding.bytes);
    held.set(site, bySite);
  }
  const keptBytes = new Map<string, number>();
  for (const [site, byCulprit] of held) {
    const [culprit, bytes] = [...byCulprit].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0]!;
    groups.get(culprit)!.kept.push(site);
    keptBytes.set(site, bytes);
  }
  const list = [...groups.values()];
  for (const group of list)
    group.kept.sort((a, b) => keptBytes.get(b)! - keptBytes.get(a)! || (a < b ? -1 : 1));
  return list.sort(
    (a, b) => b.bytes - a.bytes || (siteKey(a.culprit) < siteKey(b.culprit) ? -1 : 1),
  );
}

/** How a site stands in a table that leads with culprits. */
export type SiteRole =
  { role: 'culprit'; group: CulpritGroup } | { role: 'kept'; group: CulpritGroup; under: boolean };

/**
 * `sites` (largest first) reordered to lead with each culprit line, most held first, with the
 * sites it keeps alive right under it; the rest keep their order. `roles` says which is which:
 * a kept site is `under` its culprit when the culprit's own row is in `sites`.
 */
export function culpritOrder(
  sites: readonly SiteDelta[],
  groups: readonly CulpritGroup[],
): { sites: SiteDelta[]; roles: Map<SiteDelta, SiteRole> } {
  const roles = new Map<SiteDelta, SiteRole>();
  if (groups.length === 0) return { sites: [...sites], roles };
  const byKey = new Map<string, SiteDelta>();
  for (const site of sites) if (site.line !== null) byKey.set(siteKey(site), site);
  const ordered: SiteDelta[] = [];
  const placed = new Set<SiteDelta>();
  for (const group of groups) {
    const own = byKey.get(siteKey(group.culprit));
    if (own && !placed.has(own)) {
      ordered.push(own);
      placed.add(own);
      roles.set(own, { role: 'culprit', group });
    }
    for (const key of group.kept) {
      const site = byKey.get(key);
      if (!site || placed.has(site)) continue;
      ordered.push(site);
      placed.add(site);
      roles.set(site, { role: 'kept', group, under: own !== undefined });
    }
  }
  for (const site of sites) if (!placed.has(site)) ordered.push(site);
  return { sites: ordered, roles };
}
