/**
 * What a report's verdict sentence leads with: the largest change of peak, retained memory or
 * leak per call, relative to what the scenario measured on base, with the line that moved most;
 * and whether a growth was checked by any budget.
 */
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  percentChange,
  type SizeUnits,
} from '../format/sizes.js';
import { parseSize, sizeUnitsOf } from '../budgets/sizes.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { MEASURES, measureOf, measuresWhere, type MeasureName } from '../compare/measures.js';
import { scenarioAgrees } from '../compare/agreement.js';
import { withinNoise } from '../compare/noise.js';
import { runnerSite } from '../compare/sites.js';
import type { BudgetResult } from '../budgets/evaluate.js';
import type { RetentionFinding } from '../compare/retention.js';
import { LRU_CACHE } from '../capture/snapshot.js';
import { budgetsOfScenario } from './budget-index.js';
import { growthHeld } from './retention.js';
import { hookedSlack } from './details.js';
import type { Report } from './report.js';

/** The measures a verdict may lead with (their `lead` in measures.ts). */
export type ChangeMetric = {
  [N in MeasureName]: (typeof MEASURES)[N]['lead'] extends undefined ? never : N;
}[MeasureName];

const CHANGE_METRICS = measuresWhere((spec) => spec.lead !== undefined) as ChangeMetric[];

/** One total that differs between base and head, in a scenario measured on both. */
export interface Change {
  scenario: ScenarioComparison;
  metric: ChangeMetric;
  measure: Measure & { base: number; head: number; delta: number };
  /** How large the change is next to the scenario's base peak (1 = as large); Infinity from zero. */
  weight: number;
}

/** How a renderer writes code and sites: escaped Markdown with links, or plain text. */
export interface Words {
  code(text: string): string;
  site(site: SiteDelta): string;
}

/**
 * A change as a share of the memory its scenario works in, its peak on base: a 30 % fall of the
 * peak outranks retained memory growing by 0.08 % of it, and a function's retained 32 B doubling
 * does not outrank its peak growing by a third. A leak per call is weighed against its own base,
 * and a leak that starts is news whatever its size.
 */
function weightOf(scenario: ScenarioComparison, metric: ChangeMetric, measure: Change['measure']) {
  const size = Math.abs(measure.delta);
  if (MEASURES[metric].lead.weight === 'own')
    return measure.base > 0 ? size / measure.base : Infinity;
  const scale = Math.max(scenario.peak.base ?? 0, measure.base);
  return scale > 0 ? size / scale : Infinity;
}

/** Every change of a scenario measured on both sides, the one to lead with first. */
export function changesOf(report: Report): Change[] {
  const changes: (Change & { order: number; size: number; named: boolean; noisy: boolean })[] = [];
  const metrics = CHANGE_METRICS;
  report.scenarios.forEach((scenario, index) => {
    if (scenario.status !== 'ok') return;
    metrics.forEach((metric, position) => {
      const measure = measureOf(scenario, metric);
      if (!measure || measure.base === null || measure.head === null || !measure.delta) return;
      // A scenario the first pass itself calls the same on both sides (a peak a few hundred
      // bytes apart, nothing else differing) leads nothing: it was not measured again, so its
      // difference cannot be told from noise.
      if (scenarioAgrees(scenario)) return;
      // Nor does a noisy figure whose base and head repeats overlap: it may be the noise alone.
      if (withinNoise(measure)) return;
      // Nor a leak per call that is noise on head, whatever its ranges: calls that kept random
      // amounts (a cache evicting at random), not what each call keeps.
      if (metric === 'leak' && measure.noisy && measure.headRange) return;
      const known = measure as Change['measure'];
      const weight = weightOf(scenario, metric, known);
      changes.push({
        scenario,
        metric,
        measure: known,
        weight,
        order: index * metrics.length + position,
        size: sizeClass(weight),
        named: siteBehind(scenario, metric, known.delta) !== undefined,
        noisy: measure.noisy === true,
      });
    });
  });
  // A steady change before a noisy one (≈: its ranges do not overlap, so it is real, but its
  // size is not known), then the largest relative change, and among changes of about that size
  // the one whose line is known (a peak and a retained total that grew by the same megabyte);
  // then the largest in bytes, and the report's order (peak, retained, leak).
  return changes
    .sort(
      (a, b) =>
        Number(a.noisy) - Number(b.noisy) ||
        descending(a.size, b.size) ||
        Number(b.named) - Number(a.named) ||
        descending(a.weight, b.weight) ||
        Math.abs(b.measure.delta) - Math.abs(a.measure.delta) ||
        a.order - b.order,
    )
    .map(({ order: _order, size: _size, named: _named, noisy: _noisy, ...change }) => change);
}

