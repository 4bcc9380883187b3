import type {
  Comparison,
  Measure,
  ScenarioComparison,
  SiteDelta,
  Spread,
} from '../compare/comparison.js';
import { siteListOf, type Snapshot } from '../capture/snapshot.js';
import { globMatcher } from './globs.js';
import { MEASURES, measureOf, type ColdCalls, type MeasureSpec } from '../compare/measures.js';
import { liesBeyond, noiseRanges } from '../compare/noise.js';
import { runnerSite } from '../compare/sites.js';
import { unitOf } from './rules.js';
import { parseSize, sizeUnitsOf } from './sizes.js';
import type {
  BudgetLimit,
  BudgetMetric,
  BudgetPolicy,
  BudgetRule,
  RuleLevel,
  ScenarioOverride,
} from './rules.js';
import {
  FACTOR_FROM_PERCENT,
  formatAmount,
  formatBytes,
  formatChange,
  formatPercent,
  percentChange,
  type SizeUnits,
} from '../format/sizes.js';

/**
 * `pass`: within the limit. `fail`: over the limit of a fail rule. `warn`: over the limit of a
 * warn rule, or over any limit on a measurement whose repeats overlap the limit (noisy). `skip`:
 * not evaluated (`reason` says why).
 *
 * A figure whose repeats differ (noisy, or growing call after call) is judged on the ends of
 * base's and head's ranges nearest each other: the smallest change the repeats allow (for a
 * ceiling, head's lowest repeat). Over the limit even there, or over it at the reported values
 * with the ranges apart, the change is real whatever the spread, and the rule's level decides;
 * over it only at the reported values, the ranges overlapping, it is a warning.
 */
export type BudgetStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface BudgetResult {
  /** The rule in its inline form: `peak: +5%, 64MB`. */
  rule: string;
  metric: BudgetMetric;
  scenario: string;
  /** The limit checked here, as written: `+5%`, `+100KB`, `64MB`, `-10%`. */
  limit: string;
  /** The measured value in the limit's terms: `+12.4 %`, `+1.90 MiB`, `70.1 MiB`. */
  actual: string;
  status: BudgetStatus;
  /** The rule's level: what exceeding it does to the verdict. */
  level: RuleLevel;
  /** For `site` rules: the site that decided the result (`app/cache.py:12`). */
  site?: string;
  /**
   * Why a rule was skipped, why exceeding it did not fail, or what was judged when the repeats
   * differed.
   */
  reason?: string;
  /**
   * The value over the limit varies between repeats and base's and head's ranges overlap (or
   * reach below a ceiling), so the result is a warning whatever the level.
   */
  noisy?: true;
  /**
   * The figure judged, memory the calls keep (not a peak), grows call after call over head's
   * repeats, a leak: what each call keeps when a leak check measured it (`leak: 1.35 MiB kept
   * per call`), else how fast the figure rose (`rises +80.0 KiB per call over the repeats`).
   */
  leak?: string;
  /**
   * A skip because the scenario lacks the measure: which measure, and why when known. The
   * reports fold such rows of one rule into one line.
   */
  unmeasured?: Unmeasured;
  /**
   * How far past its limit the judged figure is, in the metric's unit (bytes; allocations for
   * `count`), when it is over: what ranks the failures, the largest leading the verdict.
   */
  over?: number;
}

/** A measure a scenario lacks: its name (`leak per call`) and why, when known. */
export interface Unmeasured {
  what: string;
  why?: string;
}

export type Verdict = 'pass' | 'warn' | 'fail';

/** Which verdicts make the run fail (the action's check, the CLI's exit status). */
export type FailOn = 'fail' | 'warn' | 'never';
export const FAIL_ON_VALUES = ['fail', 'warn', 'never'] as const;

export interface BudgetEvaluation {
  results: BudgetResult[];
  /**
   * Rules that could not be checked at all, as sentences: `uncheckedWarnings` of `unchecked`.
   * Each one makes the verdict at least a warning.
   */
  warnings: string[];
  /**
   * The same, as data: whether a budget was checked anywhere is a question about every scenario,
   * so a run that checked only some of them (one shard of a suite) reports this, and the merge
   * of all of them decides (src/publish/merge-mode.ts).
   */
  unchecked: UncheckedBudgets;
}

