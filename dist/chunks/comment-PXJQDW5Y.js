import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  GitHubApiError,
  apiCall,
  createGitHubClient,
  errorDetail,
  httpStatus
} from "./chunk-4ELTTQYH.js";
import {
  commentMarker
} from "./chunk-J2J2AYJ2.js";
import "./chunk-TO6ZUV73.js";
import "./chunk-4243Q66V.js";
import "./chunk-LIVUQ6E7.js";

// src/publish/sticky-comment.ts
async function tokenLogin(client) {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404 || status === 401) return void 0;
    throw new GitHubApiError("GET /user", status, errorDetail(error));
  }
}
async function listOurComments(client, target, marker, login) {
  const ours = (comment) => (comment.body ?? "").includes(marker) && (login !== void 0 ? comment.user?.login === login : comment.user?.type === "Bot");
  const all = await apiCall(
    `GET /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`,
    () => client.paginate(client.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100
    })
  );
  return all.filter(ours).sort((a, b) => a.id - b.id);
}
async function findStickyComment(client, target, marker) {
  const [existing] = await listOurComments(client, target, marker, await tokenLogin(client));
  return existing ? { id: existing.id, url: existing.html_url } : void 0;
}
async function upsertStickyComment(client, target, marker, body) {
  const where = `/repos/${target.owner}/${target.repo}`;
  let login = await tokenLogin(client);
  const listOurs = () => listOurComments(client, target, marker, login);
  const update = (id) => apiCall(
    `PATCH ${where}/issues/comments/${id}`,
    () => client.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: id,
      body
    })
  );
  const [existing] = await listOurs();
  if (existing) {
    try {
      const { data } = await update(existing.id);
      return { action: "updated", id: data.id, url: data.html_url, removed: 0 };
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  const { data: created } = await apiCall(
    `POST ${where}/issues/${target.issueNumber}/comments`,
    () => client.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body
    })
  );
  login ??= created.user?.login;
  const all = await listOurs();
  const keep = all[0] ?? created;
  let removed = 0;
  for (const duplicate of all.slice(1)) {
    try {
      await apiCall(
        `DELETE ${where}/issues/comments/${duplicate.id}`,
        () => client.rest.issues.deleteComment({
          owner: target.owner,
          repo: target.repo,
          comment_id: duplicate.id
        })
      );
      removed += 1;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (keep.id !== created.id) {
    const { data } = await update(keep.id);
    return { action: "updated", id: data.id, url: data.html_url, removed };
  }
  return { action: "created", id: created.id, url: created.html_url, removed };
}

// src/publish/comment.ts
async function publishComment(settings, pullRequest, markdown, log, options = {}) {
  if (!settings.token) {
    log.warning("no github-token: the report is in the job summary only");
    return "no-token";
  }
  const client = createGitHubClient(settings.token, settings.apiUrl, {
    onRetry: (m) => log.info(m)
  });
  const target = { owner: settings.owner, repo: settings.repo, issueNumber: pullRequest };
  const marker = commentMarker(settings.key);
  try {
    if (options.onlyIfExists && !await findStickyComment(client, target, marker)) {
      log.info("nothing to report and no earlier comment to bring up to date");
      return "not-needed";
    }
    const result = await upsertStickyComment(client, target, marker, markdown);
    log.info(`${result.action} comment ${result.url}`);
    if (result.removed > 0)
      log.info(`removed ${result.removed} duplicate comment(s) left by a concurrent run`);
    return result.action;
  } catch (error) {
    if (httpStatus(error) === 403 && !/rate limit/i.test(errorDetail(error))) {
      if (options.forbiddenIsError) {
        throw new Error(
          `cannot comment on pull request #${pullRequest}: ${errorDetail(error)}. Give the workflow \`permissions: pull-requests: write\` (and \`actions: read\` for the artifact).`,
          { cause: error }
        );
      }
      log.warning(
        `cannot comment on pull request #${pullRequest} (${errorDetail(error)}): the token is read-only, as on pull requests from forks. The report is in the job summary; for a comment on fork PRs use the two-stage setup (mode: measure + mode: report) from the README.`
      );
      return "forbidden";
    }
    throw error;
  }
}
export {
  publishComment
};
