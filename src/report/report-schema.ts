import * as z from 'zod';
import { BUDGET_METRICS, type BudgetMetric } from '../budgets/rules.js';
import {
  MEASURE_NAMES,
  MEASURES,
  type AlwaysMeasured,
  type SometimesMeasured,
} from '../compare/measures.js';
import { RETENTION_ROOT_KINDS } from '../capture/snapshot.js';
import { InvalidDataError } from '../errors.js';
import { SITE_LIMITS, TEXT_LIMITS } from './report-limits.js';
import { REPORT_SCHEMA, type Report } from './report.js';

/**
 * The JSON report's schema, for reports that come from elsewhere (the report mode reads one from
 * a workflow artifact that pull-request code could have written): strict objects, bounded
 * strings and arrays, whole byte counts. Checked at compile time to have the very shape of
 * `Report` (`SameShape` below: the same keys at every level, the same optional ones, the same
 * values), so report mode cannot refuse a field the full mode writes, nor accept one it does not.
 */
const text = (max = 10_000) => z.string().max(max);
const bytes = z.number().int().finite();
const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full commit SHA');

const range = z.tuple([bytes, bytes]);
const growth = z.number().int().positive();

const measure = z.strictObject({
  base: bytes.nullable(),
  head: bytes.nullable(),
  delta: bytes.nullable(),
  noisy: z.boolean().optional(),
  baseRange: range.optional(),
  headRange: range.optional(),
  baseGrowth: growth.optional(),
  headGrowth: growth.optional(),
  fewRepeats: z.literal(true).optional(),
  cold: z
    .strictObject({
      noisy: z.boolean().optional(),
      baseRange: range.optional(),
      headRange: range.optional(),
    })
    .optional(),
});

/** Every measure under its field (measures.ts): required where a scenario always has it. */
const measureShape = Object.fromEntries(
  MEASURE_NAMES.map((name) => [
    MEASURES[name].field,
    MEASURES[name].presence === 'always' ? measure : measure.optional(),
  ]),
) as {
  [N in AlwaysMeasured as (typeof MEASURES)[N]['field']]: typeof measure;
} & {
  [N in SometimesMeasured as (typeof MEASURES)[N]['field']]: z.ZodOptional<typeof measure>;
};

const frame = z.strictObject({
  file: text(TEXT_LIMITS.file),
  line: z.number().int().nonnegative(),
  text: text(TEXT_LIMITS.text).optional(),
  function: text(TEXT_LIMITS.name).optional(),
});

const traceback = z.strictObject({
  size: bytes,
  count: bytes,
  frames: z.array(frame).max(1_000),
  truncated: z.literal(true).optional(),
});

const site = z.strictObject({
  file: text(TEXT_LIMITS.file),
  line: z.number().int().positive().nullable(),
  baseLine: z.number().int().positive().nullable(),
  baseFile: text(TEXT_LIMITS.file).optional(),
  function: text(TEXT_LIMITS.name).optional(),
  text: text(TEXT_LIMITS.text).optional(),
  sizeDelta: bytes,
  countDelta: bytes,
  baseSize: bytes,
  headSize: bytes,
  baseCount: bytes,
  headCount: bytes,
  changedLine: z.boolean(),
  silent: z.literal(true).optional(),
  noisy: z.boolean().optional(),
  baseRange: range.optional(),
  headRange: range.optional(),
  baseGrowth: growth.optional(),
  headGrowth: growth.optional(),
  fewRepeats: z.literal(true).optional(),
  tracebacks: z.array(traceback).max(10).optional(),
  tracebackSide: z.enum(['base', 'head']).optional(),
});

const scenarioError = z.strictObject({
  type: text(TEXT_LIMITS.name),
  message: text(TEXT_LIMITS.text),
  traceback: text(TEXT_LIMITS.long).optional(),
  phase: z.enum(['setup', 'call']).optional(),
  output: text(TEXT_LIMITS.long).optional(),
});

const peakLevel = z.strictObject({ bytes, peakBytes: bytes });

const count = z.number().int().nonnegative();