/** Budgets that no scenario of an evaluation could check. */
export interface UncheckedBudgets {
  /**
   * Per-scenario overrides that match none of the scenarios: `override` names one as messages
   * do (`allocdiff.yml: scenarios."etl*"`), `rules` are its rules in their inline form.
   */
  overrides: { override: string; rules: string[] }[];
  /** Rules (in their inline form) that no scenario could measure, and why. */
  rules: { rule: string; reason: string }[];
}

/** A figure a rule judges, with how it varied over the repeats (head's growth: a leak). */
interface Observation extends Omit<Spread, 'baseGrowth'> {
  base: number;
  head: number;
  site?: string;
  /** Base's value is not known for sure (its repeats are noisy): only ceilings ignore that. */
  baseNoisy?: boolean;
  /** Where the value comes from, when that is not the measure itself. */
  source?: string;
  /** A site of head's whose figures did not change: only a ceiling can find it over. */
  held?: true;
  /** How a function's first (cold) calls varied, where its ranges are its warm calls'. */
  cold?: ColdCalls;
}

/**
 * Head's own sites of a scenario that the comparison does not list (their figures did not
 * change), largest first: a ceiling limits what head holds at each site, changed or not.
 */
export type HeadSites = (scenario: string) => readonly HeldSite[];

/** One site head holds memory at after a scenario: `file:line`, its size and its repeats' range. */
export interface HeldSite {
  site: string;
  size: number;
  range?: [number, number];
}

/** How many of a scenario's unchanged head sites a site rule looks at: the largest. */
const HELD_SITES = 10;

/**
 * `HeadSites` from head's snapshot: for a scenario, its largest sites whose path no `ignore`
 * glob matches, read from the snapshot's site table (only sites with memory on head).
 */
export function headSitesOf(head: Snapshot | undefined, ignore: readonly string[]): HeadSites {
  const byName = new Map((head?.scenarios ?? []).map((s) => [s.name, s]));
  const ignored = ignore.length > 0 ? globMatcher([...ignore]) : () => false;
  return (name) => {
    const scenario = byName.get(name);
    if (!scenario || scenario.status !== 'ok') return [];
    const list = siteListOf(scenario);
    const { sizes } = list;
    const rows: number[] = [];
    for (let row = 0; row < list.length; row += 1) if (sizes[row]! > 0) rows.push(row);
    rows.sort((a, b) => sizes[b]! - sizes[a]!);
    const held: HeldSite[] = [];
    for (const row of rows) {
      if (held.length === HELD_SITES) break;
      const file = list.fileOf(row);
      if (ignored(file)) continue;
      const site: HeldSite = { site: `${file}:${list.lines[row]}`, size: sizes[row]! };
      if (list.varies(row)) {
        const repeats = list.site(row).sizes;
        if (repeats && repeats.length > 0)
          site.range = [Math.min(...repeats), Math.max(...repeats)];
      }
      held.push(site);
    }
    return held;
  };
}

/** Why a rule cannot be evaluated in a scenario; `unmeasured` when the scenario lacks the measure. */
interface Skip {
  reason: string;
  unmeasured?: Unmeasured;
}

/** The skip of a scenario that lacks the measure. */
function notMeasured(what: string, why?: string): Skip {
  return {
    reason: `${what} is not measured for this scenario${why ? `: ${why}` : ''}`,
    unmeasured: why ? { what, why } : { what },
  };
}

/** How far an observation is from its limit: positive means over budget. */
function excess(limit: BudgetLimit, value: Observation): number {
  const growth = value.head - value.base;
  switch (limit.kind) {
    case 'ceiling':
      return value.head - limit.amount;
    case 'growth':
      return growth - limit.amount;
    case 'relative':
    case 'floor': {
      // From a zero base any change is infinitely relative: any growth exceeds a +N% limit
      // and (where values can be negative) any shrinkage exceeds a -N% floor.
      const change = limit.kind === 'relative' ? growth : -growth;
      if (value.base === 0) return change > 0 ? Infinity : -Infinity;
      // Scaled by the base rather than divided by it: exact for whole numbers, so a change of
      // exactly the limit (100 → 107 against +7%) is within it.
      return (change * 100 - limit.percent * Math.abs(value.base)) / Math.abs(value.base);
    }
  }
}

