import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  RunFailure,
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/sides/resolve.ts
var ZERO_SHA = /^0{40}$/;
var SUPPORTED = 'allocdiff runs on pull_request, push, merge_group and workflow_dispatch events (or any event, given the "base" input)';
function planFromEvent(eventName, payload, explicit = {}) {
  const event = payload ?? {};
  const fallbackHead = explicit.head || explicit.defaultHead || "HEAD";
  if (eventName === "pull_request_target") {
    throw new UsageError(
      "refusing to run on pull_request_target: that event runs with a write token and secrets, and allocdiff would execute the pull request's code. Use `on: pull_request` (same-repo PRs), or the fork-safe two-stage setup: `mode: measure` on pull_request and `mode: report` on workflow_run (see the README)."
    );
  }
  if (explicit.base) {
    const pullRequest = event.pull_request?.number;
    return {
      kind: "compare",
      base: explicit.base,
      head: fallbackHead,
      ...pullRequest ? { pullRequest } : {}
    };
  }
  switch (eventName) {
    case "pull_request": {
      if (event.action === "closed") {
        return { kind: "skip", reason: "the pull request was closed: nothing to measure" };
      }
      const base = event.pull_request?.base?.sha;
      const head = event.pull_request?.head?.sha;
      if (!base || !head) {
        throw new UsageError(
          "the pull_request event payload has no pull_request.base.sha / head.sha"
        );
      }
      const pullRequest = event.pull_request?.number ?? event.number;
      return {
        kind: "compare",
        base,
        head: explicit.head || head,
        ...pullRequest ? { pullRequest } : {}
      };
    }
    case "push": {
      if (!event.after || ZERO_SHA.test(event.after)) {
        return { kind: "skip", reason: "the push deleted a branch: nothing to measure" };
      }
      const base = !event.before || ZERO_SHA.test(event.before) ? `${event.after}^` : event.before;
      return { kind: "compare", base, head: explicit.head || event.after };
    }
    case "merge_group": {
      const base = event.merge_group?.base_sha;
      const head = event.merge_group?.head_sha;
      if (!base || !head)
        throw new UsageError("the merge_group event payload has no base_sha / head_sha");
      return { kind: "compare", base, head: explicit.head || head };
    }
    case "workflow_dispatch": {
      const inputs = event.inputs ?? {};
      const base = typeof inputs.base === "string" ? inputs.base : "";
      if (!base) {
        throw new UsageError(
          'on workflow_dispatch, give the commits to compare: the "base" input (e.g. `base: ${{ inputs.base }}`), and optionally "head" (default: the workflow\'s commit)'
        );
      }
      const head = typeof inputs.head === "string" && inputs.head ? inputs.head : fallbackHead;
      return { kind: "compare", base, head };
    }
    default:
      throw new UsageError(
        `allocdiff does not know which commits to compare on a "${eventName}" event; ${SUPPORTED}`
      );
  }
}
async function resolveCommit(git, ref, side) {
  const found = await git.commitOf(ref);
  if (found) return found;
  if (/^[0-9a-f]{40}$/i.test(ref) && await git.tryFetch(ref)) {
    const fetched = await git.commitOf(ref);
    if (fetched) return fetched;
  }
  if (!await git.hasCommits()) {
    throw new RunFailure(
      `the ${side} commit "${ref}" does not exist: the repository ${git.repoDir} has no commits yet. allocdiff compares two commits (or a commit and the working tree on top of HEAD): commit the project first, then compare against that commit.`
    );
  }
  if (ref.endsWith("^")) {
    throw new RunFailure(
      `the ${side} commit "${ref}" does not exist: ${ref.slice(0, -1)} has no parent in this clone (a first commit, or a shallow clone). Check out with \`fetch-depth: 0\`.`
    );
  }
  throw new RunFailure(
    `the ${side} commit "${ref}" is not in this clone (${git.repoDir}). In a workflow, check out with actions/checkout and \`fetch-depth: 0\` so that the base and head commits are both fetched; locally, fetch the branch or check the ref name.`
  );
}

export {
  planFromEvent,
  resolveCommit
};
