// The project's own workflows (.github/workflows): they parse as workflows GitHub runs, the CI
// one runs .ci/run, and the workload one runs this checkout's action (uses: ./) on
// bench/workload with inputs action.yml declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { PROJECT_ROOT } from '../support/action-runner.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Job {
  'runs-on': unknown;
  steps: Step[];
  [key: string]: unknown;
}
interface Workflow {
  name: string;
  on: unknown;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
  [key: string]: unknown;
}

const FOLDER = join(PROJECT_ROOT, '.github', 'workflows');
const files = readdirSync(FOLDER).filter((name) => /\.ya?ml$/.test(name));
const workflows = new Map(
  files.map((name) => [name, parse(readFileSync(join(FOLDER, name), 'utf8')) as Workflow]),
);
const action = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean }>;
};

// What a workflow file may hold, as GitHub's workflow syntax defines it.
const WORKFLOW_KEYS = [
  'name',
  'run-name',
  'on',
  'permissions',
  'env',
  'defaults',
  'concurrency',
  'jobs',
];
const JOB_KEYS = [
  'name',
  'needs',
  'if',
  'runs-on',
  'permissions',
  'environment',
  'concurrency',
  'outputs',
  'env',
  'defaults',
  'timeout-minutes',
  'strategy',
  'continue-on-error',
  'container',
  'services',
  'steps',
];
const STEP_KEYS = [
  'id',
  'if',
  'name',
  'uses',
  'run',
  'shell',
  'with',
  'env',
  'continue-on-error',
  'timeout-minutes',
  'working-directory',
];
const EVENTS = [
  'push',
  'pull_request',
  'pull_request_target',
  'workflow_dispatch',
  'workflow_run',
  'schedule',
];
const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'packages',
  'pages',
  'pull-requests',
  'security-events',
  'statuses',
];
/** `owner/repo@ref` (a major version), or `./` for the action of this checkout. */
const USES = /^(\.\/|[\w.-]+\/[\w.-]+@v\d+)$/;

/** Every string the workflow holds, keys and values. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

/** The events a workflow runs on. */
function eventsOf(workflow: Workflow): string[] {
  if (typeof workflow.on === 'string') return [workflow.on];
  if (Array.isArray(workflow.on)) return workflow.on as string[];
  return Object.keys(workflow.on as object);
}

/** Every way the workflow strays from GitHub's workflow syntax, as text. */
function problemsOf(workflow: Workflow): string[] {
  const problems: string[] = [];
  const unknown = (where: string, value: object, allowed: string[]) => {
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) problems.push(`${where}: unknown key ${key}`);
  };
  unknown('workflow', workflow, WORKFLOW_KEYS);
  for (const event of eventsOf(workflow))
    if (!EVENTS.includes(event)) problems.push(`on: ${event}`);
  for (const [scope, level] of Object.entries(workflow.permissions ?? {})) {
    if (!SCOPES.includes(scope)) problems.push(`permissions: ${scope}`);
    if (!['read', 'write', 'none'].includes(level)) problems.push(`permissions.${scope}: ${level}`);
  }
  if (Object.keys(workflow.jobs ?? {}).length === 0) problems.push('no jobs');
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (!/^[A-Za-z_][\w-]*$/.test(id)) problems.push(`job id ${id}`);
    unknown(`jobs.${id}`, job, JOB_KEYS);
    if (job['runs-on'] === undefined) problems.push(`jobs.${id}: no runs-on`);
    if (!Array.isArray(job.steps) || job.steps.length === 0) problems.push(`jobs.${id}: no steps`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `jobs.${id}.steps[${index}]`;
      unknown(where, step, STEP_KEYS);
      if ((step.uses === undefined) === (step.run === undefined))
        problems.push(`${where}: needs either uses or run`);
      if (step.uses !== undefined && !USES.test(step.uses))
        problems.push(`${where}: uses ${step.uses}`);
      if (step.with !== undefined && step.uses === undefined)
        problems.push(`${where}: with without uses`);
    }
  }
  // Each expression is closed: `${{ … }}`.
  for (const text of strings(workflow))
    if (text.split('${{').length !== text.split('}}').length)
      problems.push(`an expression is not closed: ${text}`);
  return problems;
}

const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((j) => j.steps);

describe('the project’s own workflows', () => {
  it('are the CI and the workload run, each a workflow GitHub runs', () => {
    expect([...workflows.keys()].sort()).toEqual(['ci.yml', 'workload.yml']);
    for (const [name, workflow] of workflows) expect(problemsOf(workflow), name).toEqual([]);
  });

  it('would catch a step GitHub refuses (the check can fail)', () => {
    const broken = structuredClone(workflows.get('ci.yml')!);
    const job = Object.values(broken.jobs)[0];
    const count = job.steps.length;
    job.steps.push({ uses: 'actions/checkout@v6', run: 'true' }, { uses: 'actions/checkout' });
    job.steps.push({ run: 'echo ${{ github.sha }' });
    delete job['runs-on'];
    expect(problemsOf(broken)).toEqual([
      'jobs.ci: no runs-on',
      `jobs.ci.steps[${count}]: needs either uses or run`,
      `jobs.ci.steps[${count + 1}]: uses actions/checkout`,
      'an expression is not closed: echo ${{ github.sha }',
    ]);
  });

  it('check out without leaving the job token in .git/config', () => {
    const checkouts = [...workflows.values()].flatMap((workflow) =>
      steps(workflow).filter((step) => step.uses?.startsWith('actions/checkout@')),
    );
    expect(checkouts).toHaveLength(2);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('run the project’s CI script, .ci/run, on ubuntu-latest', () => {
    const ci = workflows.get('ci.yml')!;
    expect(Object.values(ci.jobs).map((job) => job['runs-on'])).toEqual(['ubuntu-latest']);
    expect(existsSync(join(PROJECT_ROOT, '.ci', 'run'))).toBe(true);
    expect(steps(ci).filter((step) => step.run?.includes('bash .ci/run'))).toHaveLength(1);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('run this checkout’s action on bench/workload, with inputs it declares', () => {
    const workload = workflows.get('workload.yml')!;
    expect(eventsOf(workload)).toEqual(['pull_request']);
    expect(workload.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const [allocdiff, ...others] = steps(workload).filter((step) => step.uses === './');
    expect(others).toEqual([]);
    const inputs = allocdiff.with ?? {};
    for (const input of Object.keys(inputs)) expect(Object.keys(action.inputs)).toContain(input);
    expect(existsSync(join(PROJECT_ROOT, String(inputs.script)))).toBe(true);
    expect(String(inputs.script)).toMatch(/^bench\/workload\//);
    expect(() => parseBudgetRules(String(inputs.budget))).not.toThrow();
    // Base and head must both be in the clone.
    const checkout = steps(workload).find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    // The HTML report is kept, and the comment links the run that keeps it.
    expect(inputs['html-url']).toBe('run');
    const upload = steps(workload).find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    );
    expect(upload?.with?.path).toBe(`\${{ steps.${String(allocdiff.id)}.outputs.html }}`);
  });

  it('keep the HTML report tests’ screenshots as an artifact of CI, also after a failure', () => {
    const ci = workflows.get('ci.yml')!;
    const upload = steps(ci).find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toContain('!cancelled()');
    expect(upload?.with?.path).toBe('.tmp/html-report/');
    expect(readFileSync(join(PROJECT_ROOT, 'test/e2e/html-report.e2e.test.ts'), 'utf8')).toContain(
      "join(PROJECT_ROOT, '.tmp', 'html-report')",
    );
  });
});