/** How far past the limit an observation is, in the metric's own unit (bytes, allocations). */
function overBy(limit: BudgetLimit, value: Observation): number {
  switch (limit.kind) {
    case 'ceiling':
      return value.head - limit.amount;
    case 'growth':
      return value.head - value.base - limit.amount;
    case 'relative':
      return value.head - value.base - (limit.percent * Math.abs(value.base)) / 100;
    case 'floor':
      return value.base - value.head - (limit.percent * Math.abs(value.base)) / 100;
  }
}

function isOver(limit: BudgetLimit, value: Observation): boolean {
  if ((limit.kind === 'relative' || limit.kind === 'floor') && value.base !== 0) {
    const change = limit.kind === 'relative' ? value.head - value.base : value.base - value.head;
    return change * 100 > limit.percent * Math.abs(value.base);
  }
  return excess(limit, value) > 0;
}

/**
 * The observed value in the limit's terms and, for sizes, in the limit's family of units
 * (`+2.17 MB` beside `+100KB`). Where the rounded figure reads as the limit itself but is not
 * (`+1.00 KB` for 1,001 B against `+1KB`), the exact figure follows it.
 */
function describe(metric: BudgetMetric, limit: BudgetLimit, value: Observation): string {
  switch (limit.kind) {
    case 'ceiling':
    case 'growth': {
      const unit = unitOf(metric);
      const figure = limit.kind === 'ceiling' ? value.head : value.head - value.base;
      const format = limit.kind === 'ceiling' ? formatAmount : formatChange;
      const text = format(figure, unit, sizeUnitsOf(limit.text));
      if (unit !== 'bytes' || figure === limit.amount) return text;
      const rounded = parseSize(text.replace(/^[+-]/, '').replace(/,/g, ''));
      return rounded === Math.abs(limit.amount) ? `${text} (${format(figure, 'count')} B)` : text;
    }
    case 'relative':
    case 'floor': {
      const percent = percentChange(value.base, value.head);
      // A factor (`×1,510`) as the reports show such a growth, but in percent beside a limit
      // that large, to be compared with it.
      const text = formatPercent(percent, limit.percent < FACTOR_FROM_PERCENT);
      if (percent === undefined || Math.abs(percent) === limit.percent) return text;
      // `+5.00 %` over a `+5%` limit: enough digits to tell them apart.
      return Math.abs(Number(text.replace(/[ %+]/g, ''))) === limit.percent
        ? `${percent > 0 ? '+' : ''}${Number(percent.toPrecision(8))} %`
        : text;
    }
  }
}

function formatGrowth(metric: BudgetMetric, growth: number, units: SizeUnits): string {
  return `${formatChange(growth, unitOf(metric), units)} per call`;
}

/**
 * What a figure that rises call after call says beside its budget. A function's repeats each
 * measure one call, so how fast the figure rises is not what a call keeps: the leak check's
 * figure is, when it ran.
 */
function leakNote(
  metric: BudgetMetric,
  growth: number,
  scenario: ScenarioComparison,
  units: SizeUnits,
): string {
  const kept = scenario.leak?.head;
  if (unitOf(metric) === 'bytes' && kept !== undefined && kept !== null && kept > 0)
    return `leak: ${formatBytes(kept, units)} kept per call`;
  return `rises ${formatGrowth(metric, growth, units)} over the repeats`;
}

/**
 * Whether a metric limits memory the calls keep (a site's is retained memory): only then is a
 * rise over the repeats a leak worth a note; a peak's rise is how it varied.
 */
function keptMetric(metric: BudgetMetric): boolean {
  return metric === 'site' || MEASURES[metric].kept;
}

/** How a measure or site varied between repeats, as an observation carries it. */
function variation(measure: Omit<Measure, 'base' | 'head' | 'delta'>): Partial<Observation> {
  const found: Partial<Observation> = {};
  if (measure.noisy) found.noisy = true;
  if (measure.baseRange) found.baseRange = measure.baseRange;
  if (measure.headRange) found.headRange = measure.headRange;
  if (measure.headGrowth !== undefined) found.headGrowth = measure.headGrowth;
  if (measure.cold) found.cold = measure.cold;
  if (measure.fewRepeats) found.fewRepeats = true;
  return found;
}

