import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  commentMarker
} from "./chunk-WWWJIJJ2.js";
import "./chunk-CNQ5VFUE.js";
import "./chunk-AG4ZHWQW.js";
import {
  apiCall,
  apiError,
  createGitHubClient,
  errorDetail,
  httpStatus,
  listAll
} from "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/publish/sticky-comment.ts
function refused(error) {
  const status = httpStatus(error);
  return status === 401 || status === 403 || status === 404 || error?.name === "GraphqlResponseError";
}
async function tokenLogin(client) {
  try {
    const { viewer } = await client.graphql(
      "query { viewer { login } }"
    );
    if (typeof viewer?.login === "string" && viewer.login !== "") return viewer.login;
  } catch (error) {
    if (!refused(error)) throw apiError("POST /graphql (viewer)", error);
  }
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if (refused(error)) return void 0;
    throw apiError("GET /user", error);
  }
}
async function listOurComments(client, target, marker, login) {
  const author = (comment) => login !== void 0 ? comment.user?.login.toLowerCase() === login.toLowerCase() : comment.user?.type === "Bot";
  const ours = (comment) => (comment.body ?? "").trimStart().startsWith(marker) && author(comment);
  const all = await listAll(
    `GET /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`,
    () => client.paginate.iterator(client.rest.issues.listComments, {
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
async function currentHead(client, target, pullRequest, log) {
  const call = `GET /repos/${target.owner}/${target.repo}/pulls/${pullRequest}`;
  try {
    const { data } = await client.rest.pulls.get({ ...target, pull_number: pullRequest });
    return data.head.sha;
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404) throw apiError(call, error);
    log.info(
      `cannot read pull request #${pullRequest} (HTTP ${status}: ${errorDetail(error)}): commenting without checking that its head is still the one measured`
    );
    return void 0;
  }
}
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
    if (options.headSha !== void 0) {
      const head = await currentHead(client, settings, pullRequest, log);
      if (head !== void 0 && head !== options.headSha) {
        log.info(
          `pull request #${pullRequest} has moved on: its head is ${head.slice(0, 7)} now, this report is for ${options.headSha.slice(0, 7)}. The run for ${head.slice(0, 7)} reports on it: the comment is left as it is.`
        );
        return "superseded";
      }
    }
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
        throw new UsageError(
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
