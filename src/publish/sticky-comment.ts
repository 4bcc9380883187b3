import { apiCall, apiError, httpStatus, listAll, type GitHubClient } from './octokit.js';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface UpsertResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
  /** Duplicates (from runs racing this one) that were removed. */
  removed: number;
}

interface Comment {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string; type?: string } | null;
}

/** The server said no (or does not know the question): not an answer, not a failure. */
function refused(error: unknown): boolean {
  const status = httpStatus(error);
  return (
    status === 401 ||
    status === 403 ||
    status === 404 ||
    (error as { name?: unknown } | undefined)?.name === 'GraphqlResponseError'
  );
}

/**
 * Who writes the comments: the login GraphQL's `viewer` names, which every kind of token may
 * read (a person for a personal token; an app's bot user, such as github-actions[bot] for
 * GITHUB_TOKEN, for an installation token); else the user GET /user names. Undefined when the
 * server answers neither: then bot-authored comments count.
 */
async function tokenLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const { viewer } = await client.graphql<{ viewer?: { login?: unknown } }>(
      'query { viewer { login } }',
    );
    if (typeof viewer?.login === 'string' && viewer.login !== '') return viewer.login;
  } catch (error) {
    if (!refused(error)) throw apiError('POST /graphql (viewer)', error);
  }
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if (refused(error)) return undefined;
    throw apiError('GET /user', error);
  }
}

/**
 * The comments that start with the marker and were written by `login` (or, without one, by a
 * bot), oldest first. Another account's comment is never ours, nor one that quotes the marker.
 */
async function listOurComments(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  login: string | undefined,
): Promise<Comment[]> {
  const author = (comment: Comment): boolean =>
    login !== undefined
      ? comment.user?.login.toLowerCase() === login.toLowerCase()
      : comment.user?.type === 'Bot';
  const ours = (comment: Comment): boolean =>
    (comment.body ?? '').trimStart().startsWith(marker) && author(comment);
  const all = await listAll(
    `GET /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`,
    () =>
      client.paginate.iterator(client.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        per_page: 100,
      }),
  );
  return all.filter(ours).sort((a, b) => a.id - b.id);
}

/**
 * The sticky comment for the marker, if this token's author (as `upsertStickyComment` counts
 * them) wrote one: for comment policies that only update a comment that is already there.
 */
export async function findStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
): Promise<{ id: number; url: string } | undefined> {
  const [existing] = await listOurComments(client, target, marker, await tokenLogin(client));
  return existing ? { id: existing.id, url: existing.html_url } : undefined;
}

/**
 * Keeps exactly one comment per marker on the pull request.
 * - Only comments by this token's author that start with the marker count: a person or another
 *   bot that quotes or pastes the marker is never edited.
 * - The first such comment (across all pages) is updated; without one, a comment is created.
 * - Runs racing on the same PR may both create one: after creating, the list is read again, the
 *   oldest is kept with this run's body and the others are deleted.
 * - A comment deleted in between is created again.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<UpsertResult> {
  const where = `/repos/${target.owner}/${target.repo}`;
  let login = await tokenLogin(client);
  const listOurs = (): Promise<Comment[]> => listOurComments(client, target, marker, login);
  const update = (id: number) =>
    apiCall(`PATCH ${where}/issues/comments/${id}`, () =>
      client.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: id,
        body,
      }),
    );

  const [existing] = await listOurs();
  if (existing) {
    try {
      const { data } = await update(existing.id);
      return { action: 'updated', id: data.id, url: data.html_url, removed: 0 };
    } catch (error) {
      // Deleted since it was listed: make a new one.
      if (httpStatus(error) !== 404) throw error;
    }
  }

  const { data: created } = await apiCall(
    `POST ${where}/issues/${target.issueNumber}/comments`,
    () =>
      client.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        body,
      }),
  );
  login ??= created.user?.login;

  const all = await listOurs();
  const keep = all[0] ?? created;
  let removed = 0;
  for (const duplicate of all.slice(1)) {
    try {
      await apiCall(`DELETE ${where}/issues/comments/${duplicate.id}`, () =>
        client.rest.issues.deleteComment({
          owner: target.owner,
          repo: target.repo,
          comment_id: duplicate.id,
        }),
      );
      removed += 1;
    } catch (error) {
      // The racing run removed it first.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (keep.id !== created.id) {
    const { data } = await update(keep.id);
    return { action: 'updated', id: data.id, url: data.html_url, removed };
  }
  return { action: 'created', id: created.id, url: created.html_url, removed };
}