/** Weights within about 2 % of each other share a class (Infinity has its own). */
function sizeClass(weight: number): number {
  if (weight === Infinity) return Infinity;
  return weight > 0 ? Math.round(Math.log(weight) / Math.log(1.02)) : -Infinity;
}

function descending(a: number, b: number): number {
  return a === b ? 0 : b > a ? 1 : -1;
}

/**
 * A change that is growth beyond doubt: up, and steady between repeats or beyond their noise
 * (changes within it are not changes: see `changesOf`).
 */
export function isGrowth(change: Change): boolean {
  return change.measure.delta > 0 && !withinNoise(change.measure);
}

/** Whether any budget was evaluated (not skipped) on a scenario. */
export function isChecked(report: Report, scenario: string): boolean {
  return budgetsOfScenario(report.budgets, scenario).some((budget) => budget.status !== 'skip');
}

/** The largest growth no budget looked at, if any. */
export function uncheckedGrowth(report: Report, changes = changesOf(report)): Change | undefined {
  return changes.find((change) => isGrowth(change) && !isChecked(report, change.scenario.name));
}

/** What the verdict sentence says about the changes. */
export interface Headline {
  /** The largest change. */
  lead?: Change;
  /** Said after the lead: the growth no budget checked, or else, after a fall, the largest growth. */
  also?: Change;
  /** The largest growth no budget checked. */
  unchecked?: Change;
}

export function headlineChanges(report: Report): Headline {
  const changes = changesOf(report);
  const [lead] = changes;
  const unchecked = uncheckedGrowth(report, changes);
  const growth = lead && lead.measure.delta < 0 ? changes.find(isGrowth) : undefined;
  const also = unchecked ?? growth;
  return {
    ...(lead ? { lead } : {}),
    ...(also && also !== lead ? { also } : {}),
    ...(unchecked ? { unchecked } : {}),
  };
}

/** `peak memory of x grew +12.5 % (+1.90 MiB), most at app/cache.py:41 (+1.80 MiB at the peak)`. */
export function changeWithSite(change: Change, words: Words): string {
  return (
    changeSentence(change, words) +
    siteClause(change.scenario, change.metric, change.measure.delta, words)
  );
}

/**
 * The site that moved most the way a total moved: at the peak (when the peak sites were found),
 * among the retained sites, or among the leaking sites; the test runner's own sites only when no
 * other site moved that way. A test's peak sites come from a later call of it, which finds what
 * its first call filled already there: when they were found and no project site moved at the
 * peak, the retained site that moved most that way is named, as retained memory (`unit`).
 */
export function siteBehind(
  scenario: ScenarioComparison,
  metric: MeasureName,
  delta: number,
): SiteDelta | undefined {
  return explainingSite(scenario, metric, delta)?.site;
}

function explainingSite(
  scenario: ScenarioComparison,
  metric: MeasureName,
  delta: number,
): { site: SiteDelta; unit: string } | undefined {
  const explaining = MEASURES[metric].sites;
  if (delta === 0 || explaining === undefined) return undefined;
  const list = explaining.list;
  // Peaks that came at different moments: a site's Δ at the peak compares two moments, so it is
  // named only where it cannot overstate the change, being no larger than it (within what a
  // hooked run's peak differs by): a new line holding at head's peak what the peak grew by.
  if (list === 'peakSites' && scenario.peakSites?.apart) {
    const bound = Math.abs(scenario.peak.delta ?? 0) + hookedSlack(scenario.peak.head ?? 0);
    const within = scenario.peakSites.sites.filter((site) => Math.abs(site.sizeDelta) <= bound);
    const site = mostMoved(within, delta, true) ?? mostMoved(within, delta, false);
    return site && { site, unit: explaining.unit };
  }
  const sites = list === 'peakSites' ? scenario.peakSites?.sites : scenario[list];
  const own = mostMoved(sites ?? [], delta, true);
  if (own) return { site: own, unit: explaining.unit };
  if (list === 'peakSites' && scenario.kind === 'test' && scenario.peakSites !== undefined) {
    const retained = mostMoved(scenario.sites, delta, true);
    if (retained) return { site: retained, unit: ' retained' };
  }
  const any = mostMoved(sites ?? [], delta, false);
  return any && { site: any, unit: explaining.unit };
}

