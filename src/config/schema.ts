/**
 * The configuration's schema, in its two spellings: a config file (YAML or TOML, typed values)
 * and action inputs / CLI flags (text). Both validate into the same typed `ConfigLayer`; every
 * message names the value and what is allowed.
 */
import * as z from 'zod';
import { FAIL_ON_VALUES, type FailOn } from '../budgets/evaluate.js';
import { globProblem } from '../budgets/globs.js';
import {
  BUDGET_METRICS,
  parseInlineRules,
  parseRuleLimits,
  RULE_LEVELS,
  type BudgetMetric,
  type BudgetRule,
  type Parsed,
  type ScenarioOverride,
} from '../budgets/rules.js';
import { parseSize, SIZE_UNITS_TEXT } from '../budgets/sizes.js';
import { COMMENT_POLICIES, type CommentPolicy } from '../publish/comment-policy.js';
import { describeValue, formatKeyPath } from './problems.js';

/**
 * Sites at the peak: `auto` finds them for the scenarios whose peak changed, `true` for every
 * scenario, `false` never.
 */
export type PeakSitesSetting = 'auto' | boolean;

/** The settings one source gives (a config file, or the inputs); every key optional. */
export interface ConfigLayer {
  script?: string;
  /** Shell command whose Python processes are measured; instead of `script`. */
  command?: string;
  setup?: string;
  python?: string;
  frames?: number;
  /** Measurements per side: in-process calls of a `bench_*` function, processes of a script. */
  repeats?: number;
  /** Leak-check calls per `bench_*` function; 0 = no leak check. */
  iterations?: number;
  /** Minutes one side may take (setup and every harness run) before its processes are killed. */
  timeoutMinutes?: number;
  /** Find the sites that held memory at the peak (an extra, hooked run). */
  peakSites?: PeakSitesSetting;
  /** Measure base and head at once; undefined: when there are two cores or more. */
  parallel?: boolean;
  /** Count live objects by type before and after each scenario. */
  objectTypes?: boolean;
  failOn?: FailOn;
  /** Bytes; smaller site changes are not shown. */
  minimumChange?: number;
  /** Globs over site paths; matching sites are neither shown nor checked. */
  ignore?: string[];
  /** Budget rules for every scenario. */
  budgets?: BudgetRule[];
  /** Per-scenario budgets; `origin` is the key path, e.g. `scenarios."bench_*"`. */
  scenarios?: ScenarioOverride[];
  /** Changed sites listed per scenario and direction in the comment and the terminal. */
  top?: number;
  /** When the action writes the pull-request comment. */
  comment?: CommentPolicy;
}

const got = (input: unknown): string => `got ${describeValue(input)}`;

