/**
 * Budgets written on pytest tests as markers, beside the config's rules (rules.ts): allocdiff's
 * own `@pytest.mark.allocdiff(retained="+10KB", peak="64MB")`, in the budget syntax of a config
 * file, and pytest-memray's `limit_memory("24 MB")` and `limit_leaks("1 MB")`, checked as
 * ceilings. The harness records each test's markers as written (the snapshot's
 * `budgetMarkers`); they are parsed here, so there is one syntax.
 *
 * Markers are the pull request's code, so they may add checks, never relax one: a test is held
 * to the markers base's run recorded for it and to head's, each rule once, on top of the
 * config's rules (which come from the base commit).
 */
import type { BudgetMarker, MarkerValue, Snapshot } from '../capture/snapshot.js';
import {
  BUDGET_METRICS,
  BudgetSyntaxError,
  isBudgetMetric,
  parseRuleLimits,
  type BudgetLimit,
  type BudgetMetric,
  type BudgetRule,
} from './rules.js';

/** What each marker accepts, for messages. */
const ACCEPTED: Readonly<Record<string, string>> = {
  allocdiff: `keyword arguments ${BUDGET_METRICS.join(', ')}, each a text of limits as in a config file, e.g. retained="+10KB", peak="64MB, +5% (warn)"`,
  limit_memory:
    'one size, e.g. "24 MB" (pytest-memray\'s format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as memory_limit, and current_thread_only',
  limit_leaks:
    'one size, e.g. "1 MB" (pytest-memray\'s format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as location_limit, and filter_fn, current_thread_only',
};

/** pytest-memray's markers: what they limit here, and the arguments each takes. */
const MEMRAY: Readonly<
  Record<string, { metric: BudgetMetric; size: string; options: readonly string[] }>
> = {
  limit_memory: { metric: 'peak', size: 'memory_limit', options: ['current_thread_only'] },
  limit_leaks: {
    metric: 'site',
    size: 'location_limit',
    options: ['filter_fn', 'current_thread_only'],
  },
};

/** pytest-memray's size: `<NUMBER> ([KMGTP]B|B)`, any case, powers of 1024. */
const MEMRAY_SIZE = /^\s*\+?(\d*\.\d+|\d+)\s*([KMGTP]?B)\s*$/i;
const MEMRAY_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export interface MarkerBudgets {
  /** Rules per test (scenario name): base's markers, then head's, each rule once. */
  rules: Map<string, BudgetRule[]>;
  /** Head's alone: what its markers decide once it is merged. */
  headRules: Map<string, BudgetRule[]>;
  /** Base's markers that could not be read: not checked, and said so (head's are errors). */
  warnings: string[];
}

function shown(value: MarkerValue): string {
  if (value !== null && typeof value === 'object') return value.repr;
  return JSON.stringify(value);
}

/** The marker as written: `allocdiff(peak="64MB")`. */
function written(marker: BudgetMarker): string {
  const args = [
    ...marker.args.map(shown),
    ...marker.kwargs.map(([key, value]) => `${key}=${shown(value)}`),
  ];
  return `${marker.name}(${args.join(', ')})`;
}

function memraySize(value: MarkerValue): BudgetLimit | undefined {
  if (typeof value !== 'string') return undefined;
  const match = MEMRAY_SIZE.exec(value);
  if (!match) return undefined;
  const unit = match[2].toUpperCase();
  const amount = Math.round(Number(match[1]) * 1024 ** MEMRAY_UNITS.indexOf(unit));
  if (!Number.isSafeInteger(amount)) return undefined;
  const text = `${match[1]}${unit === 'B' ? 'B' : `${unit[0]}iB`}`;
  return { kind: 'ceiling', amount, text };
}

