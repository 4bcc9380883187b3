import { RunFailure, UsageError } from '../errors.js';
import type { Git } from './git.js';

/** Base and head as refs or SHAs, before they are checked against the clone. */
export interface SideRefs {
  base: string;
  head: string;
}

const ZERO_SHA = /^0{40}$/;

interface EventPayload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  before?: string;
  after?: string;
}

/** Base and head of a workflow event: the PR's two tips, or a push's before and after. */
export function sidesFromEvent(eventName: string, payload: unknown): SideRefs {
  const event = (payload ?? {}) as EventPayload;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = event.pull_request?.base?.sha;
    const head = event.pull_request?.head?.sha;
    if (!base || !head) {
      throw new UsageError(
        `the ${eventName} event payload has no pull_request.base.sha / head.sha`,
      );
    }
    return { base, head };
  }
  if (eventName === 'push') {
    if (!event.after) throw new UsageError('the push event payload has no "after" commit');
    // A new branch has no "before": compare against the pushed commit's parent.
    const base = !event.before || ZERO_SHA.test(event.before) ? `${event.after}^` : event.before;
    return { base, head: event.after };
  }
  throw new UsageError(
    `allocdiff does not know which commits to compare on a "${eventName}" event; ` +
      'it runs on pull_request and push, or give the "base" (and optionally "head") inputs',
  );
}

/** Turns refs into commit SHAs, fetching a missing commit once before giving up. */
export async function resolveCommit(git: Git, ref: string, side: 'base' | 'head'): Promise<string> {
  const found = await git.commitOf(ref);
  if (found) return found;
  if (/^[0-9a-f]{40}$/i.test(ref) && (await git.tryFetch(ref))) {
    const fetched = await git.commitOf(ref);
    if (fetched) return fetched;
  }
  throw new RunFailure(
    `the ${side} commit "${ref}" is not in this clone (${git.repoDir}). ` +
      'In a workflow, check out with actions/checkout and `fetch-depth: 0` so that the base and ' +
      'head commits are both fetched; locally, fetch the branch or check the ref name.',
  );
}
