// One measurement of `npm run bench -- --only html`, in a fresh Node process: a report of
// SCENARIOS scenarios with the most changed sites a report lists each (10,000: 100,000 in all
// for ten), each site with a call path of FRAMES frames, rendered as the HTML report and written
// to OUT. Prints one JSON line: the render time (ms), the file's size, the sites in it.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Comparison, ScenarioComparison, SiteDelta } from '../src/compare/comparison.js';
import { renderHtml } from '../src/report/html.js';
import { SITE_LIMITS } from '../src/report/report-limits.js';
import { buildReport } from '../src/report/report.js';

const [scenarioArg, framesArg, out] = process.argv.slice(2);
const scenarioCount = Number(scenarioArg);
const frames = Number(framesArg);
if (!Number.isInteger(scenarioCount) || !Number.isInteger(frames) || frames < 1 || !out) {
  throw new Error('usage: bench-html SCENARIOS FRAMES OUT.html');
}

const perScenario = SITE_LIMITS.perScenario;
const measure = (base: number, head: number) => ({ base, head, delta: head - base });

function site(scenario: number, i: number): SiteDelta {
  const file = `pkg/sub_${i % 20}/module_${i % 200}.py`;
  const line = 1 + Math.floor(i / 200);
  const fn = `Handler_${i % 40}.process_${i % 13}`;
  const text = `value_${i} = make_record(${i}, cache[${i % 97}])`;
  const baseSize = 48 + ((i * 37) % 4000);
  const headSize = baseSize + (i % 3 === 0 ? -32 : 64 + (i % 11) * 16);
  const baseCount = 1 + (i % 5);
  const headCount = baseCount + (i % 3 === 0 ? 0 : 1);
  const delta: SiteDelta = {
    file,
    line,
    baseLine: line,
    function: fn,
    text,
    baseSize,
    headSize,
    baseCount,
    headCount,
    sizeDelta: headSize - baseSize,
    countDelta: headCount - baseCount,
    changedLine: i % 50 === 0,
    ...(i % 17 === 0 ? { noisy: true as const } : {}),
  };
  if (frames > 1) {
    // Callers shared by many sites: the module, a dispatcher per scenario, a handler per 40.
    const callers = Array.from({ length: frames - 1 }, (_, depth) => ({
      file: `pkg/app_${depth}.py`,
      line: 10 + depth * 10 + (depth === 0 ? 0 : (i * (depth + 1)) % (depth * 20)),
      function: depth === 0 ? '<module>' : `dispatch_${scenario}_${(i * depth) % (depth * 20)}`,
      text: `run(step_${depth})`,
    }));
    delta.tracebacks = [
      {
        size: Math.max(1, headSize),
        count: headCount,
        frames: [...callers, { file, line, function: fn, text }],
      },
    ];
  }
  return delta;
}

const scenarios: ScenarioComparison[] = Array.from({ length: scenarioCount }, (_, s) => {
  const sites = Array.from({ length: perScenario }, (_, i) => site(s, i));
  const base = sites.reduce((sum, x) => sum + x.baseSize, 0);
  const head = sites.reduce((sum, x) => sum + x.headSize, 0);
  return {
    name: `tests/test_module_${s}.py::test_case`,
    status: 'ok',
    peak: measure(base * 2, head * 2),
    retained: measure(base, head),
    retainedCount: measure(perScenario, perScenario * 2),
    sites,
  } as ScenarioComparison;
});

const comparison = { scenarios } as Comparison;
const report = buildReport({
  allocdiffVersion: 'bench',
  key: 'default',
  verdict: 'pass',
  repository: 'octo/bench',
  serverUrl: 'https://github.com',
  base: { sha: 'a'.repeat(40) },
  head: { sha: 'b'.repeat(40) },
  environment: { frames },
  comparison,
  budgets: [],
  warnings: [],
});
const started = performance.now();
const html = renderHtml(report);
const rendered = performance.now();
writeFileSync(out, html);
process.stdout.write(
  `${JSON.stringify({
    renderMs: rendered - started,
    bytes: Buffer.byteLength(html),
    sites: report.scenarios.reduce((sum, s) => sum + s.sites.length, 0),
  })}\n`,
);