/**
 * Leak per call without a leak check: how fast retained memory grew over the in-process repeats
 * (a side whose retained memory did not vary grew by 0). Undefined when neither side grew.
 */
function leakFromRepeats(scenario: ScenarioComparison): Observation[] | Skip | undefined {
  const retained = scenario.retained;
  if (retained.baseGrowth === undefined && retained.headGrowth === undefined) return undefined;
  const noisy = (growth: number | undefined, range: [number, number] | undefined) =>
    growth === undefined && range !== undefined;
  if (noisy(retained.headGrowth, retained.headRange))
    return notMeasured(MEASURES.leak.words.name, "head's repeats are noisy");
  return [
    {
      base: retained.baseGrowth ?? 0,
      head: retained.headGrowth ?? 0,
      ...(noisy(retained.baseGrowth, retained.baseRange) ? { baseNoisy: true } : {}),
      source: "retained memory's growth over the repeats: no leak check ran",
    },
  ];
}

/** The observations that stand in for a measure a scenario lacks, as its table entry says. */
function estimated(
  estimate: MeasureSpec['estimate'],
  scenario: ScenarioComparison,
): Observation[] | Skip | undefined {
  switch (estimate) {
    case undefined:
      return undefined;
    case 'retainedGrowth':
      return leakFromRepeats(scenario);
  }
}

function siteName(site: SiteDelta): string {
  return `${site.file}:${site.line ?? site.baseLine ?? '?'}`;
}

/** The values a rule looks at in one scenario, or why it cannot look. */
function observations(
  metric: BudgetMetric,
  scenario: ScenarioComparison,
  held: HeadSites | undefined,
): Observation[] | Skip {
  if (scenario.status === 'failed') {
    return {
      reason: scenario.baseError
        ? 'the base and head benchmarks failed'
        : `the ${scenario.error?.side ?? ''} benchmark failed`,
    };
  }
  if (scenario.status === 'removed') return { reason: 'the scenario is gone on head' };
  if (metric === 'site') {
    // Only sites head still has: a site that is gone cannot be over any budget.
    const changed: Observation[] = scenario.sites
      .filter((site) => site.line !== null && !site.silent)
      .map((site) => ({
        base: site.baseSize,
        head: site.headSize,
        site: siteName(site),
        ...variation(site),
      }));
    // And head's largest sites whose figures did not change: a ceiling limits what head holds
    // at every site (the same on base, so within any limit of growth).
    const listed = new Set(scenario.sites.map(siteName));
    const unchanged: Observation[] = (held?.(scenario.name) ?? [])
      .filter((site) => !listed.has(site.site))
      .map((site) => ({
        base: site.size,
        head: site.size,
        site: site.site,
        held: true as const,
        ...(site.range ? { baseRange: site.range, headRange: site.range } : {}),
      }));
    // The test runner's own sites (pluggy's hooks) are no test's: judged only when no other
    // site holds memory.
    const all = [...changed, ...unchanged];
    const own = all.filter((value) => !runnerSite(value.site ?? ''));
    return own.length > 0 ? own : all;
  }
  const measure = measureOf(scenario, metric);
  if (measure === undefined) {
    // Without it, a measure may be estimated from others (leak per call: no leak check, but
    // the repeats may still show retained memory growing call after call).
    const spec = MEASURES[metric];
    const estimate = estimated(spec.estimate, scenario);
    if (estimate) return estimate;
    if (spec.estimate === undefined) return notMeasured(spec.words.name);
    // The estimate needs repeats that can show growth.
    const once = (scenario.repeats?.head ?? 0) <= 1;
    return notMeasured(
      spec.words.name,
      once
        ? 'no leak check ran, and one measurement per side cannot show growth (only what ' +
            'differed in the first pass is measured again)'
        : 'no leak check ran, and its repeats are too few to show growth',
    );
  }
  if (measure.head === null) return { reason: 'no head measurement' };
  return [{ base: measure.base ?? 0, head: measure.head, ...variation(measure) }];
}