function groupByFile(sites: readonly SiteDelta[]): Map<string, SiteDelta[]> {
  const byFile = new Map<string, SiteDelta[]>();
  for (const site of sites) {
    const list = byFile.get(site.file);
    if (list) list.push(site);
    else byFile.set(site.file, [site]);
  }
  return byFile;
}

/** How close a site's growth and a nearby line's shrink must be for the two to be one move. */
const MOVE_TOLERANCE = 0.1;
/** Lines apart a move may span when neither side names its function. */
const MOVE_LINES = 20;

/**
 * Whether `site` only moved: another line of the same function (of the same file, near it when
 * no function is known) changed by about as much the other way, as a buffer live at the peak
 * that an edit moved from line 450 to line 445 does. The pair nets out; neither is growth.
 */
export function movedLine(site: SiteDelta, sites: readonly SiteDelta[]): boolean {
  const size = site.sizeDelta;
  if (size === 0) return false;
  const line = site.line ?? site.baseLine;
  return sites.some((other) => {
    if (other === site || other.file !== site.file) return false;
    if (Math.sign(other.sizeDelta) !== -Math.sign(size)) return false;
    const near =
      site.function !== undefined && other.function !== undefined
        ? site.function === other.function
        : line !== null &&
          Math.abs((other.line ?? other.baseLine ?? Infinity) - line) <= MOVE_LINES;
    if (!near) return false;
    const larger = Math.max(Math.abs(size), Math.abs(other.sizeDelta));
    return Math.abs(size + other.sizeDelta) <= larger * MOVE_TOLERANCE;
  });
}

/**
 * The site that moved most the way `delta` did (`own`: the test runner's sites left out); never
 * one that only moved from a nearby line (`movedLine`).
 */
function mostMoved(
  sites: readonly SiteDelta[],
  delta: number,
  own: boolean,
): SiteDelta | undefined {
  let best: SiteDelta | undefined;
  let byFile: Map<string, SiteDelta[]> | undefined;
  for (const site of sites) {
    if (own && runnerSite(site.file)) continue;
    const moved = Math.sign(delta) * site.sizeDelta;
    if (moved <= 0 || (best && moved <= Math.sign(delta) * best.sizeDelta)) continue;
    // Only a site that would be named is weighed against the other lines of its file.
    byFile ??= groupByFile(sites);
    if (!movedLine(site, byFile.get(site.file) ?? [])) best = site;
  }
  return best;
}

/**
 * The sizes of a sentence about a budget: in the limit's family of units (`+100KB`: KB, MB), so
 * that one sentence never mixes `MB` and `MiB`; beside a percentage, the reports' binary units.
 */
export function unitsBeside(limit: string): SizeUnits {
  return /%$/.test(limit.trim()) ? 'binary' : sizeUnitsOf(limit);
}

/**
 * `, most at app/cache.py:41 (+10.2 MiB at the peak)`, in `units` (a sentence beside a `+100KB`
 * budget says `+1.42 MB` throughout); empty when no site is known.
 */
export function siteClause(
  scenario: ScenarioComparison,
  metric: MeasureName,
  delta: number,
  words: Words,
  units: SizeUnits = 'binary',
): string {
  const found = explainingSite(scenario, metric, delta);
  if (!found) return '';
  const { site, unit } = found;
  return `, most at ${words.site(site)} (${formatBytesDelta(site.sizeDelta, units)}${unit})`;
}

/**
 * `, most at …` beside a budget a figure went over: the site that moved most the way the limit
 * was crossed (up past a ceiling or a growth limit, down past an improvement floor), never one
 * that moved the other way (a leak over its ceiling that fell since base names a site that grew,
 * or none); empty for a `site` budget, which names its own.
 */
export function budgetSiteClause(
  scenario: ScenarioComparison,
  budget: BudgetResult,
  words: Words,
): string {
  if (budget.metric === 'site') return '';
  if (!measureOf(scenario, budget.metric)?.delta) return '';
  const direction = budget.limit.trim().startsWith('-') ? -1 : 1;
  const where = siteClause(scenario, budget.metric, direction, words, unitsBeside(budget.limit));
  return direction > 0 && MEASURES[budget.metric].sites?.list === 'sites'
    ? where + heldClause(scenario, words, where !== '')
    : where;
}

/**
 * What keeps the most of a scenario's retained growth alive, when the retention walk found a
 * holder but no changed line that made or filled it (a line that stopped clearing a cache
 * allocates nothing): `, kept alive by app.cache._parsed (dict)` after the site named; empty
 * when a changed line is blamed (the verdict leads with it) or no holder was found.
 */
