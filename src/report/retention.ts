/**
 * Retention paths in words: what keeps a grown site's objects alive, and the changed line that
 * filled the holder (the culprit). One sentence shape for the comment, the terminal and the
 * annotations (`retentionSentence`), the comment's "Kept alive by" block (`keptAliveSection`),
 * the finding a verdict leads with (`leadingRetention`), and the order of a sites table that
 * leads with each culprit and the sites it keeps alive (`culpritOrder`).
 */
import type { BudgetResult } from '../budgets/evaluate.js';
import { verdictCauses } from '../budgets/verdict.js';
import type { ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { isOwnGlobal, type RetentionCulprit, type RetentionFinding } from '../compare/retention.js';
import { siteLocation } from '../compare/sites.js';
import { LRU_CACHE } from '../capture/snapshot.js';
import { formatBytes, groupDigits } from '../format/sizes.js';
import { escapeCode } from './escape.js';

/** Findings shown open in the comment's block; the rest are folded. */
export const RETENTION_SHOWN = 3;

/** How a piece of code is written: Markdown code spans, or plain text for a terminal. */
type Code = (text: string) => string;

const plainCode: Code = (text) => `\`${text}\``;
const markdownCode: Code = (text) => escapeCode(text, 200);

/** The findings of a scenario whose objects `finding`'s holder keeps (itself among them). */
function sameHolder(
  scenario: ScenarioComparison,
  finding: RetentionFinding,
): readonly RetentionFinding[] {
  if (!finding.holder || finding.kind === 'not found' || finding.kind === 'unreachable')
    return [finding];
  return (scenario.retention ?? []).filter(
    (other) =>
      other.kind === finding.kind && other.root === finding.root && other.holder === finding.holder,
  );
}

/**
 * The finding with a culprit that holds the most: when a budget decides the verdict (the one
 * furthest over its limit), of that budget's scenario only, so that the lead never pairs another
 * test's (smaller) finding with it; else over every scenario. Undefined when none. Whether a
 * verdict blames its line is decided once, by `verdictCulprit` (src/report/verdict.ts).
 */
export function leadingRetention(report: {
  scenarios: readonly ScenarioComparison[];
  budgets?: readonly BudgetResult[];
}): { scenario: ScenarioComparison; finding: RetentionFinding } | undefined {
  const [first] = verdictCauses(report, report.budgets ?? []);
  if (first?.kind === 'budget-failed' || first?.kind === 'budget-warned')
    return mostHeld(report.scenarios.filter((s) => s.name === first.budget.scenario));
  return mostHeld(report.scenarios);
}

function mostHeld(
  scenarios: readonly ScenarioComparison[],
): { scenario: ScenarioComparison; finding: RetentionFinding } | undefined {
  let best: { scenario: ScenarioComparison; finding: RetentionFinding; kept: number } | undefined;
  for (const scenario of scenarios) {
    for (const finding of scenario.retention ?? []) {
      if (!finding.culprit) continue;
      const kept = growthHeld(scenario, sameHolder(scenario, finding));
      if (!best || kept > best.kept || (kept === best.kept && finding.bytes > best.finding.bytes))
        best = { scenario, finding, kept };
    }
  }
  return best && { scenario: best.scenario, finding: best.finding };
}

/**
 * How much of a scenario's growth `findings` hold: of each site, its growth up to what they hold
 * of it (their bytes there, summed), not its size on head, as a holder also reaches objects that
 * base had; nor shared out over the site's other holders, since a root that held the same on base
 * (a benchmark's results) keeps none of the growth. Summed over the sites, and never more than the
 * scenario's retained memory grew.
 */
export function growthHeld(
  scenario: ScenarioComparison,
  findings: readonly RetentionFinding[],
): number {
  const grown = new Map<string, number>();
  for (const site of scenario.sites)
    if (site.line !== null) grown.set(siteLocation(site), site.sizeDelta);
  const bySite = new Map<string, number>();
  for (const finding of findings) {
    const site = siteLocation(finding.site);
    bySite.set(site, (bySite.get(site) ?? 0) + finding.bytes);
  }
  let held = 0;
  for (const [site, bytes] of bySite) {
    const delta = grown.get(site) ?? 0;
    if (delta > 0) held += Math.min(bytes, delta);
  }
  return Math.max(0, Math.min(held, scenario.retained.delta ?? 0));
}

/**
 * Where a holder's findings are: `at 2 sites`; or, when sites grew that were not walked (only
 * the largest `retention-paths` are), `at the 3 sites walked (of 9 that grew)`, `at 2 of the 3
 * sites walked (of 9 that grew)`.
 */
function whereHeld(scenario: ScenarioComparison, same: readonly RetentionFinding[]): string {
  const walked = new Set((scenario.retention ?? []).map((finding) => siteLocation(finding.site)));
  const grew = new Set(
    scenario.sites.filter((site) => site.line !== null && site.sizeDelta > 0).map(siteLocation),
  );
  const count = new Set(same.map((finding) => siteLocation(finding.site))).size;
  if ([...grew].every((site) => walked.has(site))) return `at ${groupDigits(count)} sites`;
  const of = ` (of ${groupDigits(new Set([...grew, ...walked]).size)} that grew)`;
  return count === walked.size
    ? `at the ${groupDigits(count)} sites walked${of}`
    : `at ${groupDigits(count)} of the ${groupDigits(walked.size)} sites walked${of}`;
}

/**
 * What the verdict leads with: the sentence of the leading finding, after how much of the growth
 * its holder keeps in all (`growthHeld`) when it keeps the objects of more sites than that one
 * (`app.cache._history keeps 690 KiB of the grown memory alive, at 2 sites; the most: …`); the
 * finding's own figure, a size on head, says how much of it grew when that is less.
 */
export function leadSentence(
  found: { scenario: ScenarioComparison; finding: RetentionFinding },
  code: Code = plainCode,
): string {
  const same = sameHolder(found.scenario, found.finding);
  const sentence = retentionSentence(
    found.finding,
    code,
    growthHeld(found.scenario, [found.finding]),
  );
  if (same.length < 2) return sentence;
  const kept = growthHeld(found.scenario, same);
  if (kept <= 0) return sentence;
  return (
    `${code(found.finding.holder)} keeps ${formatBytes(kept)} of the grown memory alive, ` +
    `${whereHeld(found.scenario, same)}; the most: ${sentence}`
  );
}

/**
 * Whether a storage finding's containers are not its holder but held by it, further on its path
 * (the lists `app.cache._history[…]` holds): its `holderType` is then theirs.
 */
function heldContainers(finding: RetentionFinding): boolean {
  return finding.storage === 'held';
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
function storageNotFound(finding: RetentionFinding, code: Code = plainCode): string | undefined {
  if (finding.storage === 'untraced') {
    const count = finding.items ?? 0;
    return (
      'not searched: this Python gives no allocation line for instances of plain classes (before 3.12), ' +
      `and its blocks have the size of the ${groupDigits(count)} live ${code(finding.holderType)} instance${count === 1 ? '' : 's'}, which may be its objects`
    );
  }
  if (finding.storage === 'none')
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size";
  if (finding.storage === 'several')
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and several containers a root reaches have storage of its size, none of them named by the line";
  return undefined;
}

/** What holds the objects: `app.cache.LRU.history` (list), an unreachable cycle, … */
export function holderText(finding: RetentionFinding, code: Code = plainCode): string {
  if (finding.storage === 'found' || finding.storage === 'held') {
    const [container, root] = containerText(finding, code);
    if (heldContainers(finding))
      return `${container} (the item storage of the ${code(finding.holderType)}s it holds${root})`;
    return `${container} (its item storage: ${containersText(finding, code)}${root})`;
  }
  const notFound = storageNotFound(finding, code);
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
      if (isOwnGlobal(finding))
        return finding.kind === 'module global'
          ? `the module ${code(finding.holder)}, as its global ${code(finding.name)}`
          : `the class ${code(finding.holder)}, as its attribute ${code(finding.name)}`;
      const from =
        finding.kind === 'module global' ||
        finding.kind === 'benchmark global' ||
        finding.holder === finding.root
          ? ''
          : `, from ${finding.kind} ${code(finding.root)}`;
      // The cache of an lru_cache function is named by the function it caches for.
      return finding.holderType === LRU_CACHE
        ? `the cache of ${code(finding.holder)} (${code(LRU_CACHE)}${from})`
        : `${code(finding.holder)} (${code(finding.holderType)}${from})${asKeys(finding)}`;
    }
  }
}

