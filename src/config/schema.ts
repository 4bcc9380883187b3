/**
 * The configuration's schema, in its two spellings: a config file (YAML or TOML, typed values)
 * and action inputs / CLI flags (text). Both are built from the declarations
 * (./declarations.ts), whose rows pick their parsers from `SCHEMA_KIT` below, and validate into
 * the same typed `ConfigLayer`; every message names the value and what is allowed.
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
  unitOf,
} from '../budgets/rules.js';
import { parseSize, SIZE_UNITS_TEXT } from '../budgets/sizes.js';
import { groupDigits } from '../format/sizes.js';
import { COMMENT_POLICIES, type CommentPolicy } from '../publish/comment-policy.js';
import {
  CONFIG_NAMES,
  SETTINGS,
  type ConfigLayer,
  type ConfigName,
  type TextConfig,
} from './declarations.js';
import { ALLOWED, describeValue, formatKeyPath } from './problems.js';

export type { ConfigLayer, TextConfig };

const got = (input: unknown): string => `got ${describeValue(input)}`;

/** An unknown key; problems.ts adds, per key, the allowed one it most likely meant. */
const unknownKey =
  (allowed: readonly string[], kind = 'key') =>
  (issue: { code: string; input?: unknown }): string | undefined =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${kind}; ${ALLOWED}${allowed.join(', ')}`
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

/** The most a whole number may be, and why (said in the message for a larger one). */
export interface Maximum {
  max: number;
  why: string;
}

/**
 * A whole number ≥ `min` (and at most `maximum.max`), in a config file and as text (digits
 * only).
 */
function wholeNumber(min: 0 | 1, maximum?: Maximum): Parser<number> {
  const expected = `a whole number ≥ ${min}`;
  const message = (issue: { input?: unknown }) => `${got(issue.input)}; expected ${expected}`;
  const range = maximum && `a whole number from ${min} to ${maximum.max} (${maximum.why})`;
  const pattern = min === 0 ? /^\d+$/ : /^[1-9]\d*$/;
  const file = z.int({ error: message }).min(min, { error: message });
  return {
    file: maximum
      ? file.max(maximum.max, { error: (issue) => `${got(issue.input)}; expected ${range}` })
      : file,
    text: z.string().transform((value, ctx) => {
      const number = pattern.test(value) ? Number(value) : NaN;
      const parsed: Parsed<number> = !Number.isSafeInteger(number)
        ? { ok: false, problems: [`got "${value}"; expected ${expected}`] }
        : maximum && number > maximum.max
          ? { ok: false, problems: [`got "${value}"; expected ${range}`] }
          : { ok: true, value: number };
      return accept(parsed, value, ctx);
    }),
  };
}

/**
 * The longest shell command: `bash -c` gets it as one argument, and Linux refuses an argument
 * of 128 KiB or more (E2BIG).
 */
export const SHELL_COMMAND_MAX_BYTES = 128 * 1024 - 1;

/** Why a shell command cannot be run as given, or undefined. */
export function shellCommandProblem(value: string): string | undefined {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes <= SHELL_COMMAND_MAX_BYTES) return undefined;
  return (
    `got ${groupDigits(bytes)} bytes; a shell command may be at most ` +
    `${groupDigits(SHELL_COMMAND_MAX_BYTES)} bytes (Linux's limit for one argument); ` +
    'put longer commands in a script and run that, e.g. "bash ci/setup.sh"'
  );
}

/** Text short enough to pass to `bash -c`. */
function shorterThanAnArgument<T extends z.ZodType<string, string>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    const problem = shellCommandProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}

/** What a checked number allows: `accepts` decides, `expected` says it in a message. */
export interface NumberRule {
  expected: string;
  accepts(value: number): boolean;
  /** How the number may be written as text (an action input or a CLI flag). */
  pattern: RegExp;
}

/** A number checked by `rule`, in a config file and as text. */
function checkedNumber(rule: NumberRule): Parser<number> {
  return {
    file: z
      .number({ error: (issue) => `${got(issue.input)}; expected ${rule.expected}` })
      .superRefine((value, ctx) => {
        if (!rule.accepts(value))
          ctx.addIssue({
            code: 'custom',
            message: `${got(value)}; expected ${rule.expected}`,
            input: value,
          });
      }),
    text: z.string().transform((value, ctx) => {
      const number = rule.pattern.test(value.trim()) ? Number(value.trim()) : NaN;
      const parsed: Parsed<number> = rule.accepts(number)
        ? { ok: true, value: number }
        : { ok: false, problems: [`got "${value}"; expected ${rule.expected}`] };
      return accept(parsed, value, ctx);
    }),
  };
}

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
      ? `got the number ${issue.input}; write limits as text, e.g. "${unitOf(metric) === 'count' ? '+1000' : '64MB'}" ` +
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

