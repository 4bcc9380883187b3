import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { checkBudgets, decideVerdict } from './budgets/evaluate.js';
import { withoutIgnoredSites, withoutSmallSites } from './budgets/site-filter.js';
import { captureSide, captureTracebacks } from './capture/capture-side.js';
import { benchmarkEnvironment } from './capture/environment.js';
import { spreadSideFailure } from './capture/merge-repeats.js';
import { compareSnapshots } from './compare/compare.js';
import { attachTracebacks, tracebackTargets } from './compare/tracebacks.js';
import type { Settings } from './config/settings.js';
import { UsageError } from './errors.js';
import type { Logger } from './log.js';
import { renderMarkdown } from './report/markdown.js';
import { buildReport, type Report } from './report/report.js';
import { Git } from './sides/git.js';
import { LineMap } from './sides/line-map.js';
import { resolveCommit } from './sides/resolve.js';
import { checkoutSides } from './sides/worktrees.js';
import { VERSION } from './version.js';

export interface RunResult {
  report: Report;
  markdown: string;
}

/**
 * The product's main job, shared by the action and the CLI:
 * sides (git) → capture (Python, per side) → compare → budgets → report.
 */
export async function runAllocdiff(settings: Settings, log: Logger): Promise<RunResult> {
  if (settings.configFile) log.info(`configuration: ${settings.configFile}`);
  const git = new Git(settings.repoDir);
  // Sides are checked out whole: the script's path must be relative to the repository's root.
  const script = relative(
    await git.topLevel(),
    resolve(await realpath(settings.repoDir), settings.script),
  )
    .split(sep)
    .join('/');
  const { baseSha, headSha } = await log.group('Resolving base and head', async () => {
    const baseSha = await resolveCommit(git, settings.base, 'base');
    const headSha = await resolveCommit(git, settings.head, 'head');
    log.info(`base ${settings.base} = ${baseSha}`);
    log.info(`head ${settings.head} = ${headSha}`);
    return { baseSha, headSha };
  });

  const lineMap = LineMap.fromUnifiedDiff(await git.diff(baseSha, headSha));
  const sides = await checkoutSides(git, baseSha, headSha);
  try {
    const env = benchmarkEnvironment(process.env);
    const options = {
      python: settings.python,
      script,
      setup: settings.setup,
      frames: settings.frames,
      repeats: settings.repeats,
      iterations: settings.iterations,
      timeoutMinutes: settings.timeoutMinutes,
      peakSites: settings.peakSites,
      objectTypes: settings.objectTypes,
      env,
      log,
    };
    const measuredBase = await log.group(`Measuring base ${baseSha.slice(0, 7)}`, () =>
      captureSide(sides.baseDir, options),
    );
    const measuredHead = await log.group(`Measuring head ${headSha.slice(0, 7)}`, () =>
      captureSide(sides.headDir, options),
    );
    const base = spreadSideFailure(measuredBase, measuredHead);
    const head = spreadSideFailure(measuredHead, measuredBase);
    if (base.scenarios.length === 0 && head.scenarios.length === 0) {
      throw new UsageError(
        `script "${script}" exists in neither the base nor the head commit ` +
          '(the path is relative to the repository root)',
      );
    }

    // Ignored sites go before budgets (never checked); small ones after (only not shown).
    const { comparison, dropped: ignoredSites } = withoutIgnoredSites(
      compareSnapshots(base, head, lineMap),
      settings.ignore,
    );
    // Tracebacks cost a run with many frames: only the top changed sites get one, and only
    // when there are some (the measuring runs above traced one frame).
    if (settings.frames > 1) {
      const targets = tracebackTargets(comparison);
      const traced = {
        base:
          targets.base.length > 0
            ? await log.group(`Tracebacks on base ${baseSha.slice(0, 7)}`, () =>
                captureTracebacks(sides.baseDir, options, targets.base),
              )
            : undefined,
        head:
          targets.head.length > 0
            ? await log.group(`Tracebacks on head ${headSha.slice(0, 7)}`, () =>
                captureTracebacks(sides.headDir, options, targets.head),
              )
            : undefined,
      };
      attachTracebacks(comparison, traced);
    }
    const { results: budgets, warnings } = checkBudgets(comparison, settings.budgets);
    for (const warning of warnings) log.warning(warning);
    const shown = withoutSmallSites(comparison, settings.minimumChange);
    const measured = head.scenarios.length > 0 && head.python.version ? head : base;
    const report = buildReport({
      allocdiffVersion: VERSION,
      key: settings.key,
      verdict: decideVerdict(comparison, budgets, warnings),
      ...(settings.repository ? { repository: settings.repository } : {}),
      ...(settings.serverUrl ? { serverUrl: settings.serverUrl } : {}),
      ...(settings.pullRequest !== undefined ? { pullRequest: settings.pullRequest } : {}),
      base: { sha: baseSha, ref: settings.base },
      head: { sha: headSha, ref: settings.head },
      environment: {
        python: measured.python.version || undefined,
        implementation: measured.python.implementation || undefined,
        platform: measured.platform || undefined,
        frames: settings.frames,
        repeats: settings.repeats,
        iterations: settings.iterations,
      },
      comparison: shown.comparison,
      budgets,
      warnings,
      ...(settings.configFile ? { configFile: settings.configFile } : {}),
      hiddenSites: {
        ignored: ignoredSites,
        belowMinimumChange: shown.dropped,
        minimumChange: settings.minimumChange,
      },
    });
    const markdown = renderMarkdown(report);
    await writeOutputs(settings, report, markdown);
    return { report, markdown };
  } finally {
    await sides.dispose();
  }
}

async function writeOutputs(settings: Settings, report: Report, markdown: string): Promise<void> {
  for (const [path, content] of [
    [settings.jsonPath, `${JSON.stringify(report, null, 2)}\n`],
    [settings.markdownPath, markdown],
  ] as const) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}