/**
 * How the holder keeps objects that are its keys (a path that ends at a key, `app.seen[key]`,
 * through no item before it): `, as its keys`; `, as the names of its attributes` for an
 * instance's; else empty.
 */
function asKeys(finding: RetentionFinding): string {
  const { path } = finding;
  if (!path.endsWith('[key]') || path.slice(0, -'[key]'.length).includes('[')) return '';
  return path.endsWith('.__dict__[key]') ? ', as the names of its attributes' : ', as its keys';
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
 * Whether a finding's culprit made the cache of an lru_cache function (its decorator), which
 * C code fills on each new call: the line that made the holder, not one that stored into it.
 */
function cacheMade(finding: RetentionFinding): boolean {
  return finding.culprit?.evidence === 'stored' && finding.culprit.type === LRU_CACHE;
}

/**
 * A culprit that only made an object the holder keeps (`item = (key, value)`), said as such:
 * the line that stored it into the holder is not one the change was found to make.
 */
function madeText(culprit: RetentionCulprit, code: Code): string {
  const what = culprit.type ? `the ${code(culprit.type)} it holds` : 'an object it holds';
  return (
    `${what} was made at ${code(siteLocation(culprit))}, a line this change made, ` +
    'but no line this change made was found storing it there'
  );
}

/** What of a finding's size grew, at least, for the size to be said alone. */
const GREW_CLOSE = 0.9;

/**
 * `1.41 MiB of 3,000 objects from app/catalog.py:15 are kept alive by app.cache.LRU.history
 * (list), filled at app/cache.py:24 (changed)`. Given what of the finding's size on head `grew`
 * (`growthHeld`), says it when well less (under 90 %: the finding's size, a sampled share of
 * its site's, is no closer): `975 KiB of 854 objects from app/keys.py:4 (of which 25.2 KiB grew) are …`.
 */
export function retentionSentence(
  finding: RetentionFinding,
  code: Code = plainCode,
  grew?: number,
): string {
  const site =
    code(siteLocation(finding.site)) +
    (grew === undefined || grew >= finding.bytes * GREW_CLOSE
      ? ''
      : grew > 0
        ? ` (of which ${formatBytes(grew)} grew)`
        : ' (none of it grew)');
  if (finding.storage === 'found' || finding.storage === 'held') {
    // `24.1 KiB at app/usage.py:12 is the item storage of app.usage.Parser._USAGE (list of
    // 3,000 items), grown by this line, a line this change made`.
    const own =
      finding.culprit?.evidence === 'grown'
        ? ', a line this change made'
        : finding.culprit?.evidence === 'made'
          ? `; ${madeText(finding.culprit, code)}`
          : finding.culprit && cacheMade(finding)
            ? `; the ${code(LRU_CACHE)} that holds it was made at ${code(siteLocation(finding.culprit))}, a line this change made`
            : finding.culprit
              ? `; filled at ${code(siteLocation(finding.culprit))}, a line this change made`
              : '';
    const [container, root] = containerText(finding, code);
    if (heldContainers(finding))
      return (
        `${formatBytes(finding.bytes)} at ${site} is the item storage of the ${code(finding.holderType)}s ` +
        `that ${container} holds (${code(finding.path)}${root}), grown by this line${own}`
      );
    return (
      `${formatBytes(finding.bytes)} at ${site} ${finding.sampled > 1 ? 'are' : 'is'} the item storage of ` +
      `${container} (${containersText(finding, code)}${root}), grown by this line${own}`
    );
  }
  const notFound = storageNotFound(finding, code);
  if (notFound) return `${formatBytes(finding.bytes)} at ${site}: ${notFound}`;
  const objects =
    finding.sampledOf > 0
      ? Math.round((finding.objects * finding.sampled) / finding.sampledOf)
      : finding.objects;
  const how =
    finding.kind === 'unreachable'
      ? `made (a ${code(finding.culprit?.type ?? '?')} of the cycle)`
      : cacheMade(finding)
        ? 'made'
        : isOwnGlobal(finding)
          ? 'made and bound'
          : finding.culprit?.evidence === 'stored' && finding.culprit.type
            ? `filled (a ${code(finding.culprit.type)} stored)`
            : 'filled';
  const byC = storedByC(finding, code);
  const culprit =
    finding.culprit?.evidence === 'made'
      ? `; ${madeText(finding.culprit, code)}`
      : finding.culprit
        ? `, ${how} at ${code(siteLocation(finding.culprit))}, a line this change made` +
          (cacheMade(finding) ? `, and filled on each new call of ${code(finding.holder)}` : '')
        : byC
          ? `; ${byC}`
          : '';
  return (
    `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? '' : 's'} ` +
    `from ${site} ${objects === 1 ? 'is' : 'are'} kept alive by ${holderText(finding, code)}${culprit}`
  );
}

/**
 * A table row's holder: the sentence of `holderText`, but for storage not found a short cell,
 * the reason said once under the table (`NOT_FOUND_NOTE`).
 */
function holderCell(finding: RetentionFinding): string {
  if (finding.storage === 'none') return 'not found: no container of its storage’s size';
  if (finding.storage === 'several')
    return 'not found: several containers of its storage’s size, none named by the line';
  if (finding.storage === 'untraced')
    return `not searched: maybe ${markdownCode(finding.holderType)} instances, which this Python traces no line for`;
  return holderText(finding, markdownCode);
}

const NOT_FOUND_NOTE =
  "<sub>Not found: the line allocated no object of its own (most often it grows a container's item storage); the containers a root reaches were looked for by the size of its blocks.</sub>";

function row(finding: RetentionFinding): string {
  const culprit = finding.culprit
    ? `${escapeCode(siteLocation(finding.culprit), 200)} ✏️${finding.culprit.evidence === 'made' ? ' (made what it holds)' : ''}`
    : finding.holderType === LRU_CACHE
      ? `no Python line (${markdownCode(LRU_CACHE)} stored them)`
      : '—';
  return (
    `| ${holderCell(finding)} | ${escapeCode(siteLocation(finding.site), 200)} ` +
    `| ${formatBytes(finding.bytes)} | ${culprit} |`
  );
}

/** The reference path of each finding, one list item each: too wide for a table column. */
function pathItem(finding: RetentionFinding): string {
  const evidence = finding.culprit?.evidence;
  const verb =
    evidence === 'grown'
      ? 'grown'
      : evidence === 'made'
        ? 'what it holds made'
        : cacheMade(finding)
          ? 'made'
          : 'filled';
  const culprit = finding.culprit?.text
    ? ` (${verb} by ${escapeCode(finding.culprit.text, 80)})`
    : '';
  return `- ${escapeCode(siteLocation(finding.site), 200)}: ${escapeCode(finding.path, 200)}${culprit}`;
}

/**
 * The comment's block: the first findings in a table, the rest folded; a sentence first for the
 * largest one with a culprit (after what its holder keeps in all, as `leadSentence` says it),
 * unless it is `said` already (the verdict's). Empty when the scenario has none.
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
      : `${title}: ${leadSentence({ scenario, finding: lead }, markdownCode)}.`,
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
  if (findings.some((finding) => finding.storage === 'none' || finding.storage === 'several'))
    lines.push('', NOT_FOUND_NOTE);
  // A finding with no path (not found) has none to list.
  const withPath = findings.filter((finding) => finding.path !== '');
  if (withPath.length > 0)
    lines.push(
      '',
      '<details><summary>Reference paths, from the root to the objects</summary>',
      '',
      ...withPath.map(pathItem),
      '',
      '</details>',
    );
  return lines;
}

/** A changed line that filled holders, and the grown sites whose objects they keep alive. */
export interface CulpritGroup {
  culprit: RetentionCulprit;
  /**
   * What its holders keep of the scenario's growth (`growthHeld` of its findings, its own line's
   * objects too): never their size on head.
   */
  bytes: number;
  /** The other sites it keeps alive (`path:line`), most held first. */
  kept: string[];
}

/**
 * The culprits of a scenario's findings, most of the growth held first. A site kept alive by
 * holders two culprits filled goes under the one that keeps more of it.
 */
export function culpritGroups(scenario: ScenarioComparison): CulpritGroup[] {
  const findings = scenario.retention ?? [];
  const groups = new Map<string, CulpritGroup>();
  const byCulprit = new Map<string, RetentionFinding[]>();
  // site -> culprit -> bytes
  const held = new Map<string, Map<string, number>>();
  for (const finding of findings) {
    if (!finding.culprit) continue;
    const key = siteLocation(finding.culprit);
    const group = groups.get(key) ?? { culprit: finding.culprit, bytes: 0, kept: [] };
    groups.set(key, group);
    byCulprit.set(key, [...(byCulprit.get(key) ?? []), finding]);
    const site = siteLocation(finding.site);
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
  for (const [key, group] of groups) group.bytes = growthHeld(scenario, byCulprit.get(key)!);
  const list = [...groups.values()];
  for (const group of list)
    group.kept.sort((a, b) => keptBytes.get(b)! - keptBytes.get(a)! || (a < b ? -1 : 1));
  return list.sort(
    (a, b) => b.bytes - a.bytes || (siteLocation(a.culprit) < siteLocation(b.culprit) ? -1 : 1),
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
  for (const site of sites) if (site.line !== null) byKey.set(siteLocation(site), site);
  const ordered: SiteDelta[] = [];
  const placed = new Set<SiteDelta>();
  for (const group of groups) {
    const own = byKey.get(siteLocation(group.culprit));
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

/**
 * The sites a table shows open: the largest `top` growths, led by the changed lines that keep
 * memory alive with the sites they keep (`culpritOrder`), and the largest `top` shrinks; but a
 * folded growth takes the place of a shown shrink smaller than itself, the changed lines first,
 * so that neither a changed line nor a large growth is folded behind a small shrink. `grown` in
 * the order of `culpritOrder`, `shrunk` largest first; `roles` as it gives them.
 */
export function openSites(
  sites: readonly SiteDelta[],
  groups: readonly CulpritGroup[],
  top: number,
): { grown: SiteDelta[]; shrunk: SiteDelta[]; roles: Map<SiteDelta, SiteRole> } {
  const grew = (site: SiteDelta) =>
    site.sizeDelta > 0 || (site.sizeDelta === 0 && site.countDelta > 0);
  const { sites: grown, roles } = culpritOrder(sites.filter(grew), groups);
  const shrunk = sites.filter((site) => !grew(site));
  const open = new Set([...grown.slice(0, top), ...shrunk.slice(0, top)]);
  const shown = shrunk.slice(0, top);
  const folded = grown
    .slice(top)
    .map((site, index) => ({ site, index }))
    .sort(
      (a, b) =>
        Number(b.site.changedLine) - Number(a.site.changedLine) ||
        b.site.sizeDelta - a.site.sizeDelta ||
        a.index - b.index,
    );
  for (const { site } of folded) {
    // The smallest shrink shown: the last, as they are largest first.
    const smallest = shown[shown.length - 1];
    if (!smallest || Math.abs(smallest.sizeDelta) >= site.sizeDelta) continue;
    shown.pop();
    open.delete(smallest);
    open.add(site);
  }
  return {
    grown: grown.filter((site) => open.has(site)),
    shrunk: shrunk.filter((site) => open.has(site)),
    roles,
  };
}