/** Base's and head's ranges over their repeats; a side that did not vary, its one figure. */
function rangesOf(value: Observation): { base: [number, number]; head: [number, number] } {
  return {
    base: value.baseRange ?? [value.base, value.base],
    head: value.headRange ?? [value.head, value.head],
  };
}

/**
 * The observation at the ends of base's and head's ranges nearest each other: the smallest
 * change the repeats allow (head's lowest against base's highest; for a floor, head's highest
 * against base's lowest). Equal to the observation where neither side varied.
 */
function nearestEnds(limit: BudgetLimit, value: Observation): Observation {
  const {
    base: [baseLow, baseHigh],
    head: [headLow, headHigh],
  } = rangesOf(value);
  return limit.kind === 'floor'
    ? { base: baseLow, head: headHigh }
    : { base: baseHigh, head: headLow };
}

/**
 * The ranges a budget's reason compares, in its limit's units: `head's 26.8–29.0 KB against
 * base's 8.06 KB` (a side that did not vary, its one figure; the reported figure, a first call,
 * may lie outside them).
 */
function rangesText(metric: BudgetMetric, limit: BudgetLimit, value: Observation): string {
  const unit = unitOf(metric);
  const units = sizeUnitsOf(limit.text);
  const range = (low: number, high: number): string => {
    const [from, to] = [formatAmount(low, unit, units), formatAmount(high, unit, units)];
    if (from === to) return from;
    // `26.8–29.0 KB`: a unit both ends share, said once.
    const [fromFigure, fromUnit] = from.split(' ');
    return fromUnit !== undefined && to.endsWith(` ${fromUnit}`)
      ? `${fromFigure}–${to}`
      : `${from}–${to}`;
  };
  const {
    base: [baseLow, baseHigh],
    head: [headLow, headHigh],
  } = rangesOf(value);
  return `head's ${range(headLow, headHigh)} against base's ${range(baseLow, baseHigh)}`;
}

type Outcome = 'within' | 'over' | 'overlap';

/**
 * `within`; `over`, for real (steady figures, or repeats that do not overlap); or `overlap`: over
 * at the reported values only, the repeats of base and head overlapping (or a noisy figure
 * without ranges to tell). A function's figure, its first call, is also judged on its first
 * (cold) calls (`coldCallsOf`): over for real there, it is over, whatever its warm calls (its
 * ranges) do; they decide only what they show themselves.
 */
function judge(limit: BudgetLimit, value: Observation): Outcome {
  const warm = judgeRanges(limit, value);
  const cold = coldObservation(value);
  return warm !== 'over' && cold && judgeRanges(limit, cold) === 'over' ? 'over' : warm;
}

/**
 * A function's figures as its first (cold) calls judge them: the same figures, the cold calls'
 * spread for the warm calls'. Undefined where the observation has none.
 */
function coldObservation(value: Observation): Observation | undefined {
  if (!value.cold) return undefined;
  const { noisy, baseRange, headRange } = value.cold;
  return {
    base: value.base,
    head: value.head,
    ...(noisy ? { noisy } : {}),
    ...(baseRange ? { baseRange } : {}),
    ...(headRange ? { headRange } : {}),
  };
}

/**
 * The observation whose figures made a rule's outcome `over`: a function's first (cold) calls
 * where they alone are over for real, else the observation itself.
 */
function decisive(limit: BudgetLimit, value: Observation): { value: Observation; cold: boolean } {
  const cold = coldObservation(value);
  return cold && judgeRanges(limit, value) !== 'over' && judgeRanges(limit, cold) === 'over'
    ? { value: cold, cold: true }
    : { value, cold: false };
}

