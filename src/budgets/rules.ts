import {
  MEASURES,
  measuresWhere,
  type MeasureName,
  type MeasureUnit,
} from '../compare/measures.js';
import { UsageError } from '../errors.js';
import { closestWord } from '../format/suggest.js';
import { parseSize, SIZE_UNITS, SIZE_UNITS_TEXT } from './sizes.js';

/** The measures a budget may limit (measures.ts). */
type BudgetMeasure = {
  [N in MeasureName]: (typeof MEASURES)[N]['budget'] extends true ? N : never;
}[MeasureName];

/** What a budget rule limits: a measure of a scenario, or (`site`) every changed site. */
export type BudgetMetric = BudgetMeasure | 'site';

/**
 * Every budget metric, in the order messages and budget tables list them: the measures in the
 * order of their table, `site` after `retained` (the sites behind it).
 */
export const BUDGET_METRICS: readonly BudgetMetric[] = measuresWhere((spec) => spec.budget).flatMap(
  (name): BudgetMetric[] => (name === 'retained' ? [name, 'site'] : [name as BudgetMeasure]),
);

/**
 * The budget metrics as the docs list them: `peak, retained, site, leak, count`, or with
 * `glossed`, each with what it limits where its name does not say: `leak (per call)`.
 */
export function budgetMetricsText(glossed = false): string {
  return BUDGET_METRICS.map((metric) => {
    const gloss = metric === 'site' ? 'any single site' : MEASURES[metric].words.gloss;
    return glossed && gloss !== undefined ? `${metric} (${gloss})` : metric;
  }).join(', ');
}

/** What a metric's figures count: a site's size is bytes. */
export function unitOf(metric: BudgetMetric): MeasureUnit {
  return metric === 'site' ? 'bytes' : MEASURES[metric].unit;
}

/** What exceeding a rule does to the verdict. */
export type RuleLevel = 'warn' | 'fail';
export const RULE_LEVELS = ['warn', 'fail'] as const;

export type BudgetLimit =
  /** Head may be at most this much, whatever base was (bytes, or allocations for `count`). */
  | { kind: 'ceiling'; amount: number; text: string }
  /** Head may be at most this much above base. */
  | { kind: 'growth'; amount: number; text: string }
  /** Head may be at most this many percent above base. */
  | { kind: 'relative'; percent: number; text: string }
  /** Head may be at most this many percent below base: a bigger win should be locked in. */
  | { kind: 'floor'; percent: number; text: string };

export interface BudgetRule {
  metric: BudgetMetric;
  limits: BudgetLimit[];
  level: RuleLevel;
  /** The rule in its inline form, `peak: +5%, 64MB` (with ` (warn)` for a warn rule). */
  source: string;
}

/** Budgets for the scenarios whose name matches a glob. */
export interface ScenarioOverride {
  /** Glob over scenario names. */
  scenarios: string;
  /** Where it was written, for warnings: `allocdiff.yml: scenarios."bench_*"`. */
  origin: string;
  /** The metrics it sets: their general rules are replaced (an empty list removes them). */
  metrics: BudgetMetric[];
  rules: BudgetRule[];
}

/** Every rule of a run: general rules for every scenario, then overrides in the order written. */
export interface BudgetPolicy {
  rules: BudgetRule[];
  overrides: ScenarioOverride[];
}

/** The outcome of parsing text the user wrote: a value, or one message per problem. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export class BudgetSyntaxError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BudgetSyntaxError';
  }
}

/** What a limit may be, for messages. */
export function allowedLimits(metric: BudgetMetric): string {
  if (unitOf(metric) === 'count') {
    return (
      'a count limit is N (ceiling), +N (max growth), +N% (max relative growth) or -N% ' +
      '(improvement floor), in allocations, without a unit'
    );
  }
  return (
    'a limit is N<unit> (ceiling), +N<unit> (max growth), +N% (max relative growth) or -N% ' +
    `(improvement floor); units: ${SIZE_UNITS_TEXT}`
  );
}

const PERCENT_PATTERN = /^([+-])\s*(\d+(?:\.\d+)?)\s*%$/;
const COUNT_PATTERN = /^\d+$/;

/** Why a text is not a limit, when a likely slip can be named. */
function hint(metric: BudgetMetric, text: string): string | undefined {
  // `peak: +5%, retained: +1KB`: a second rule after a comma.
  const named = /^([A-Za-z_-]+)\s*:/.exec(text);
  if (named && isBudgetMetric(named[1])) {
    return `it reads as a rule of its own: separate rules with ";" (a "," separates the limits of one rule), e.g. "${metric}: …; ${text}"`;
  }
  if (/\(\s*(warn|fail)\s*\)$/.test(text)) {
    return 'a level goes once, at the end of the rule, after all its limits';
  }
  if (/^\d+(?:\.\d+)?\s*%$/.test(text)) {
    return 'a percentage needs a sign: +N% (max growth) or -N% (improvement floor)';
  }
  if (text.startsWith('-')) return 'only a percentage can be negative: -N% (improvement floor)';
  const amount = /^\+?\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text);
  if (!amount) return undefined;
  const unit = amount[2];
  if (unitOf(metric) === 'count') {
    return unit ? 'count limits are numbers of allocations, without a unit' : undefined;
  }
  if (unit === '') return 'a size needs a unit, e.g. 100KB';
  const meant = Object.keys(SIZE_UNITS).find((u) => u.toLowerCase() === unit.toLowerCase());
  if (meant && meant !== unit) return `units are case-sensitive: did you mean ${meant}?`;
  // A known unit that still does not parse: too many bytes to count exactly.
  if (meant === unit) return 'the number is too large';
  return undefined;
}