const retentionFinding = z.strictObject({
  site: frame,
  kind: z.enum(RETENTION_ROOT_KINDS),
  root: text(TEXT_LIMITS.name),
  holder: text(TEXT_LIMITS.name),
  holderType: text(TEXT_LIMITS.name),
  name: text(TEXT_LIMITS.name),
  path: text(TEXT_LIMITS.text),
  bytes: count,
  count,
  sampled: count,
  sampledOf: count,
  objects: count,
  storage: z.enum(['found', 'none', 'several', 'held', 'untraced']).optional(),
  items: count.optional(),
  culprit: frame
    .extend({
      evidence: z.enum(['stored', 'named', 'grown', 'made']),
      type: text(TEXT_LIMITS.name).optional(),
    })
    .optional(),
  cycle: z
    .array(z.strictObject({ type: text(TEXT_LIMITS.name), objects: count }))
    .max(1_000)
    .optional(),
  via: z.array(frame.extend({ type: text(TEXT_LIMITS.name) })).max(1_000),
});

const scenario = z.strictObject({
  name: text(TEXT_LIMITS.name),
  status: z.enum(['ok', 'new', 'removed', 'failed']),
  kind: z.enum(['script', 'function', 'process', 'test']).optional(),
  repeats: z
    .strictObject({ base: z.number().int().nonnegative(), head: z.number().int().nonnegative() })
    .optional(),
  deterministic: z.boolean().optional(),
  notRun: z.strictObject({ tests: z.number().int().positive() }).optional(),
  identicalRuns: z.number().int().min(2).optional(),
  error: scenarioError.extend({ side: z.enum(['base', 'head']) }).optional(),
  baseError: scenarioError.optional(),
  ...measureShape,
  sites: z.array(site).max(SITE_LIMITS.perScenario),
  sitesLeftOut: z
    .strictObject({ count: z.number().int().positive(), sizeDelta: bytes, countDelta: bytes })
    .optional(),
  leakSites: z.array(site).max(100_000).optional(),
  objectTypes: z
    .array(
      z.strictObject({
        type: text(TEXT_LIMITS.name),
        baseGrowth: bytes.nullable(),
        headGrowth: bytes.nullable(),
        delta: bytes,
      }),
    )
    .max(10_000)
    .optional(),
  peakSites: z
    .strictObject({
      base: peakLevel.optional(),
      head: peakLevel.optional(),
      sites: z.array(site).max(10_000),
      missed: z.strictObject({ base: text().optional(), head: text().optional() }).optional(),
      apart: z.strictObject({ sharedBytes: bytes }).optional(),
    })
    .optional(),
  retention: z.array(retentionFinding).max(1_000).optional(),
});

const budget = z.strictObject({
  rule: text(1_000),
  metric: z.enum(BUDGET_METRICS as [BudgetMetric, ...BudgetMetric[]]),
  scenario: text(1_000),
  limit: text(100),
  actual: text(1_000),
  status: z.enum(['pass', 'warn', 'fail', 'skip']),
  level: z.enum(['warn', 'fail']),
  site: text(5_000).optional(),
  reason: text(1_000).optional(),
  noisy: z.literal(true).optional(),
  leak: text(100).optional(),
  unmeasured: z.strictObject({ what: text(100), why: text(1_000).optional() }).optional(),
  over: z.number().min(0).optional(),
});

