// The workflow files in the README are ones a user can paste: they parse, use only inputs and
// outputs action.yml declares, and the two-stage pair fits together with the least permissions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../support/action-runner.js';

interface Step {
  uses?: string;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: unknown;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; steps: Step[] }>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
}

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const action = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const ALLOCDIFF = '<owner>/allocdiff@v1';

/** Every ```yaml block of the README that is a whole workflow using allocdiff. */
const workflows: Workflow[] = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((match) => parse(match[1]) as Partial<Workflow>)
  .filter((doc): doc is Workflow => typeof doc?.jobs === 'object' && doc.jobs !== null);
const allocdiffSteps = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses === ALLOCDIFF));
const modeOf = (workflow: Workflow): unknown => allocdiffSteps(workflow)[0]?.with?.mode ?? 'full';

describe('the README’s workflow files', () => {
  it('are four: the one-job setup, the two stages, and the sharded measuring stage', () => {
    expect(workflows.map(modeOf)).toEqual(['full', 'measure', 'report', 'measure']);
    const sharded = workflows[3];
    const step = allocdiffSteps(sharded)[0];
    expect(step.with?.shard).toBe('${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(sharded.permissions).toEqual({ contents: 'read' });
  });

  it('check out without leaving the job token in .git/config, where the benchmark could read it', () => {
    const checkouts = workflows.flatMap((workflow) =>
      Object.values(workflow.jobs).flatMap((job) =>
        job.steps.filter((step) => step.uses?.startsWith('actions/checkout@')),
      ),
    );
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('give allocdiff only inputs it declares, and read only outputs it sets', () => {
    for (const workflow of workflows) {
      for (const step of allocdiffSteps(workflow)) {
        for (const input of Object.keys(step.with ?? {})) {
          expect(Object.keys(action.inputs), `${workflow.name}: input ${input}`).toContain(input);
        }
      }
      const text = JSON.stringify(workflow);
      for (const [, output] of text.matchAll(/steps\.allocdiff\.outputs\.([\w-]+)/g)) {
        expect(Object.keys(action.outputs), `${workflow.name}: output ${output}`).toContain(output);
      }
    }
  });

  it('measure with a read-only token and upload what allocdiff wrote, even after a failed budget', () => {
    const measure = workflows.find((w) => modeOf(w) === 'measure')!;
    expect(measure.on).toBe('pull_request');
    expect(measure.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(measure.jobs)[0].steps;
    const allocdiff = steps.findIndex((s) => s.uses === ALLOCDIFF);
    expect(steps[allocdiff].id).toBe('allocdiff');
    const upload = steps[allocdiff + 1];
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
    expect(upload.if).toContain('!cancelled()');
    expect(upload.with).toEqual({
      name: '${{ steps.allocdiff.outputs.artifact-name }}',
      path: '${{ steps.allocdiff.outputs.artifact-path }}',
      'retention-days': 7,
    });
  });

  it('report on workflow_run after the measuring workflow, without checking anything out', () => {
    const measure = workflows.find((w) => modeOf(w) === 'measure')!;
    const report = workflows.find((w) => modeOf(w) === 'report')!;
    expect(report.on).toEqual({
      workflow_run: { workflows: [measure.name], types: ['completed'] },
    });
    expect(report.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    const job = Object.values(report.jobs)[0];
    expect(job.if).toBe("github.event.workflow_run.event == 'pull_request'");
    // Nothing from the pull request is checked out, let alone run: allocdiff, then the upload of
    // the HTML report it rendered from the validated report.
    expect(job.steps.map((s) => s.uses)).toEqual([ALLOCDIFF, 'actions/upload-artifact@v7']);
    expectHtmlUploaded(job.steps);
  });

  it('cancel the run for an older head, and report one at a time per head branch', () => {
    for (const workflow of workflows.filter((w) => w.on === 'pull_request')) {
      expect(workflow.concurrency, workflow.name).toEqual({
        group: '${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}',
        'cancel-in-progress': true,
      });
    }
    const report = workflows.find((w) => modeOf(w) === 'report')!;
    expect(report.concurrency).toEqual({
      group:
        '${{ github.workflow }}-${{ github.event.workflow_run.head_repository.full_name }}-' +
        '${{ github.event.workflow_run.head_branch }}',
      // A report that is posting is not cut off; one waiting is replaced by a newer one.
      'cancel-in-progress': false,
    });
    expect(workflows.filter((w) => w.concurrency === undefined)).toEqual([]);
  });

  it('comment from the one-job setup with the least it needs', () => {
    const full = workflows.find((w) => modeOf(w) === 'full')!;
    expect(full.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expectHtmlUploaded(Object.values(full.jobs)[0].steps);
  });
});

/**
 * The HTML report is uploaded right after allocdiff, also after a failed budget, and the
 * comment links the run's page, which lists it.
 */
function expectHtmlUploaded(steps: Step[]) {
  const allocdiff = steps.findIndex((s) => s.uses === ALLOCDIFF);
  expect(steps[allocdiff].id).toBe('allocdiff');
  expect(steps[allocdiff].with?.['html-url']).toBe('run');
  const upload = steps[allocdiff + 1];
  expect(upload.uses).toMatch(/^actions\/upload-artifact@v[4-9]/);
  expect(upload.if).toContain('!cancelled()');
  expect(upload.with).toMatchObject({ path: '${{ steps.allocdiff.outputs.html }}' });
}
