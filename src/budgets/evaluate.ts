import type { Comparison, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { globMatcher } from './globs.js';
import type {
  BudgetLimit,
  BudgetMetric,
  BudgetPolicy,
  BudgetRule,
  RuleLevel,
  ScenarioOverride,
} from './rules.js';
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange,
} from './sizes.js';

/**
 * `pass`: within the limit. `fail`: over the limit of a fail rule. `warn`: over the limit of a
 * warn rule, or over any limit on a noisy measurement. `skip`: not evaluated (`reason` says why).
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
  /** Why a rule was skipped, or why exceeding it did not fail. */
  reason?: string;
  /** The value over the limit is noisy, so the result is a warning whatever the level. */
  noisy?: true;
}

export type Verdict = 'pass' | 'warn' | 'fail';

/** Which verdicts make the run fail (the action's check, the CLI's exit status). */
export type FailOn = 'fail' | 'warn' | 'never';
export const FAIL_ON_VALUES = ['fail', 'warn', 'never'] as const;

export interface BudgetEvaluation {
  results: BudgetResult[];
  /** Rules that could not be checked at all; each one makes the verdict at least a warning. */
  warnings: string[];
}

interface Observation {
  base: number;
  head: number;
  site?: string;
  noisy?: boolean;
}

/** Why a rule cannot be evaluated in a scenario; `unmeasured` when no scenario could have it. */
interface Skip {
  reason: string;
  unmeasured?: true;
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

function isOver(limit: BudgetLimit, value: Observation): boolean {
  if ((limit.kind === 'relative' || limit.kind === 'floor') && value.base !== 0) {
    const change = limit.kind === 'relative' ? value.head - value.base : value.base - value.head;
    return change * 100 > limit.percent * Math.abs(value.base);
  }
  return excess(limit, value) > 0;
}

function formatCount(count: number, signed: boolean): string {
  const text = groupDigits(count);
  return signed && count > 0 ? `+${text}` : text;
}

function describe(metric: BudgetMetric, limit: BudgetLimit, value: Observation): string {
  switch (limit.kind) {
    case 'ceiling':
      return metric === 'count' ? formatCount(value.head, false) : formatBytes(value.head);
    case 'growth': {
      const growth = value.head - value.base;
      return metric === 'count' ? formatCount(growth, true) : formatBytesDelta(growth);
    }
    case 'relative':
    case 'floor':
      return formatPercent(percentChange(value.base, value.head));
  }
}

function siteName(site: SiteDelta): string {
  return `${site.file}:${site.line ?? site.baseLine ?? '?'}`;
}

/** The values a rule looks at in one scenario, or why it cannot look. */
function observations(metric: BudgetMetric, scenario: ScenarioComparison): Observation[] | Skip {
  if (scenario.status === 'failed') {
    return { reason: `the ${scenario.error?.side ?? ''} benchmark failed` };
  }
  if (scenario.status === 'removed') return { reason: 'the scenario is gone on head' };
  if (metric === 'site') {
    // Only sites head still has: a site that is gone cannot be over any budget.
    return scenario.sites
      .filter((site) => site.line !== null && !site.silent)
      .map((site) => ({
        base: site.baseSize,
        head: site.headSize,
        site: siteName(site),
        ...(site.noisy ? { noisy: true } : {}),
      }));
  }
  const measure =
    metric === 'peak'
      ? scenario.peak
      : metric === 'retained'
        ? scenario.retained
        : metric === 'count'
          ? scenario.retainedCount
          : scenario.leak;
  if (measure === undefined) {
    // The harness does not run scenarios repeatedly yet: say so rather than invent a figure.
    return { reason: 'leak per call is not measured for this scenario', unmeasured: true };
  }
  if (measure.head === null) return { reason: 'no head measurement' };
  return [
    { base: measure.base ?? 0, head: measure.head, ...(measure.noisy ? { noisy: true } : {}) },
  ];
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
): { result: BudgetResult; unmeasured: boolean } {
  const common = {
    rule: rule.source,
    metric: rule.metric,
    scenario: scenario.name,
    limit: limit.text,
    level: rule.level,
  };
  const values = observations(rule.metric, scenario);
  if (!Array.isArray(values)) {
    return {
      result: { ...common, actual: '—', status: 'skip', reason: values.reason },
      unmeasured: values.unmeasured === true,
    };
  }
  // Growth and floors need a base; a new scenario is held to ceilings only.
  if (scenario.status === 'new' && limit.kind !== 'ceiling') {
    const reason = 'new scenario: no base to grow from';
    return { result: { ...common, actual: '—', status: 'skip', reason }, unmeasured: false };
  }
  if (values.length === 0) {
    return { result: { ...common, actual: 'no changed site', status: 'pass' }, unmeasured: false };
  }
  // A noisy value over the limit must not hide a steady one that is over it too: that one decides.
  const over = values.filter((value) => isOver(limit, value));
  const steadyOver = over.filter((value) => !value.noisy);
  const worst = worstOf(
    limit,
    steadyOver.length > 0 ? steadyOver : over.length > 0 ? over : values,
  );
  const result: BudgetResult = {
    ...common,
    actual: describe(rule.metric, limit, worst),
    status: !isOver(limit, worst) ? 'pass' : worst.noisy || rule.level === 'warn' ? 'warn' : 'fail',
  };
  if (worst.site !== undefined) result.site = worst.site;
  if (result.status === 'warn' && worst.noisy) {
    result.noisy = true;
    result.reason = 'the measurement is noisy: reported, not failed';
  }
  return { result, unmeasured: false };
}

/**
 * The rules that apply to a scenario: the general rules, with each matching override (in the
 * order written) replacing the rules of the metrics it names.
 */
function rulesFor(
  name: string,
  policy: BudgetPolicy,
  matchers: ReadonlyMap<ScenarioOverride, (name: string) => boolean>,
): BudgetRule[] {
  let rules = policy.rules;
  for (const override of policy.overrides) {
    if (!matchers.get(override)!(name)) continue;
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
 * measured) come back as warnings: never a silent pass.
 */
export function checkBudgets(
  comparison: Comparison,
  policy: BudgetPolicy | readonly BudgetRule[],
): BudgetEvaluation {
  const fullPolicy: BudgetPolicy = Array.isArray(policy)
    ? { rules: [...policy], overrides: [] }
    : (policy as BudgetPolicy);
  const matchers = new Map(
    fullPolicy.overrides.map((override) => [override, globMatcher([override.scenarios])]),
  );
  const results: BudgetResult[] = [];
  const evaluated = new Set<BudgetRule>();
  const unmeasured = new Map<BudgetRule, string>();
  for (const scenario of comparison.scenarios) {
    for (const rule of rulesFor(scenario.name, fullPolicy, matchers)) {
      for (const limit of rule.limits) {
        const outcome = evaluateLimit(rule, limit, scenario);
        results.push(outcome.result);
        if (outcome.result.status !== 'skip') evaluated.add(rule);
        if (outcome.unmeasured && !unmeasured.has(rule)) {
          unmeasured.set(rule, outcome.result.reason ?? '');
        }
      }
    }
  }

  const warnings: string[] = [];
  const names = comparison.scenarios.map((scenario) => scenario.name);
  for (const override of fullPolicy.overrides) {
    if (names.some((name) => matchers.get(override)!(name))) continue;
    const rules = override.rules.map((rule) => `"${rule.source}"`).join(', ') || 'none';
    warnings.push(
      `${override.origin} matches no scenario (scenarios: ${listNames(names)}); ` +
        `its budgets were not checked: ${rules}`,
    );
  }
  for (const [rule, reason] of unmeasured) {
    if (!evaluated.has(rule)) warnings.push(`budget "${rule.source}" was not checked: ${reason}`);
  }
  return { results, warnings };
}

/** `checkBudgets`, results only. */
export function evaluateBudgets(
  comparison: Comparison,
  policy: BudgetPolicy | readonly BudgetRule[],
): BudgetResult[] {
  return checkBudgets(comparison, policy).results;
}

/**
 * Fail when a fail-level budget is exceeded or the head benchmark failed (nothing to trust).
 * Warn when a warn-level or noisy budget is exceeded, a rule could not be checked, or only the
 * base side failed (nothing to compare against). Pass otherwise.
 */
export function decideVerdict(
  comparison: Comparison,
  budgets: readonly BudgetResult[],
  warnings: readonly string[] = [],
): Verdict {
  const failures = comparison.scenarios.filter((s) => s.status === 'failed');
  if (budgets.some((b) => b.status === 'fail')) return 'fail';
  if (failures.some((s) => s.error?.side === 'head')) return 'fail';
  if (budgets.some((b) => b.status === 'warn')) return 'warn';
  if (failures.length > 0 || warnings.length > 0) return 'warn';
  return 'pass';
}

/** Whether a verdict fails the run under `fail-on`. */
export function failsRun(verdict: Verdict, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return verdict === 'fail' || (verdict === 'warn' && failOn === 'warn');
}
