import * as z from 'zod';
import { BUDGET_METRICS, type BudgetMetric } from '../budgets/rules.js';
import {
  MEASURE_NAMES,
  MEASURES,
  type AlwaysMeasured,
  type SometimesMeasured,
} from '../compare/measures.js';
import { InvalidDataError } from '../errors.js';
import { REPORT_SCHEMA, type Report } from './report.js';

/**
 * The JSON report's schema, for reports that come from elsewhere (the report mode reads one from
 * a workflow artifact that pull-request code could have written): strict objects, bounded
 * strings and arrays, whole byte counts. Typed against `Report`, so the two cannot drift apart.
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
  file: text(4_096),
  line: z.number().int().nonnegative(),
  text: text().optional(),
  function: text(1_000).optional(),
});

const traceback = z.strictObject({
  size: bytes,
  count: bytes,
  frames: z.array(frame).max(1_000),
  truncated: z.literal(true).optional(),
});

const site = z.strictObject({
  file: text(4_096),
  line: z.number().int().positive().nullable(),
  baseLine: z.number().int().positive().nullable(),
  baseFile: text(4_096).optional(),
  function: text(1_000).optional(),
  text: text().optional(),
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
  tracebacks: z.array(traceback).max(10).optional(),
  tracebackSide: z.enum(['base', 'head']).optional(),
});

const scenarioError = z.strictObject({
  type: text(1_000),
  message: text(),
  traceback: text(100_000).optional(),
  phase: z.enum(['setup', 'call']).optional(),
  output: text(100_000).optional(),
});

const peakLevel = z.strictObject({ bytes, peakBytes: bytes });

const scenario = z.strictObject({
  name: text(1_000),
  status: z.enum(['ok', 'new', 'removed', 'failed']),
  kind: z.enum(['script', 'function', 'process', 'test']).optional(),
  repeats: z
    .strictObject({ base: z.number().int().nonnegative(), head: z.number().int().nonnegative() })
    .optional(),
  deterministic: z.boolean().optional(),
  error: scenarioError.extend({ side: z.enum(['base', 'head']) }).optional(),
  baseError: scenarioError.optional(),
  ...measureShape,
  sites: z.array(site).max(2_000_000),
  leakSites: z.array(site).max(100_000).optional(),
  objectTypes: z
    .array(
      z.strictObject({
        type: text(1_000),
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
    })
    .optional(),
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
});

export const reportSchema: z.ZodType<Report> = z.strictObject({
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
  configFile: text(4_096).optional(),
  hiddenSites: z
    .strictObject({ ignored: bytes, belowMinimumChange: bytes, minimumChange: bytes })
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
