import { listAll, type GitHubClient } from './octokit.js';

/**
 * The labels a pull request has now, from the API: an event's payload lists those it had when
 * the event was sent, which a later label change has made stale.
 */
export async function pullRequestLabels(
  client: GitHubClient,
  target: { owner: string; repo: string },
  pullRequest: number,
): Promise<string[]> {
  const labels = await listAll(
    `GET /repos/${target.owner}/${target.repo}/issues/${pullRequest}/labels`,
    () =>
      client.paginate.iterator(client.rest.issues.listLabelsOnIssue, {
        owner: target.owner,
        repo: target.repo,
        issue_number: pullRequest,
        per_page: 100,
      }),
  );
  return labels.map((label) => label.name);
}