/** The rules of one marker, or what is wrong with it. */
function markerRules(
  marker: BudgetMarker,
): { ok: true; rules: BudgetRule[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const rules: BudgetRule[] = [];
  const accepted = ACCEPTED[marker.name] ?? 'nothing';
  if (marker.name === 'allocdiff') {
    if (marker.args.length > 0) {
      problems.push(`positional argument ${shown(marker.args[0])}: allocdiff takes ${accepted}`);
    }
    if (marker.args.length === 0 && marker.kwargs.length === 0) {
      problems.push(`no budget given; allocdiff takes ${accepted}`);
    }
    for (const [key, value] of marker.kwargs) {
      if (!isBudgetMetric(key)) {
        problems.push(`unknown argument "${key}"; allocdiff takes ${accepted}`);
        continue;
      }
      if (typeof value !== 'string') {
        problems.push(
          `${key}=${shown(value)}: limits are text, e.g. ${key}="+10KB"; allocdiff takes ${accepted}`,
        );
        continue;
      }
      const rule = parseRuleLimits(key, value);
      if (!rule.ok) {
        problems.push(...rule.problems.map((problem) => `${key}=${shown(value)}: ${problem}`));
        continue;
      }
      rules.push({ ...rule.value, source: `allocdiff(${key}=${shown(value)})` });
    }
  } else {
    const memray = MEMRAY[marker.name];
    if (!memray) return { ok: false, problems: [`unknown marker "${marker.name}"`] };
    const sizes = [...marker.args];
    for (const [key, value] of marker.kwargs) {
      if (key === memray.size) sizes.push(value);
      else if (!memray.options.includes(key)) {
        problems.push(`unknown argument "${key}"; ${marker.name} takes ${accepted}`);
      }
    }
    if (sizes.length !== 1) {
      problems.push(`${sizes.length} sizes given; ${marker.name} takes ${accepted}`);
    } else {
      const limit = memraySize(sizes[0]);
      if (limit === undefined) {
        problems.push(`${shown(sizes[0])} is not a size; ${marker.name} takes ${accepted}`);
      } else {
        const unapplied = marker.kwargs.some(([key]) => key === 'filter_fn')
          ? ' (filter_fn not applied: every site counts)'
          : '';
        rules.push({
          metric: memray.metric,
          limits: [limit],
          level: 'fail',
          source: `${written(marker)}${unapplied}`,
        });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}

/** Every test's marker rules in one snapshot, and the problems, each naming its test. */
function sideRules(snapshot: Snapshot | undefined): {
  rules: Map<string, BudgetRule[]>;
  problems: string[];
} {
  const rules = new Map<string, BudgetRule[]>();
  const problems: string[] = [];
  for (const scenario of snapshot?.scenarios ?? []) {
    for (const marker of scenario.budgetMarkers ?? []) {
      const parsed = markerRules(marker);
      if (parsed.ok)
        rules.set(scenario.name, [...(rules.get(scenario.name) ?? []), ...parsed.rules]);
      else {
        problems.push(
          ...parsed.problems.map(
            (problem) => `test ${scenario.name}: @pytest.mark.${written(marker)}: ${problem}`,
          ),
        );
      }
    }
  }
  return { rules, problems };
}

/** The same rule (metric, limits, level) is checked once, whichever side or marker wrote it. */
function ruleKey(rule: BudgetRule): string {
  return `${rule.metric}\0${rule.level}\0${rule.limits.map((limit) => `${limit.kind}:${'amount' in limit ? limit.amount : limit.percent}`).join(',')}`;
}

/**
 * The budgets the tests' markers set, from base's run and head's. A marker head's tests carry
 * that cannot be read is an error (a BudgetSyntaxError, exit status 2) naming the test, the
 * argument and what is allowed; one only base carries is a warning, as it cannot be fixed here.
 */
export function markerBudgets(
  base: Snapshot | undefined,
  head: Snapshot | undefined,
): MarkerBudgets {
  const fromBase = sideRules(base);
  const fromHead = sideRules(head);
  if (fromHead.problems.length > 0) throw new BudgetSyntaxError(fromHead.problems);
  const rules = new Map<string, BudgetRule[]>();
  for (const side of [fromBase.rules, fromHead.rules]) {
    for (const [name, added] of side) {
      const kept = rules.get(name) ?? [];
      const seen = new Set(kept.map(ruleKey));
      for (const rule of added) {
        if (seen.has(ruleKey(rule))) continue;
        seen.add(ruleKey(rule));
        kept.push(rule);
      }
      rules.set(name, kept);
    }
  }
  const warnings = fromBase.problems.map(
    (problem) => `base's marker budget not checked: ${problem}`,
  );
  return { rules, headRules: fromHead.rules, warnings };
}

/**
 * The tests whose marker budgets need a figure only a deep pass measures: the leak per call
 * (a `leak` rule), which its leak check measures. They are measured in depth whether or not
 * their figures changed, as a marker limits head's own figure; no other test pays for it.
 */
export function testsMarkedForDepth(markers: MarkerBudgets): string[] {
  return [...markers.rules]
    .filter(([, rules]) => rules.some((rule) => rule.metric === 'leak'))
    .map(([name]) => name);
}