export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  allocdiffVersion: text(100),
  key: text(200),
  verdict: z.enum(['pass', 'warn', 'fail']),
  repository: text(300).optional(),
  serverUrl: text(300).optional(),
  pullRequest: z.number().int().positive().optional(),
  base: z.strictObject({ sha, ref: text(1_000).optional() }),
  head: z.strictObject({
    sha,
    ref: text(1_000).optional(),
    workingTree: z.literal(true).optional(),
  }),
  environment: z.strictObject({
    python: text(100).optional(),
    implementation: text(100).optional(),
    platform: text(1_000).optional(),
    frames: z.number().int().positive(),
    repeats: z.number().int().positive().optional(),
    iterations: z.number().int().nonnegative().optional(),
  }),
  scenarios: z.array(scenario).max(100_000),
  budgets: z.array(budget).max(100_000),
  warnings: z.array(text()).max(10_000).optional(),
  configFile: text(TEXT_LIMITS.file).optional(),
  hiddenSites: z
    .strictObject({ ignored: bytes, belowMinimumChange: bytes, minimumChange: bytes })
    .optional(),
  settingsChange: z
    .strictObject({
      from: text(200),
      configFile: text(4_096).optional(),
      changed: z.array(text(100)).max(100),
      verdict: z.enum(['pass', 'warn', 'fail']),
      reason: text(),
      wouldFail: z.boolean(),
      notTried: z.array(text(100)).max(100),
    })
    .optional(),
  accepted: z.strictObject({ label: text(100), by: text(100).optional() }).optional(),
  noChange: text().optional(),
  testsNotRun: z
    .strictObject({
      count: z.number().int().nonnegative(),
      why: text(),
      by: z.enum(['default', 'setting']),
    })
    .optional(),
  objectsNotCounted: z.strictObject({ count: z.number().int().positive(), why: text() }).optional(),
  cached: z.array(text(200)).max(2).optional(),
  interrupted: z
    .strictObject({
      signal: text(20).optional(),
      why: text(2_000).optional(),
      during: text(200),
      figures: z.enum(['first-run', 'complete']),
    })
    .optional(),
  shard: z
    .strictObject({
      index: z.number().int().positive().max(1_000),
      count: z.number().int().positive().max(1_000),
      settings: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest'),
      unchecked: z
        .strictObject({
          overrides: z
            .array(z.strictObject({ override: text(), rules: z.array(text()).max(1_000) }))
            .max(10_000),
          rules: z.array(z.strictObject({ rule: text(), reason: text() })).max(10_000),
        })
        .optional(),
    })
    .optional(),
  shards: z
    .strictObject({
      count: z.number().int().positive().max(1_000),
      missing: z.array(z.number().int().positive().max(1_000)).max(1_000),
    })
    .optional(),
});

/** Checks a parsed JSON value; the error lists each problem with its path. */
export function parseReport(value: unknown, source: string): Report {
  const result = reportSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  throw new InvalidDataError(
    `${source} is not a valid allocdiff report:\n  ${problems.join('\n  ')}`,
  );
}

/** Whether two types are identical (not merely assignable either way). */
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The keys of `T` that are optional. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/**
 * `never` when `A` and `B` have the same shape; else the paths where they differ (a key only one
 * has, a key optional in one only, a value of another type), which the compiler shows.
 */
type ShapeDifference<A, B, Path extends string = ''> =
  Equals<A, B> extends true
    ? never
    : [A, B] extends [readonly (infer X)[], readonly (infer Y)[]]
      ? ShapeDifference<X, Y, `${Path}[]`>
      : [NonNullable<A>, NonNullable<B>] extends [object, object]
        ? Equals<null extends A ? 1 : 0, null extends B ? 1 : 0> extends false
          ? `${Path}: null in one only`
          : Equals<keyof NonNullable<A>, keyof NonNullable<B>> extends false
            ? `${Path}: key ${Exclude<keyof NonNullable<A>, keyof NonNullable<B>> & string}${Exclude<keyof NonNullable<B>, keyof NonNullable<A>> & string} in one only`
            : Equals<OptionalKeys<NonNullable<A>>, OptionalKeys<NonNullable<B>>> extends false
              ? `${Path}: key ${Exclude<OptionalKeys<NonNullable<A>>, OptionalKeys<NonNullable<B>>> & string}${Exclude<OptionalKeys<NonNullable<B>>, OptionalKeys<NonNullable<A>>> & string} optional in one only`
              : {
                  [K in keyof NonNullable<A> & keyof NonNullable<B> & string]: ShapeDifference<
                    NonNullable<A>[K],
                    NonNullable<B>[K],
                    `${Path}.${K}`
                  >;
                }[keyof NonNullable<A> & keyof NonNullable<B> & string]
        : [A] extends [B]
          ? [B] extends [A]
            ? never
            : `${Path}: another type`
          : `${Path}: another type`;

/** Fails to compile, naming the place, when the schema and `Report` differ in shape. */
export const reportSchemaMatchesReport: [
  ShapeDifference<z.infer<typeof reportSchema>, Report>,
] extends [never]
  ? true
  : ShapeDifference<z.infer<typeof reportSchema>, Report> = true;