const unknownKey =
  (allowed: readonly string[], kind = 'key') =>
  (issue: { code: string; input?: unknown }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${kind}; allowed: ${allowed.join(', ')}`
      : `${got(issue.input)}; expected a table with the keys ${allowed.join(', ')}`;

/** Turns a parse outcome into the value, or into one zod issue per problem. */
function accept<T>(parsed: Parsed<T>, input: unknown, ctx: z.RefinementCtx): T {
  if (parsed.ok) return parsed.value;
  for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message, input });
  return z.NEVER;
}

const text = (what: string) =>
  z
    .string({ error: (issue) => `${got(issue.input)}; expected ${what}` })
    .min(1, { error: `got an empty text; expected ${what}` });

const framesNumber = z
  .int({ error: (issue) => `${got(issue.input)}; expected a whole number ≥ 1` })
  .min(1, { error: (issue) => `${got(issue.input)}; expected a whole number ≥ 1` });

/** The limits of the capture settings, shared by the file and the text form. */
export const CAPTURE_LIMITS = {
  repeats: { min: 1, max: 100 },
  iterations: { min: 3, max: 100_000 },
  timeoutMinutes: { max: 24 * 60 },
} as const;

const REPEATS_TEXT = `a whole number from ${CAPTURE_LIMITS.repeats.min} to ${CAPTURE_LIMITS.repeats.max}`;
const ITERATIONS_TEXT =
  `0 (no leak check) or a whole number from ${CAPTURE_LIMITS.iterations.min} to ` +
  `${CAPTURE_LIMITS.iterations.max} (call 1 is warm-up; growth must go on over the calls after it)`;
const TIMEOUT_TEXT = `a number of minutes above 0 and at most ${CAPTURE_LIMITS.timeoutMinutes.max}, e.g. 30 or 0.5`;

function repeatsProblem(value: number): string | undefined {
  const { min, max } = CAPTURE_LIMITS.repeats;
  return Number.isSafeInteger(value) && value >= min && value <= max ? undefined : REPEATS_TEXT;
}

function iterationsProblem(value: number): string | undefined {
  const { min, max } = CAPTURE_LIMITS.iterations;
  const ok = Number.isSafeInteger(value) && (value === 0 || (value >= min && value <= max));
  return ok ? undefined : ITERATIONS_TEXT;
}

function timeoutProblem(value: number): string | undefined {
  const ok = Number.isFinite(value) && value > 0 && value <= CAPTURE_LIMITS.timeoutMinutes.max;
  return ok ? undefined : TIMEOUT_TEXT;
}

/** A number in a config file, checked by `problem` (which says what is allowed). */
const checkedNumber = (what: string, problem: (value: number) => string | undefined) =>
  z
    .number({ error: (issue) => `${got(issue.input)}; expected ${what}` })
    .superRefine((value, ctx) => {
      const message = problem(value);
      if (message)
        ctx.addIssue({
          code: 'custom',
          message: `${got(value)}; expected ${message}`,
          input: value,
        });
    });

/** The same number written as text (an action input or a CLI flag). */
const checkedNumberText = (pattern: RegExp, problem: (value: number) => string | undefined) =>
  z.string().transform((value, ctx) => {
    const number = pattern.test(value.trim()) ? Number(value.trim()) : NaN;
    const message = Number.isNaN(number) ? problem(NaN) : problem(number);
    const parsed: Parsed<number> = message
      ? { ok: false, problems: [`got "${value}"; expected ${message}`] }
      : { ok: true, value: number };
    return accept(parsed, value, ctx);
  });

const booleanValue = z.boolean({
  error: (issue) => `${got(issue.input)}; expected true or false`,
});

const booleanText = z.string().transform((value, ctx) => {
  const normalised = value.trim().toLowerCase();
  const parsed: Parsed<boolean> =
    normalised === 'true' || normalised === 'false'
      ? { ok: true, value: normalised === 'true' }
      : { ok: false, problems: [`got "${value}"; expected true or false`] };
  return accept(parsed, value, ctx);
});

const PEAK_SITES_TEXT = 'auto, true or false';

const peakSitesValue = z.unknown().transform((value, ctx) => {
  const parsed: Parsed<PeakSitesSetting> =
    typeof value === 'boolean' || value === 'auto'
      ? { ok: true, value }
      : { ok: false, problems: [`${got(value)}; expected ${PEAK_SITES_TEXT}`] };
  return accept(parsed, value, ctx);
});

const peakSitesText = z.string().transform((value, ctx) => {
  const normalised = value.trim().toLowerCase();
  const parsed: Parsed<PeakSitesSetting> =
    normalised === 'auto'
      ? { ok: true, value: 'auto' }
      : normalised === 'true' || normalised === 'false'
        ? { ok: true, value: normalised === 'true' }
        : { ok: false, problems: [`got "${value}"; expected ${PEAK_SITES_TEXT}`] };
  return accept(parsed, value, ctx);
});

const topNumber = z
  .int({ error: (issue) => `${got(issue.input)}; expected a whole number ≥ 0` })
  .min(0, { error: (issue) => `${got(issue.input)}; expected a whole number ≥ 0` });

const commentPolicy = z.enum(COMMENT_POLICIES, {
  error: (issue) => `${got(issue.input)}; expected one of ${COMMENT_POLICIES.join(', ')}`,
});

const failOn = z.enum(FAIL_ON_VALUES, {
  error: (issue) => `${got(issue.input)}; expected one of ${FAIL_ON_VALUES.join(', ')}`,
});

const sizeText = z
  .string({
    error: (issue) =>
      `${got(issue.input)}; expected a size as text, e.g. "1KiB"; units: ${SIZE_UNITS_TEXT}`,
  })
  .transform((value, ctx) => {
    const bytes = parseSize(value);
    const parsed: Parsed<number> =
      bytes === undefined
        ? {
            ok: false,
            problems: [`"${value}" is not a size; expected N<unit>, units: ${SIZE_UNITS_TEXT}`],
          }
        : { ok: true, value: bytes };
    return accept(parsed, value, ctx);
  });

const glob = z
  .string({ error: (issue) => `${got(issue.input)}; expected a glob, e.g. "tests/**"` })
  .superRefine((value, ctx) => {
    const problem = globProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

const RULE_FORMS =
  'limits as text like "+5%, 64MB", a list of them, or a table {limit = "+5%", level = "warn"}';

/** The rules of one metric in a budgets table: `"+5%, 64MB"`, a list, or `{limit, level}`. */
function metricRules(metric: BudgetMetric) {
  const notARule = (issue: { input?: unknown }): string =>
    typeof issue.input === 'number'
      ? `got the number ${issue.input}; write limits as text, e.g. "${metric === 'count' ? '+1000' : '64MB'}" ` +
        'or "+5%" (in YAML, an unquoted +1000 is the number 1000)'
      : `${got(issue.input)}; expected ${RULE_FORMS}`;
  const limitsText = z
    .string()
    .transform((value, ctx) => accept(parseRuleLimits(metric, value), value, ctx));
  const limitsTable = z
    .strictObject(
      {
        limit: z.union([z.string(), z.array(z.string())], {
          error: (issue) => `${got(issue.input)}; expected limits like "+5%, 64MB" or a list`,
        }),
        level: z
          .enum(RULE_LEVELS, {
            error: (issue) => `${got(issue.input)}; expected ${RULE_LEVELS.join(' or ')}`,
          })
          .optional(),
      },
      { error: unknownKey(['limit', 'level']) },
    )
    .transform(({ limit, level }, ctx) => {
      const written = Array.isArray(limit) ? limit.join(', ') : limit;
      return accept(parseRuleLimits(metric, written, level), limit, ctx);
    });
  const rule = z.union([limitsText, limitsTable], { error: notARule });
  return z
    .union([rule, z.array(rule)], { error: notARule })
    .transform((value) => (Array.isArray(value) ? value : [value]));
}

interface BudgetSet {
  rules: BudgetRule[];
  /** The metrics the set names: in an override, their general rules are replaced. */
  metrics: BudgetMetric[];
}

const inlineRules = z.string().transform((value, ctx): BudgetSet => {
  const parsed = parseInlineRules(value);
  if (!parsed.ok) {
    accept(parsed, value, ctx);
    return z.NEVER;
  }
  return { rules: parsed.value, metrics: [...new Set(parsed.value.map((rule) => rule.metric))] };
});

const budgetsTable = z
  .strictObject(
    {
      peak: metricRules('peak').optional(),
      retained: metricRules('retained').optional(),
      site: metricRules('site').optional(),
      leak: metricRules('leak').optional(),
      count: metricRules('count').optional(),
    },
    { error: unknownKey(BUDGET_METRICS, 'metric') },
  )
  .transform((table): BudgetSet => {
    const metrics = BUDGET_METRICS.filter((metric) => table[metric] !== undefined);
    return { rules: metrics.flatMap((metric) => table[metric] ?? []), metrics };
  });

const budgets = z.union([inlineRules, budgetsTable], {
  error: (issue) =>
    `${got(issue.input)}; expected rules as text like "peak: +5%; retained: +100KB", ` +
    'or a table of metric = limits',
});

const scenarioGlob = z.string().superRefine((value, ctx) => {
  const problem = globProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

const scenarios = z
  .record(scenarioGlob, z.strictObject({ budgets }, { error: unknownKey(['budgets']) }), {
    error: (issue) =>
      `${got(issue.input)}; expected a table of scenario glob = {budgets = …}, ` +
      'e.g. scenarios."bench_ingest*".budgets.peak = "2GB"',
  })
  .transform((table): ScenarioOverride[] =>
    Object.entries(table).map(([pattern, entry]) => ({
      scenarios: pattern,
      origin: formatKeyPath(['scenarios', pattern]),
      metrics: entry.budgets.metrics,
      rules: entry.budgets.rules,
    })),
  );

/** Every key a config file may hold, in the order the README documents them. */
const FILE_SHAPE = {
  script: text('the benchmark file, e.g. "benchmarks/memory.py"').optional(),
  command: text('a shell command, e.g. "pytest tests/perf"').optional(),
  setup: text('a shell command, e.g. "pip install -e ."').optional(),
  python: text('a Python interpreter, e.g. "python3.12"').optional(),
  frames: framesNumber.optional(),
  repeats: checkedNumber(REPEATS_TEXT, repeatsProblem).optional(),
  iterations: checkedNumber(ITERATIONS_TEXT, iterationsProblem).optional(),
  'timeout-minutes': checkedNumber(TIMEOUT_TEXT, timeoutProblem).optional(),
  'peak-sites': peakSitesValue.optional(),
  parallel: booleanValue.optional(),
  'object-types': booleanValue.optional(),
  'fail-on': failOn.optional(),
  'minimum-change': sizeText.optional(),
  ignore: z
    .union([glob, z.array(glob)], {
      error: (issue) => `${got(issue.input)}; expected a list of globs, e.g. ["tests/**"]`,
    })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  budgets: budgets.optional(),
  scenarios: scenarios.optional(),
  top: topNumber.optional(),
  comment: commentPolicy.optional(),
};
export const FILE_KEYS = Object.keys(FILE_SHAPE);

type RawLayer = {
  script?: string;
  command?: string;
  setup?: string;
  python?: string;
  frames?: number;
  repeats?: number;
  iterations?: number;
  'timeout-minutes'?: number;
  'peak-sites'?: PeakSitesSetting;
  parallel?: boolean;
  'object-types'?: boolean;
  'fail-on'?: FailOn;
  'minimum-change'?: number;
  ignore?: string[];
  budgets?: BudgetSet;
  scenarios?: ScenarioOverride[];
  top?: number;
  comment?: CommentPolicy;
};

function toLayer(raw: RawLayer): ConfigLayer {
  const layer: ConfigLayer = {
    script: raw.script,
    command: raw.command,
    setup: raw.setup,
    python: raw.python,
    frames: raw.frames,
    repeats: raw.repeats,
    iterations: raw.iterations,
    timeoutMinutes: raw['timeout-minutes'],
    peakSites: raw['peak-sites'],
    parallel: raw.parallel,
    objectTypes: raw['object-types'],
    failOn: raw['fail-on'],
    minimumChange: raw['minimum-change'],
    ignore: raw.ignore,
    budgets: raw.budgets?.rules,
    scenarios: raw.scenarios,
    top: raw.top,
    comment: raw.comment,
  };
  return Object.fromEntries(
    Object.entries(layer).filter(([, value]) => value !== undefined),
  ) as ConfigLayer;
}

/** A config file's settings (`allocdiff.yml`, or `[tool.allocdiff]` of `pyproject.toml`). */
export const fileConfigSchema = z
  .strictObject(FILE_SHAPE, { error: unknownKey(FILE_KEYS) })
  .transform(toLayer);

const topText = z.string().transform((value, ctx) => {
  const top = /^\d+$/.test(value) ? Number(value) : NaN;
  const parsed: Parsed<number> = Number.isSafeInteger(top)
    ? { ok: true, value: top }
    : { ok: false, problems: [`got "${value}"; expected a whole number ≥ 0`] };
  return accept(parsed, value, ctx);
});

const frameText = z.string().transform((value, ctx) => {
  const frames = /^[1-9]\d*$/.test(value) ? Number(value) : NaN;
  const parsed: Parsed<number> = Number.isSafeInteger(frames)
    ? { ok: true, value: frames }
    : { ok: false, problems: [`got "${value}"; expected a whole number ≥ 1`] };
  return accept(parsed, value, ctx);
});

/**
 * Splits a list of globs written on one line or several: newlines and commas separate them,
 * except commas inside `{a,b}`.
 */
export function splitGlobList(value: string): string[] {
  const globs: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '{') depth += 1;
    if (char === '}') depth = Math.max(0, depth - 1);
    if (char === '\n' || (char === ',' && depth === 0)) {
      globs.push(current);
      current = '';
    } else current += char;
  }
  globs.push(current);
  return globs.map((g) => g.trim()).filter((g) => g !== '');
}

/**
 * The same settings as text, from action inputs or CLI flags. Keys are the file's; callers name
 * each problem after their own input or flag.
 */
export const textConfigSchema = z
  .strictObject({
    script: z.string().optional(),
    command: z.string().optional(),
    setup: z.string().optional(),
    python: z.string().optional(),
    frames: frameText.optional(),
    repeats: checkedNumberText(/^\d+$/, repeatsProblem).optional(),
    iterations: checkedNumberText(/^\d+$/, iterationsProblem).optional(),
    'timeout-minutes': checkedNumberText(/^(\d+\.?\d*|\.\d+)$/, timeoutProblem).optional(),
    'peak-sites': peakSitesText.optional(),
    parallel: booleanText.optional(),
    'object-types': booleanText.optional(),
    'fail-on': z.string().pipe(failOn).optional(),
    'minimum-change': sizeText.optional(),
    ignore: z.string().transform(splitGlobList).pipe(z.array(glob)).optional(),
    budgets: inlineRules.optional(),
    top: topText.optional(),
    comment: z.string().pipe(commentPolicy).optional(),
  })
  .transform(toLayer);

export type TextConfig = z.input<typeof textConfigSchema>;
