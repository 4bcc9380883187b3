// Which commits each event compares, from GitHub's own example payloads.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { retryBaseFromEnv, RETRY_BASE_MS } from '../../src/publish/octokit.js';
import { planFromEvent } from '../../src/sides/resolve.js';
import { examplePayload } from '../support/action-runner.js';

const ZEROS = '0'.repeat(40);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('planFromEvent', () => {
  it('compares a pull request’s base and head, for its number', () => {
    for (const action of ['opened', 'synchronize', 'reopened']) {
      const payload = examplePayload('pull_request', action) as {
        number: number;
        pull_request: { base: { sha: string }; head: { sha: string } };
      };
      expect(planFromEvent('pull_request', payload)).toEqual({
        kind: 'compare',
        base: payload.pull_request.base.sha,
        head: payload.pull_request.head.sha,
        pullRequest: payload.number,
      });
    }
  });

  it('has nothing to do for a closed pull request', () => {
    expect(planFromEvent('pull_request', examplePayload('pull_request', 'closed'))).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('closed') as string,
    });
  });

  it('compares a push with the commit before it, and a new branch with its parent', () => {
    const push = examplePayload('push') as { before: string; after: string };
    push.before = 'a'.repeat(40);
    push.after = 'b'.repeat(40);
    expect(planFromEvent('push', push)).toEqual({
      kind: 'compare',
      base: push.before,
      head: push.after,
    });
    push.before = ZEROS;
    expect(planFromEvent('push', push)).toEqual({
      kind: 'compare',
      base: `${push.after}^`,
      head: push.after,
    });
    push.after = ZEROS;
    expect(planFromEvent('push', push)).toMatchObject({ kind: 'skip' });
  });

  it('compares a merge group’s base and head', () => {
    const payload = examplePayload('merge_group', 'checks_requested') as {
      merge_group: { base_sha: string; head_sha: string };
    };
    expect(planFromEvent('merge_group', payload)).toEqual({
      kind: 'compare',
      base: payload.merge_group.base_sha,
      head: payload.merge_group.head_sha,
    });
  });

  it('takes workflow_dispatch’s base and head inputs, head defaulting to the workflow’s commit', () => {
    const payload = examplePayload('workflow_dispatch') as {
      inputs: Record<string, unknown> | null;
    };
    payload.inputs = { base: 'main' };
    expect(planFromEvent('workflow_dispatch', payload, { defaultHead: 'c'.repeat(40) })).toEqual({
      kind: 'compare',
      base: 'main',
      head: 'c'.repeat(40),
    });
    payload.inputs = { base: 'main', head: 'feature' };
    expect(planFromEvent('workflow_dispatch', payload)).toMatchObject({ head: 'feature' });
    payload.inputs = {};
    expect(refusal(() => planFromEvent('workflow_dispatch', payload))).toContain('"base" input');
  });

  it('lets explicit inputs win on any event', () => {
    const issues = examplePayload('issues', 'opened');
    expect(planFromEvent('issues', issues, { base: 'v1.0', head: 'v1.1' })).toEqual({
      kind: 'compare',
      base: 'v1.0',
      head: 'v1.1',
    });
  });

  it('refuses pull_request_target, even with inputs, and says what to use', () => {
    const payload = examplePayload('pull_request', 'opened');
    const message = refusal(() => planFromEvent('pull_request_target', payload, { base: 'main' }));
    expect(message).toContain('refusing to run on pull_request_target');
    expect(message).toContain('`mode: measure` on pull_request and `mode: report` on workflow_run');
  });

  it('names the supported events for any other', () => {
    const message = refusal(() => planFromEvent('issues', examplePayload('issues', 'opened')));
    expect(message).toContain('"issues" event');
    expect(message).toContain('pull_request, push, merge_group and workflow_dispatch');
  });
});

describe('retryBaseFromEnv', () => {
  it('may only shorten the backoff after server errors', () => {
    expect(retryBaseFromEnv({})).toBe(RETRY_BASE_MS);
    expect(retryBaseFromEnv({ ALLOCDIFF_RETRY_BASE_MS: '10' })).toBe(10);
    expect(retryBaseFromEnv({ ALLOCDIFF_RETRY_BASE_MS: '0' })).toBe(0);
    expect(retryBaseFromEnv({ ALLOCDIFF_RETRY_BASE_MS: '5000' })).toBe(RETRY_BASE_MS);
    for (const junk of ['', '-5', '1e3', '10ms', '99999']) {
      expect(retryBaseFromEnv({ ALLOCDIFF_RETRY_BASE_MS: junk }), junk).toBe(RETRY_BASE_MS);
    }
  });
});