/** A budgets table: one key per budget metric (measures.ts says which measures have one). */
const budgetsTable = z
  .strictObject(
    Object.fromEntries(
      BUDGET_METRICS.map((metric) => [metric, metricRules(metric).optional()]),
    ) as Record<BudgetMetric, z.ZodOptional<ReturnType<typeof metricRules>>>,
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

/**
 * A setting's value as a config file writes it (YAML or TOML types) and, when an input or flag
 * can give it, as text. Both give the same type.
 */
export interface Parser<T> {
  file: z.ZodType<T>;
  text?: z.ZodType<T, string>;
}

/**
 * The parsers a declaration picks from (its `parse` is called with this kit when the schemas are
 * built): a new kind of value is added here, a new setting of a known kind only in the table.
 */
/**
 * Sites at the peak: `auto` finds them for the scenarios whose peak changed, `true` for every
 * scenario, `false` never.
 */
export type PeakSitesSetting = 'auto' | boolean;

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

export const SCHEMA_KIT = {
  /** Text that may not be empty; `expected` says what it is, with an example. */
  text: (expected: string): Parser<string> => ({ file: text(expected), text: z.string() }),
  /** A shell command run with `bash -c`: text that may not be empty, nor too long to pass. */
  shellCommand: (expected: string): Parser<string> => ({
    file: shorterThanAnArgument(text(expected)),
    text: shorterThanAnArgument(z.string()),
  }),
  boolean: { file: booleanValue, text: booleanText } satisfies Parser<boolean>,
  /** `auto`, `true` or `false`: when to find the sites at the peak. */
  peakSites: { file: peakSitesValue, text: peakSitesText } satisfies Parser<PeakSitesSetting>,
  /** `auto`, `true` or `false`, as `peak-sites` takes them. */
  autoOrBoolean: { file: peakSitesValue, text: peakSitesText } satisfies Parser<'auto' | boolean>,
  wholeNumber,
  checkedNumber,
  /** A size, always written as text: "1KiB", "64MB". */
  size: { file: sizeText, text: sizeText } satisfies Parser<number>,
  /** Globs over site paths: one or a list in a file; one per line or comma-separated as text. */
  globs: {
    file: z
      .union([glob, z.array(glob)], {
        error: (issue) => `${got(issue.input)}; expected a list of globs, e.g. ["tests/**"]`,
      })
      .transform((value) => (Array.isArray(value) ? value : [value])),
    text: z.string().transform(splitGlobList).pipe(z.array(glob)),
  } satisfies Parser<string[]>,
  failOn: { file: failOn, text: z.string().pipe(failOn) } satisfies Parser<FailOn>,
  commentPolicy: {
    file: commentPolicy,
    text: z.string().pipe(commentPolicy),
  } satisfies Parser<CommentPolicy>,
  /** The budget rules for every scenario: inline text, or a table of metric = limits. */
  budgets: {
    file: budgets.transform((set) => set.rules),
    text: inlineRules.transform((set) => set.rules),
  } satisfies Parser<BudgetRule[]>,
  /** Per-scenario budgets: a table of scenario glob = {budgets = …}; a file's only. */
  scenarios: { file: scenarios } satisfies Parser<ScenarioOverride[]>,
};
export type SchemaKit = typeof SCHEMA_KIT;

/** Each setting of the configuration with its parser, in the order of the declarations. */
const PARSED = CONFIG_NAMES.map((name) => {
  const setting = SETTINGS[name];
  return { name, key: setting.key, parser: setting.parse(SCHEMA_KIT) as Parser<unknown> };
});

/** Every key a config file may hold, in the order the README documents them. */
export const FILE_KEYS: string[] = PARSED.map(({ key }) => key);

/** The layer a source gives, from its values by file key (those not given left out). */
function toLayer(raw: Record<string, unknown>): ConfigLayer {
  const layer: Partial<Record<ConfigName, unknown>> = {};
  for (const { name, key } of PARSED) if (raw[key] !== undefined) layer[name] = raw[key];
  return layer as ConfigLayer;
}

/** A config file's settings (`allocdiff.yml`, or `[tool.allocdiff]` of `pyproject.toml`). */
export const fileConfigSchema = z
  .strictObject(
    Object.fromEntries(PARSED.map(({ key, parser }) => [key, parser.file.optional()])),
    { error: unknownKey(FILE_KEYS) },
  )
  .transform(toLayer);

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
 * The same settings as text, from action inputs or CLI flags: those an input or a flag can give.
 * Keys are the file's; callers name each problem after their own input or flag.
 */
export const textConfigSchema: z.ZodType<ConfigLayer, TextConfig> = z
  .strictObject(
    Object.fromEntries(
      PARSED.flatMap(({ key, parser }) => (parser.text ? [[key, parser.text.optional()]] : [])),
    ),
  )
  .transform(toLayer);