/** `judge` on the observation's own ranges. */
function judgeRanges(limit: BudgetLimit, value: Observation): Outcome {
  const varies = value.baseRange !== undefined || value.headRange !== undefined;
  if (!isOver(limit, value)) {
    // Within at the reported figures (a function's first call), yet the repeats compared (its
    // warm calls) may all be over the limit and apart for real: then they decide.
    if (!varies || !isOver(limit, nearestEnds(limit, value))) return 'within';
    if (limit.kind === 'ceiling' || apart(limit, value)) return 'over';
    // Apart over too few values to prove it: reported, not failed.
    return value.noisy && value.fewRepeats && liesApart(limit, value) ? 'overlap' : 'within';
  }
  if (!varies) {
    const unsure = value.noisy || (value.baseNoisy && limit.kind !== 'ceiling');
    return unsure ? 'overlap' : 'over';
  }
  // A ceiling has no base to be apart from: every head repeat over it decides.
  if (limit.kind === 'ceiling')
    return isOver(limit, nearestEnds(limit, value)) ? 'over' : 'overlap';
  // A noisy figure changed for real only where head's repeats lie beyond base's by more than
  // the two ranges span together: few repeats of random figures fall apart by chance.
  if (value.noisy && !apart(limit, value)) return 'overlap';
  if (isOver(limit, nearestEnds(limit, value))) return 'over';
  // Ranges that lie apart make the change real, however wide they are: the reported figures,
  // over the limit, decide. Noise only widens the ranges.
  return apart(limit, value) ? 'over' : 'overlap';
}

/**
 * Head's range lies beyond base's on the side the limit looks at: wholly, and for a noisy figure
 * by more than the two ranges span together (`liesBeyond`; a side that did not vary is given the
 * other's span, `noiseRanges`). A noisy side of fewer than three values (`fewRepeats`: a
 * function's two warm calls) never proves it: such ranges lie apart by chance one time in 25.
 */
function apart(limit: BudgetLimit, value: Observation): boolean {
  return !(value.noisy && value.fewRepeats) && liesApart(limit, value);
}

/** `apart` whatever the number of values a side. */
function liesApart(limit: BudgetLimit, value: Observation): boolean {
  const { base, head } = value.noisy ? noiseRanges(value) : rangesOf(value);
  const [low, high] = limit.kind === 'floor' ? [head, base] : [base, head];
  return value.noisy ? liesBeyond(low, high) : high[0] > low[1];
}

/**
 * Why a noisy figure over too few values a side (`fewRepeats`) is not failed, and what tells: a
 * function's warm calls are its repeats but the first.
 */
function fewText(kind: ScenarioComparison['kind']): string {
  const calls = kind === 'function' || kind === 'test';
  const values = calls ? 'warm calls' : 'repeats';
  return `two ${values} a side cannot tell a change from noise: \`repeats: ${calls ? 4 : 3}\` or more tell`;
}

function worstOf(limit: BudgetLimit, values: readonly Observation[]): Observation {
  let worst = values[0];
  for (const value of values) if (excess(limit, value) > excess(limit, worst)) worst = value;
  return worst;
}