function heldClause(scenario: ScenarioComparison, words: Words, afterSite: boolean): string {
  const found = mostHeldBy(scenario);
  if (!found || found.culprit) return '';
  const holder =
    found.holderType === LRU_CACHE
      ? `the cache of ${words.code(found.holder)}`
      : `${words.code(found.holder)} (${words.code(found.holderType)})`;
  return afterSite ? `, kept alive by ${holder}` : `, kept alive most by ${holder}`;
}

/**
 * The finding of the holder that keeps the most of a scenario's growth alive (`growthHeld` of
 * its findings), its largest; only a named holder (not an unreachable cycle, a chain too long,
 * storage no container was found for). A holder any changed line filled is given by a finding
 * with its culprit.
 */
function mostHeldBy(scenario: ScenarioComparison): RetentionFinding | undefined {
  const byHolder = new Map<string, RetentionFinding[]>();
  for (const finding of scenario.retention ?? []) {
    if (finding.kind === 'not found' || finding.kind === 'unreachable' || !finding.holder) continue;
    const key = `${finding.kind}\0${finding.root}\0${finding.holder}`;
    byHolder.set(key, [...(byHolder.get(key) ?? []), finding]);
  }
  let best: { finding: RetentionFinding; kept: number } | undefined;
  for (const findings of byHolder.values()) {
    const kept = growthHeld(scenario, findings);
    if (kept <= 0 || (best && kept <= best.kept)) continue;
    best = { finding: findings.find((f) => f.culprit) ?? findings[0]!, kept };
  }
  return best?.finding;
}

function approx(measure: Measure, text: string): string {
  return measure.noisy ? `≈ ${text}` : text;
}

/** `peak memory of bench.py grew +12.5 % (+1.90 MiB)`, or `… grew from 0 B to 2.00 KiB`. */
export function changeSentence(change: Change, words: Words): string {
  const { measure, metric, scenario } = change;
  const verb = measure.delta > 0 ? 'grew' : 'shrank';
  const percent = percentChange(measure.base, measure.head);
  const amount =
    percent === undefined
      ? `from ${formatBytes(measure.base)} to ${approx(measure, formatBytes(measure.head))}`
      : `${approx(measure, formatPercent(percent))} (${approx(measure, formatBytesDelta(measure.delta))})`;
  return `${MEASURES[metric].words.subject} of ${words.code(scenario.name)} ${verb} ${amount}`;
}

/** Leak per call as both reports show it: `2.00 KiB (+1.00 KiB)`, `≈` when noisy. */
export function leakText(leak: Measure): string | undefined {
  if (leak.head === null) return undefined;
  const change =
    leak.delta !== null && leak.delta !== 0 ? ` (${formatBytesDelta(leak.delta)})` : '';
  return approx(leak, `${formatBytes(leak.head)}${change}`);
}

/**
 * How to add a budget on the measure that grew, in one line: the action's `budget` input, a
 * config file's `budgets`, the CLI's `--budget`.
 */
export function budgetExample(change: Change): { input: string; file: string; flag: string } {
  const { metric } = change;
  const limit = suggestedLimit(change);
  return {
    input: `budget: '${metric}: ${limit}'`,
    file: `budgets: {${metric}: ${limit}}`,
    flag: `--budget "${metric}: ${limit}"`,
  };
}

/**
 * The limit a suggested budget sets: the measure's example (a little growth of peak, a small
 * retained growth, no leak: measures.ts), unless that is a ceiling base itself is over (a leak
 * base already has, against `0B`), which would fail every pull request: then a ceiling above
 * all base measured (its repeats' highest too), so that only head going further fails it.
 */
function suggestedLimit(change: Change): string {
  const example = MEASURES[change.metric].lead.example;
  const ceiling = parseSize(example);
  if (ceiling === undefined) return example;
  const { base, baseRange } = change.measure;
  const highest = Math.max(base, baseRange?.[1] ?? base);
  return highest <= ceiling ? example : roundSizeAbove(highest);
}

/** The first of 1, 2 and 5 times a power of ten bytes above `bytes`, as a budget writes it: `2KB`. */
export function roundSizeAbove(bytes: number): string {
  let scale = 1;
  for (;;) {
    for (const step of [1, 2, 5]) {
      const size = step * scale;
      if (size > bytes) {
        const [unit, divisor] =
          size >= 1e9
            ? ['GB', 1e9]
            : size >= 1e6
              ? ['MB', 1e6]
              : size >= 1e3
                ? ['KB', 1e3]
                : ['B', 1];
        return `${size / divisor}${unit}`;
      }
    }
    scale *= 10;
  }
}
