import * as core from '@actions/core';
import { readActionMode, readActionSettings, readEventPlan } from './config/action-inputs.js';
import { errorMessage } from './errors.js';

/**
 * The action: measure, report, comment, and fail the check when the verdict says so. The mode
 * and the event are read first, with little loaded; what a mode does (capture, reports,
 * Octokit) is loaded only when there is work for it.
 */
export async function run(): Promise<void> {
  try {
    const mode = readActionMode();
    if (mode === 'report' || mode === 'merge') {
      const { postMeasuredReport } = await import('./action-modes.js');
      return await postMeasuredReport(mode);
    }
    const plan = readEventPlan();
    if (plan.kind === 'skip') {
      core.info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import('./action-modes.js');
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
