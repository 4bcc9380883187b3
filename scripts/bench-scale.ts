// One measurement of `npm run bench`, run in a fresh Node process so its peak memory is its own:
// reads two snapshot files as the action does, compares them, checks budgets, builds the report,
// renders the comment and serialises the JSON report. Prints one JSON line of timings (ms) and
// the process's peak resident memory (MiB).
import { performance } from 'node:perf_hooks';
import { checkBudgets, decideVerdict } from '../src/budgets/evaluate.js';
import { parseBudgetRules } from '../src/budgets/rules.js';
import { readSnapshot } from '../src/capture/side-runner.js';
import { compareSnapshots } from '../src/compare/compare.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { buildReport } from '../src/report/report.js';
import { LineMap } from '../src/sides/line-map.js';

const [basePath, headPath] = process.argv.slice(2);
if (!basePath || !headPath) throw new Error('usage: bench-scale BASE.json HEAD.json');

const started = performance.now();
const base = await readSnapshot(basePath);
const head = await readSnapshot(headPath);
const parsed = performance.now();

const comparison = compareSnapshots(base, head, LineMap.fromUnifiedDiff(''));
const { results: budgets, warnings } = checkBudgets(
  comparison,
  parseBudgetRules('peak: +5%; retained: +100KB; site: +10KB'),
);
const compared = performance.now();

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
const markdown = renderMarkdown(report);
const rendered = performance.now();
const json = JSON.stringify(report, null, 2);
const serialised = performance.now();

console.log(
  JSON.stringify({
    parseMs: parsed - started,
    compareMs: compared - parsed,
    renderMs: rendered - compared,
    jsonMs: serialised - rendered,
    totalMs: rendered - started,
    markdownChars: markdown.length,
    reportBytes: Buffer.byteLength(json),
    changedSites: comparison.scenarios.reduce((sum, s) => sum + s.sites.length, 0),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