/** Parses one limit of a rule for `metric`: `+5%`, `-10%`, `+100KB`, `64MiB`, or `+1000` for counts. */
export function parseLimit(metric: BudgetMetric, raw: string): Parsed<BudgetLimit> {
  const text = raw.trim();
  const percent = PERCENT_PATTERN.exec(text);
  if (percent) {
    const value = Number(percent[2]);
    if (!Number.isFinite(value)) {
      return {
        ok: false,
        problems: [`"${text}" is not a limit (the number is too large); ${allowedLimits(metric)}`],
      };
    }
    if (percent[1] === '+') {
      return { ok: true, value: { kind: 'relative', percent: value, text: `+${percent[2]}%` } };
    }
    if (value > 100) {
      return {
        ok: false,
        problems: [`"${text}" is not a limit: memory cannot shrink by more than 100%`],
      };
    }
    return { ok: true, value: { kind: 'floor', percent: value, text: `-${percent[2]}%` } };
  }
  const growth = text.startsWith('+');
  const body = (growth ? text.slice(1) : text).trim();
  const amount =
    unitOf(metric) === 'count'
      ? COUNT_PATTERN.test(body) && Number.isSafeInteger(Number(body))
        ? Number(body)
        : undefined
      : parseSize(body);
  if (amount !== undefined) {
    const written = body.replace(/\s+/g, '');
    return growth
      ? { ok: true, value: { kind: 'growth', amount, text: `+${written}` } }
      : { ok: true, value: { kind: 'ceiling', amount, text: written } };
  }
  const why = hint(metric, text);
  return {
    ok: false,
    problems: [`"${text}" is not a limit${why ? ` (${why})` : ''}; ${allowedLimits(metric)}`],
  };
}

/** The inline form of a rule: `peak: +5%, 64MB`, with ` (warn)` for a warn rule. */
export function formatRule(
  metric: BudgetMetric,
  limits: readonly BudgetLimit[],
  level: RuleLevel,
): string {
  return `${metric}: ${limits.map((limit) => limit.text).join(', ')}${level === 'warn' ? ' (warn)' : ''}`;
}

const LEVEL_SUFFIX = /\(\s*([^()]*?)\s*\)\s*$/;

/**
 * Parses the limits of one rule, `limit[, limit] [(warn|fail)]`, e.g. `+5%, 64MB (warn)`.
 * `level` is the level given beside the text (a file's `level:` key), if any.
 */
export function parseRuleLimits(
  metric: BudgetMetric,
  text: string,
  level?: RuleLevel,
): Parsed<BudgetRule> {
  const problems: string[] = [];
  let body = text.trim();
  let written: RuleLevel | undefined;
  const suffix = LEVEL_SUFFIX.exec(body);
  if (suffix) {
    body = body.slice(0, suffix.index).trim();
    const named = suffix[1];
    if ((RULE_LEVELS as readonly string[]).includes(named)) written = named as RuleLevel;
    else problems.push(`"(${named})" is not a level; a rule may end with (warn) or (fail)`);
  }
  if (written !== undefined && level !== undefined && written !== level) {
    problems.push(`the rule says (${written}) but its level is ${level}; give the level once`);
  }
  const limits: BudgetLimit[] = [];
  const parts = body.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) problems.push(`missing limit; ${allowedLimits(metric)}`);
  for (const part of parts.filter((p) => p !== '')) {
    const limit = parseLimit(metric, part);
    if (limit.ok) limits.push(limit.value);
    else problems.push(...limit.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const ruleLevel = written ?? level ?? 'fail';
  return {
    ok: true,
    value: { metric, limits, level: ruleLevel, source: formatRule(metric, limits, ruleLevel) },
  };
}

export function isBudgetMetric(name: string): name is BudgetMetric {
  return (BUDGET_METRICS as readonly string[]).includes(name);
}

/**
 * Parses inline budget rules: `metric: limit[, limit] [(warn)]`, separated by `;` or newlines,
 * e.g. `peak: +5%, 64MB; retained: +100KB; site: +10KiB (warn)`. `#` starts a comment line.
 */
export function parseInlineRules(text: string): Parsed<BudgetRule[]> {
  const rules: BudgetRule[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[;\n]/)) {
    const source = raw.trim();
    if (source === '' || source.startsWith('#')) continue;
    const colon = source.indexOf(':');
    if (colon < 0) {
      problems.push(`budget rule "${source}": expected "metric: limit", e.g. "peak: +5%"`);
      continue;
    }
    const metric = source.slice(0, colon).trim();
    if (!isBudgetMetric(metric)) {
      const meant = closestWord(metric, BUDGET_METRICS);
      problems.push(
        `budget rule "${source}": unknown metric "${metric}"; ` +
          `${meant ? `did you mean ${meant}? ` : ''}metrics: ${BUDGET_METRICS.join(', ')}`,
      );
      continue;
    }
    const rule = parseRuleLimits(metric, source.slice(colon + 1));
    if (rule.ok) rules.push(rule.value);
    else problems.push(...rule.problems.map((problem) => `budget rule "${source}": ${problem}`));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: rules };
}

/** `parseInlineRules`, throwing a BudgetSyntaxError that lists every problem. */
export function parseBudgetRules(text: string): BudgetRule[] {
  const parsed = parseInlineRules(text);
  if (!parsed.ok) throw new BudgetSyntaxError(parsed.problems);
  return parsed.value;
}