function evaluateLimit(
  rule: BudgetRule,
  limit: BudgetLimit,
  scenario: ScenarioComparison,
  held: HeadSites | undefined,
): { result: BudgetResult; unmeasured: boolean } {
  const common = {
    rule: rule.source,
    metric: rule.metric,
    scenario: scenario.name,
    limit: limit.text,
    level: rule.level,
  };
  const observed = observations(rule.metric, scenario, held);
  // Unchanged sites grew by nothing: only a ceiling looks at them.
  const values =
    Array.isArray(observed) && limit.kind !== 'ceiling'
      ? observed.filter((value) => !value.held)
      : observed;
  if (!Array.isArray(values)) {
    return {
      result: {
        ...common,
        actual: '—',
        status: 'skip',
        reason: values.reason,
        ...(values.unmeasured ? { unmeasured: values.unmeasured } : {}),
      },
      unmeasured: values.unmeasured !== undefined,
    };
  }
  // Growth and floors need a base; a new scenario is held to ceilings only.
  if (scenario.status === 'new' && limit.kind !== 'ceiling') {
    const reason = 'new scenario: no base to grow from';
    return { result: { ...common, actual: '—', status: 'skip', reason }, unmeasured: false };
  }
  if (values.length === 0) {
    const actual = held && limit.kind === 'ceiling' ? 'no site holds memory' : 'no changed site';
    return { result: { ...common, actual, status: 'pass' }, unmeasured: false };
  }
  // A value over the limit only within its noise must not hide one that is over it for real:
  // that one decides.
  const judged = values.map((value) => ({ value, outcome: judge(limit, value) }));
  const real = judged.filter((entry) => entry.outcome === 'over').map((entry) => entry.value);
  const over = judged.filter((entry) => entry.outcome !== 'within').map((entry) => entry.value);
  const worst = worstOf(limit, real.length > 0 ? real : over.length > 0 ? over : values);
  const outcome = judge(limit, worst);
  const result: BudgetResult = {
    ...common,
    actual: describe(rule.metric, limit, worst),
    status:
      outcome === 'within'
        ? 'pass'
        : outcome === 'overlap' || rule.level === 'warn'
          ? 'warn'
          : 'fail',
  };
  if (outcome !== 'within') result.over = Math.max(0, Math.round(overBy(limit, worst)));
  if (worst.site !== undefined) result.site = worst.site;
  if (worst.headGrowth !== undefined && keptMetric(rule.metric))
    result.leak = leakNote(rule.metric, worst.headGrowth, scenario, sizeUnitsOf(limit.text));
  const reasons: string[] = [];
  if (worst.source !== undefined && outcome !== 'within') reasons.push(`from ${worst.source}`);
  // A test's figure is its first call, a cold one, and its range is that of its cold calls; a
  // function's is judged on its cold calls where they alone are over for real.
  const decided = decisive(limit, worst);
  const repeats = scenario.kind === 'test' || decided.cold ? 'first (cold) calls' : 'repeats';
  if (outcome === 'overlap') {
    result.noisy = true;
    reasons.push(
      worst.noisy
        ? worst.fewRepeats
          ? `the measurement is noisy: reported, not failed (${fewText(scenario.kind)})`
          : 'the measurement is noisy: reported, not failed'
        : worst.baseNoisy
          ? `base's ${repeats} are noisy: reported, not failed`
          : `base's and head's ${repeats} overlap: reported, not failed`,
    );
  } else if (outcome === 'over' && (decided.value.baseRange || decided.value.headRange)) {
    const judged = decided.value;
    const ends = nearestEnds(limit, judged);
    const nearest = describe(rule.metric, limit, ends);
    const apartText = judged.noisy ? 'lie apart by more than they vary' : 'do not overlap';
    const ranges = rangesText(rule.metric, limit, judged);
    reasons.push(
      limit.kind === 'ceiling'
        ? `every head ${repeats === 'repeats' ? 'repeat' : 'first (cold) call'} is over the limit: ${nearest} at the lowest`
        : isOver(limit, ends)
          ? `base's and head's ${repeats} ${apartText}: ${ranges}, ${nearest} at the nearest`
          : `base's and head's ${repeats} ${apartText}, so the change is real: ${ranges}, ${nearest} at the nearest`,
    );
  }
  if (reasons.length > 0) result.reason = reasons.join('; ');
  return { result, unmeasured: false };
}

/**
 * The rules that apply to a scenario: the general rules, with each matching override (in the
 * order written) replacing the rules of the metrics it names.
 */
/** A glob with no special character: it matches the one name it spells. */
function literalName(glob: string): boolean {
  return !/[*?[\]{}\\!()@+]/.test(glob);
}

/**
 * Which overrides may match a scenario: those naming it outright, found by name, and those
 * with a glob, each tried. Many scenarios with an override each are matched in linear time.
 */
class OverrideIndex {
  private readonly byName = new Map<string, number[]>();
  private readonly globbed: number[] = [];
  private readonly matchers: ((name: string) => boolean)[];

  constructor(readonly overrides: readonly ScenarioOverride[]) {
    this.matchers = overrides.map((override, index) => {
      if (!literalName(override.scenarios)) {
        this.globbed.push(index);
        return globMatcher([override.scenarios]);
      }
      const named = this.byName.get(override.scenarios);
      if (named) named.push(index);
      else this.byName.set(override.scenarios, [index]);
      return (name: string) => name === override.scenarios;
    });
  }

  /** The overrides matching `name`, in the order written. */
  matching(name: string): ScenarioOverride[] {
    const named = this.byName.get(name) ?? [];
    const globbed = this.globbed.filter((index) => this.matchers[index](name));
    const indexes = globbed.length === 0 ? named : [...named, ...globbed].sort((a, b) => a - b);
    return indexes.map((index) => this.overrides[index]);
  }

