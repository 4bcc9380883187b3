// One measurement of `npm run bench -- --only scenarios`, in a fresh Node process: a comparison
// of N scenarios, each with a budget override of its own (by name) and one glob over them all,
// checked against the budgets and rendered as the comment, the job summary and the terminal
// report. Prints one JSON line of timings (ms).
import { performance } from 'node:perf_hooks';
import { checkBudgets, decideVerdict } from '../src/budgets/evaluate.js';
import { parseBudgetRules, type ScenarioOverride } from '../src/budgets/rules.js';
import type { Comparison, ScenarioComparison } from '../src/compare/comparison.js';
import { renderMarkdown, renderSummary } from '../src/report/markdown.js';
import { buildReport } from '../src/report/report.js';
import { renderTerminal } from '../src/report/terminal.js';

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) throw new Error('usage: bench-scenarios N');

const measure = (base: number, head: number) => ({ base, head, delta: head - base });
const scenarios: ScenarioComparison[] = Array.from({ length: count }, (_, i) => ({
  name: `tests/test_module_${i % 100}.py::test_case_${i}`,
  status: 'ok',
  peak: measure(50_000, 50_000 + (i % 5) * 512),
  retained: measure(10_000, 10_000 + (i % 7) * 256),
  retainedCount: measure(100, 100 + (i % 7)),
  sites:
    i % 7 === 0
      ? []
      : [
          {
            file: `pkg/module_${i % 100}.py`,
            line: 10 + (i % 50),
            baseLine: 10 + (i % 50),
            sizeDelta: (i % 7) * 256,
            countDelta: i % 7,
            baseSize: 0,
            headSize: (i % 7) * 256,
            baseCount: 0,
            headCount: i % 7,
            changedLine: false,
          },
        ],
}));
const overrides: ScenarioOverride[] = [
  ...scenarios.map((scenario, i) => ({
    scenarios: scenario.name,
    origin: `allocdiff.yml: scenarios."${scenario.name}"`,
    metrics: ['retained' as const],
    rules: parseBudgetRules(`retained: +${i % 3 === 0 ? 1 : 2}KB`),
  })),
  {
    scenarios: 'tests/**',
    origin: 'allocdiff.yml: scenarios."tests/**"',
    metrics: ['peak' as const],
    rules: parseBudgetRules('peak: +5%'),
  },
];
const comparison: Comparison = { scenarios } as Comparison;

const started = performance.now();
const { results: budgets, warnings } = checkBudgets(comparison, {
  rules: parseBudgetRules('retained: +100KB'),
  overrides,
});
const checked = performance.now();
const report = buildReport({
  allocdiffVersion: 'bench',
  key: 'default',
  verdict: decideVerdict(comparison, budgets, warnings),
  repository: 'octo/bench',
  serverUrl: 'https://github.com',
  base: { sha: 'a'.repeat(40) },
  head: { sha: 'b'.repeat(40) },
  environment: { frames: 1 },
  comparison,
  budgets,
  warnings,
});
renderMarkdown(report);
renderSummary(report);
renderTerminal(report);
const rendered = performance.now();
process.stdout.write(
  `${JSON.stringify({ budgets: budgets.length, check: checked - started, render: rendered - checked })}\n`,
);