  /** Whether the override at `position` matches any of the names. */
  matchesAny(position: number, names: ReadonlySet<string>): boolean {
    const { scenarios } = this.overrides[position];
    if (literalName(scenarios)) return names.has(scenarios);
    const matches = this.matchers[position];
    for (const name of names) if (matches(name)) return true;
    return false;
  }
}

function rulesFor(name: string, policy: BudgetPolicy, index: OverrideIndex): BudgetRule[] {
  let rules = policy.rules;
  for (const override of index.matching(name)) {
    rules = [...rules.filter((rule) => !override.metrics.includes(rule.metric)), ...override.rules];
  }
  return rules;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => `"${name}"`);
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

/**
 * Checks every limit of every rule that applies to each scenario, scenario by scenario. Rules
 * that could not be checked anywhere (an override matching no scenario, a metric that is not
 * measured) come back as warnings, and as data in `unchecked`: never a silent pass. `added` holds rules of single scenarios
 * (a test's budget markers, markers.ts), checked on top of the policy's, never instead. `held`
 * gives head's own sites whose figures did not change, which `site` rules judge too (without
 * it, only the changed sites are judged).
 */
export function checkBudgets(
  comparison: Comparison,
  policy: BudgetPolicy | readonly BudgetRule[],
  added: ReadonlyMap<string, readonly BudgetRule[]> = new Map(),
  held?: HeadSites,
): BudgetEvaluation {
  const fullPolicy: BudgetPolicy = Array.isArray(policy)
    ? { rules: [...policy], overrides: [] }
    : (policy as BudgetPolicy);
  const index = new OverrideIndex(fullPolicy.overrides);
  const results: BudgetResult[] = [];
  const evaluated = new Set<BudgetRule>();
  const unmeasured = new Map<BudgetRule, string>();
  for (const scenario of comparison.scenarios) {
    const own = added.get(scenario.name) ?? [];
    for (const rule of [...rulesFor(scenario.name, fullPolicy, index), ...own]) {
      for (const limit of rule.limits) {
        const outcome = evaluateLimit(rule, limit, scenario, held);
        results.push(outcome.result);
        if (outcome.result.status !== 'skip') evaluated.add(rule);
        if (outcome.unmeasured && !unmeasured.has(rule)) {
          unmeasured.set(rule, outcome.result.reason ?? '');
        }
      }
    }
  }

  const unchecked: UncheckedBudgets = { overrides: [], rules: [] };
  const names = comparison.scenarios.map((scenario) => scenario.name);
  const nameSet = new Set(names);
  for (const [position, override] of fullPolicy.overrides.entries()) {
    if (index.matchesAny(position, nameSet)) continue;
    unchecked.overrides.push({
      override: override.origin,
      rules: override.rules.map((rule) => rule.source),
    });
  }
  for (const [rule, reason] of unmeasured) {
    if (!evaluated.has(rule)) unchecked.rules.push({ rule: rule.source, reason });
  }
  return { results, warnings: uncheckedWarnings(unchecked, names), unchecked };
}

/**
 * The warnings for budgets no scenario checked, `names` the scenarios there were: never a
 * silent pass.
 */
export function uncheckedWarnings(unchecked: UncheckedBudgets, names: readonly string[]): string[] {
  return [
    ...unchecked.overrides.map(({ override, rules }) => {
      const listed = rules.map((rule) => `"${rule}"`).join(', ') || 'none';
      return (
        `${override} matches no scenario (scenarios: ${listNames(names)}); ` +
        `its budgets were not checked: ${listed}`
      );
    }),
    ...unchecked.rules.map(({ rule, reason }) => `budget "${rule}" was not checked: ${reason}`),
  ];
}

/** `checkBudgets`, results only. */
export function evaluateBudgets(
  comparison: Comparison,
  policy: BudgetPolicy | readonly BudgetRule[],
): BudgetResult[] {
  return checkBudgets(comparison, policy).results;
}

// The verdict is decided from the results with its causes, in one place.
export { decideVerdict } from './verdict.js';

/** Whether a verdict fails the run under `fail-on`. */
export function failsRun(verdict: Verdict, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return verdict === 'fail' || (verdict === 'warn' && failOn === 'warn');
}
