// An in-memory stand-in for the slice of the GitHub REST API that allocdiff needs: a sticky PR
// comment (list / create / get / update / delete issue comments), who the token is (GET /user,
// and GraphQL's `viewer`), a pull request's current head (GET a pull request), and the fork-safe
// report mode (list pull requests, list a run's artifacts, download one through a redirect to a
// short-lived blob URL). It speaks real HTTP on loopback so the code under test runs its genuine
// Octokit client (auth, pagination, redirects, error handling, timeouts) unchanged.
// REST shapes follow GitHub's OpenAPI description; test/github-api-double.test.ts checks that
// claim. GraphQL is not in that description: only `viewer`'s identity fields are served.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strToU8, zipSync } from 'fflate';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** A route as GitHub's OpenAPI description names it: lower-case method + path template. */
export interface RouteTemplate {
  method: HttpMethod;
  path: string;
}

export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';

/** GitHub's `simple-user` schema. */
export interface SimpleUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: string;
  user_view_type: string;
  site_admin: boolean;
}

/** GitHub's `private-user` schema: what GET /user returns to a user token. */
export interface PrivateUser extends SimpleUser {
  name: string | null;
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  notification_email: string | null;
  hireable: boolean | null;
  bio: string | null;
  twitter_username: string | null;
  public_repos: number;
  public_gists: number;
  followers: number;
  following: number;
  created_at: string;
  updated_at: string;
  private_gists: number;
  total_private_repos: number;
  owned_private_repos: number;
  disk_usage: number;
  collaborators: number;
  two_factor_authentication: boolean;
  plan: { name: string; space: number; collaborators: number; private_repos: number };
}

/** GitHub's `issue-comment` schema (default media type, so no body_text / body_html). */
export interface IssueComment {
  url: string;
  html_url: string;
  issue_url: string;
  id: number;
  node_id: string;
  user: SimpleUser | null;
  created_at: string;
  updated_at: string;
  author_association: AuthorAssociation;
  body: string;
  reactions: Record<string, string | number>;
  performed_via_github_app: null;
}

/** GitHub's `repository` schema, as it appears in a pull request's `head.repo` / `base.repo`. */
export interface Repository {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  private: boolean;
  owner: SimpleUser;
  html_url: string;
  description: string | null;
  fork: boolean;
  url: string;
  forks_url: string;
  keys_url: string;
  collaborators_url: string;
  teams_url: string;
  hooks_url: string;
  issue_events_url: string;
  events_url: string;
  assignees_url: string;
  branches_url: string;
  tags_url: string;
  blobs_url: string;
  git_tags_url: string;
  git_refs_url: string;
  trees_url: string;
  statuses_url: string;
  languages_url: string;
  stargazers_url: string;
  contributors_url: string;
  subscribers_url: string;
  subscription_url: string;
  commits_url: string;
  git_commits_url: string;
  comments_url: string;
  issue_comment_url: string;
  contents_url: string;
  compare_url: string;
  merges_url: string;
  archive_url: string;
  downloads_url: string;
  issues_url: string;
  pulls_url: string;
  milestones_url: string;
  notifications_url: string;
  labels_url: string;
  releases_url: string;
  deployments_url: string;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  git_url: string;
  ssh_url: string;
  clone_url: string;
  svn_url: string;
  homepage: string | null;
  size: number;
  stargazers_count: number;
  watchers_count: number;
  language: string | null;
  has_issues: boolean;
  has_projects: boolean;
  has_downloads: boolean;
  has_wiki: boolean;
  has_pages: boolean;
  has_discussions: boolean;
  forks_count: number;
  mirror_url: string | null;
  archived: boolean;
  disabled: boolean;
  open_issues_count: number;
  license: { key: string; name: string; spdx_id: string; url: string; node_id: string } | null;
  allow_forking: boolean;
  is_template: boolean;
  web_commit_signoff_required: boolean;
  topics: string[];
  visibility: string;
  forks: number;
  open_issues: number;
  watchers: number;
  default_branch: string;
}

/** One end (`head` or `base`) of a pull request. */
export interface PullRequestRef {
  label: string;
  ref: string;
  sha: string;
  user: SimpleUser;
  repo: Repository;
}

/** GitHub's `pull-request-simple` schema: an item of GET /repos/{owner}/{repo}/pulls. */
export interface PullRequestSimple {
  url: string;
  id: number;
  node_id: string;
  html_url: string;
  diff_url: string;
  patch_url: string;
  issue_url: string;
  commits_url: string;
  review_comments_url: string;
  review_comment_url: string;
  comments_url: string;
  statuses_url: string;
  number: number;
  state: 'open' | 'closed';
  locked: boolean;
  title: string;
  user: SimpleUser;
  body: string | null;
  labels: never[];
  milestone: null;
  active_lock_reason: null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  assignee: null;
  assignees: SimpleUser[];
  requested_reviewers: SimpleUser[];
  requested_teams: never[];
  head: PullRequestRef;
  base: PullRequestRef;
  _links: Record<
    | 'self'
    | 'html'
    | 'issue'
    | 'comments'
    | 'review_comments'
    | 'review_comment'
    | 'commits'
    | 'statuses',
    { href: string }
  >;
  author_association: AuthorAssociation;
  auto_merge: null;
  draft: boolean;
}

/** GitHub's `pull-request` schema: GET /repos/{owner}/{repo}/pulls/{pull_number}. */
export interface PullRequest extends PullRequestSimple {
  merged: boolean;
  mergeable: boolean | null;
  rebaseable: boolean | null;
  mergeable_state: string;
  merged_by: SimpleUser | null;
  comments: number;
  review_comments: number;
  maintainer_can_modify: boolean;
  commits: number;
  additions: number;
  deletions: number;
  changed_files: number;
}

/** GitHub's `artifact` schema. */
export interface Artifact {
  id: number;
  node_id: string;
  name: string;
  size_in_bytes: number;
  url: string;
  archive_download_url: string;
  expired: boolean;
  created_at: string;
  expires_at: string;
  updated_at: string;
  digest: string;
  workflow_run: {
    id: number;
    repository_id: number;
    head_repository_id: number;
    head_branch: string;
    head_sha: string;
  };
}

/** Who wrote a seeded comment. `type` defaults to 'User', `association` to 'NONE'. */
export interface CommentAuthor {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
  association?: AuthorAssociation;
}

export interface PullRequestSeed {
  number: number;
  /** 40 lower-case hex digits. */
  headSha: string;
  /** Branch name without refs/heads/. */
  headRef: string;
  /** Where the head branch lives; another owner (or name) makes it a fork. Defaults to the
   * double's repository. */
  headRepo?: { owner: string; repo: string };
  baseRef: string;
  baseSha: string;
  /** Defaults to 'open'. */
  state?: 'open' | 'closed';
  title?: string;
  body?: string | null;
  /** Defaults to the head repository's owner, as CONTRIBUTOR for a fork and MEMBER otherwise. */
  author?: CommentAuthor;
  draft?: boolean;
}

export interface ArtifactSeedOptions {
  /** An expired artifact is still listed (`expired: true`) but downloading it answers 410. */
  expired?: boolean;
  /** The run that uploaded it. Defaults to branch main of the double's repository. */
  workflowRun?: { headSha: string; headBranch: string; headRepositoryId: number };
}

export interface LoggedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string including the leading '?', or ''. */
  query: string;
  /** 0 when the request was never answered (a stall before the headers). */
  status: number;
  /** True when an injected fault answered instead of the normal handler. */
  injected: boolean;
  /** Set when an injected stall left the request unanswered, or its body unfinished. */
  stalled?: 'headers' | 'body';
}

export interface FaultMatch {
  /** Any case; omitted means every method. */
  method?: string;
  /** A string must equal the request path (no query); a RegExp is tested against it. */
  path: string | RegExp;
}

export interface FaultResponse {
  status: number;
  /** Serialized as JSON; omitted means GitHub's error shape for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A server that stops answering. `headers`: the request is read and never answered. `body`: the
 * normal answer's status, headers (with the full content-length) and the first half of its body
 * are sent, and then nothing. Either way the connection stays open until the client gives up or
 * the double is closed.
 */
export interface StallResponse {
  stall: 'headers' | 'body';
}

export interface Fault {
  /** How many more matching requests this fault will answer. */
  readonly remaining: number;
}

export interface HoldOptions {
  /**
   * How long after the first matching request to wait for the others. When it runs out the
   * held requests go on anyway and `released` rejects, so a test that expected more concurrency
   * than it got fails with a message instead of hanging. Default 10 000.
   */
  timeoutMs?: number;
}

export interface HeldRequests {
  /** How many matching requests have arrived (and been held) so far. */
  readonly arrived: number;
  /**
   * Resolves once `count` matching requests have arrived and were released together (they are
   * then handled in arrival order, before anything else can happen); rejects on timeout.
   */
  readonly released: Promise<void>;
}

export interface GitHubApiDouble {
  /** Base URL to hand to Octokit (`baseUrl`), e.g. http://127.0.0.1:41234 — no trailing slash. */
  url: string;
  owner: string;
  repo: string;
  /** The user that requests authenticated with `token` act as. */
  user: SimpleUser;
  tokenKind: TokenKind;
  /** Comments currently on an issue, as the API would render them, in id order. */
  commentsOn(owner: string, repo: string, issueNumber: number): IssueComment[];
  seedComment(
    owner: string,
    repo: string,
    issueNumber: number,
    body: string,
    author?: CommentAuthor,
  ): IssueComment;
  /** The labels an issue or pull request has from now on (GET .../issues/{n}/labels). */
  setLabels(issueNumber: number, names: readonly string[]): void;
  /** A pull request into the double's repository, rendered as GET .../pulls lists it. */
  seedPullRequest(seed: PullRequestSeed): PullRequestSimple;
  /** A push to a pull request's head branch: its head is now `headSha`. */
  pushToPullRequest(number: number, headSha: string): PullRequestSimple;
  /**
   * A repository as pull requests render it (e.g. for its `id`, which a workflow_run payload's
   * head_repository must carry). Any other than the double's own is a fork of it, registered on
   * first use.
   */
  repository(owner: string, repo: string): Repository;
  /** An artifact of a workflow run in the double's repository: `files` zipped with fflate. */
  seedArtifact(
    runId: number,
    name: string,
    files: Record<string, string | Uint8Array>,
    options?: ArtifactSeedOptions,
  ): Artifact;
  /** Every request answered (blob downloads included), in the order answered. */
  requests: LoggedRequest[];
  injectFault(match: FaultMatch, response: FaultResponse | StallResponse, times?: number): Fault;
  /**
   * Holds the first `count` requests matching `match` unanswered until `count` of them have
   * arrived, then lets them all go at once: two concurrent clients both get past this point
   * before either gets further. Held requests then meet faults and handlers as usual.
   */
  holdRequests(match: FaultMatch, count: number, options?: HoldOptions): HeldRequests;
  /**
   * The Actions cache service (v2, as @actions/cache speaks it: twirp JSON at ACTIONS_RESULTS_URL,
   * which is this double's `url`, and archives uploaded to and downloaded from signed blob URLs).
   * A runtime token for a job of `ref` (`refs/heads/main`, `refs/pull/7/merge`): its job writes
   * entries in that ref's scope and reads its own scope's, then the default branch's, as
   * GitHub's cache does.
   */
  cacheToken(ref: string): string;
  /** Every cache entry, in the order created: its scope, key, version and archive. */
  cacheEntries(): CacheEntry[];
  close(): Promise<void>;
}

/** An entry of the Actions cache service. */
export interface CacheEntry {
  scope: string;
  key: string;
  version: string;
  /** The uploaded archive (empty until uploaded); a test may replace it. */
  data: Buffer;
  finalized: boolean;
}

/**
 * 'installation': an installation access token such as GITHUB_TOKEN, acting as a bot.
 * 'user': a personal access token (or user-to-server token), acting as a person.
 */
export type TokenKind = 'installation' | 'user';

export interface GitHubApiOptions {
  token: string;
  owner?: string;
  repo?: string;
  /** Default 'installation'. Decides what GET /user answers. */
  tokenKind?: TokenKind;
  /**
   * Defaults to github-actions[bot] (the author of comments made with GITHUB_TOKEN) for an
   * installation token, and to a person, DEFAULT_TOKEN_USER, for a user token.
   */
  user?: { login: string; id: number };
  /** Delay before every request (blob downloads included) is handled, in milliseconds. */
  latencyMs?: number;
}

/** GitHub's hard limit on comment bodies; long allocation tables can hit it. */
export const MAX_COMMENT_LENGTH = 65536;

/** Who a user token acts as when `user` is not given. */
export const DEFAULT_TOKEN_USER = { login: 'allocdiff-tester', id: 101_000_001 };

/** How long an artifact's redirect URL works, like GitHub's ("expires after 1 minute"). */
export const BLOB_URL_TTL_MS = 60_000;

/** Where artifact downloads redirect to. Not a REST route: no auth, not in `servedRoutes`. */
export const BLOB_PATH_PREFIX = '/_blobs/';

/** GitHub's GraphQL endpoint (POST, authenticated). Not a REST route: not in `servedRoutes`. */
export const GRAPHQL_PATH = '/graphql';

// The real github-actions[bot] identity, so code that recognises "its own" comment by login/id
// is tested against the values it will meet in production.
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 };
const WEB = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';
const DAY_MS = 86_400_000;
// GitHub keeps artifacts 90 days unless a repository or upload says otherwise.
const ARTIFACT_RETENTION_MS = 90 * DAY_MS;

interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: SimpleUser;
  association: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
}

interface StoredRepo {
  id: number;
  owner: SimpleUser;
  name: string;
  createdAt: string;
  pushedAt: string;
}

interface StoredPull {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  author: SimpleUser;
  association: AuthorAssociation;
  head: { ref: string; sha: string; repo: StoredRepo };
  base: { ref: string; sha: string };
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

interface StoredArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Uint8Array;
  digest: string;
  expired: boolean;
  createdAt: string;
  expiresAt: string;
  workflowRun: { headSha: string; headBranch: string; headRepositoryId: number };
}

interface State {
  base: string;
  owner: string;
  repo: string;
  self: SimpleUser;
  tokenKind: TokenKind;
  comments: Map<number, StoredComment>;
  /** Issue (and pull request) numbers → the names of their labels, in the order added. */
  labels: Map<number, string[]>;
  nextId: number;
  lastTick: number;
  /** Account logins (lower-case) → the user they render as, so one login keeps one id. */
  accounts: Map<string, SimpleUser>;
  nextAccountId: number;
  /** Lower-case full names → repositories; the first is the double's own. */
  repos: Map<string, StoredRepo>;
  nextRepoId: number;
  pulls: Map<number, StoredPull>;
  artifacts: Map<number, StoredArtifact>;
  nextArtifactId: number;
  /** Blob tokens → what they download, until when. */
  blobs: Map<string, { data: Uint8Array; expiresAt: number }>;
}

interface Call {
  state: State;
  /** Request path without query, for building Link URLs. */
  path: string;
  /** The route's documentation link, which GitHub puts in its error bodies. */
  docs: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface Reply {
  status: number;
  /** An injected stall: answer nothing, or only part of the body. */
  stall?: 'headers' | 'body';
  /** Serialized as JSON, except for 204, 302 and 304, which have no body. */
  body?: unknown;
  /** A non-JSON body, sent as is. */
  bytes?: { data: Uint8Array; type: string };
  headers?: Record<string, string>;
  injected?: boolean;
}

interface Route extends RouteTemplate {
  docs: string;
  handle(call: Call): Reply;
}

const COMMENTS_DOCS = `${DOCS}/issues/comments`;
const ARTIFACTS_DOCS = `${DOCS}/actions/artifacts`;

// One table drives both routing and the exported `servedRoutes`, so the conformance test checks
// exactly what the server does.
const ROUTES: Route[] = [
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    docs: `${COMMENTS_DOCS}#list-issue-comments`,
    handle: listComments,
  },
  {
    method: 'post',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    docs: `${COMMENTS_DOCS}#create-an-issue-comment`,
    handle: ({ state, docs, params, body }) => {
      const issue = positiveInt(params.issue_number);
      if (issue === undefined) return notFound(docs);
      const invalid = invalidCommentBody(body, docs);
      if (invalid) return invalid;
      const text = (body as { body: string }).body;
      return { status: 201, body: render(state, addComment(state, issue, text, state.self)) };
    },
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    docs: `${COMMENTS_DOCS}#get-an-issue-comment`,
    handle: ({ state, docs, params }) => {
      const comment = findComment(state, params.comment_id);
      return comment ? { status: 200, body: render(state, comment) } : notFound(docs);
    },
  },
  {
    method: 'patch',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    docs: `${COMMENTS_DOCS}#update-an-issue-comment`,
    handle: ({ state, docs, params, body }) => {
      const comment = findComment(state, params.comment_id);
      if (!comment) return notFound(docs);
      const invalid = invalidCommentBody(body, docs);
      if (invalid) return invalid;
      comment.body = (body as { body: string }).body;
      comment.updatedAt = tick(state);
      return { status: 200, body: render(state, comment) };
    },
  },
  {
    method: 'delete',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    docs: `${COMMENTS_DOCS}#delete-an-issue-comment`,
    handle: ({ state, docs, params }) => {
      const comment = findComment(state, params.comment_id);
      if (!comment) return notFound(docs);
      state.comments.delete(comment.id);
      return { status: 204 };
    },
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    docs: `${DOCS}/issues/labels#list-labels-for-an-issue`,
    handle: (call) => {
      const issue = positiveInt(call.params.issue_number);
      if (issue === undefined) return notFound(call.docs);
      const names = call.state.labels.get(issue) ?? [];
      const { items, headers } = paginate(call, names);
      return { status: 200, body: items.map((label) => renderLabel(call.state, label)), headers };
    },
  },
  {
    method: 'get',
    path: '/user',
    docs: `${DOCS}/users/users#get-the-authenticated-user`,
    handle: ({ state, docs }) => {
      // An installation token acts as an app, not as a user: GitHub refuses rather than 404s.
      if (state.tokenKind === 'installation') {
        const message = 'Resource not accessible by integration';
        return { status: 403, body: { message, documentation_url: docs, status: '403' } };
      }
      return { status: 200, body: privateUser(state.self) };
    },
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/pulls',
    docs: `${DOCS}/pulls/pulls#list-pull-requests`,
    handle: listPulls,
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}',
    docs: `${DOCS}/pulls/pulls#get-a-pull-request`,
    handle: ({ state, docs, params }) => {
      const number = positiveInt(params.pull_number);
      const pull = number === undefined ? undefined : state.pulls.get(number);
      return pull ? { status: 200, body: renderFullPull(state, pull) } : notFound(docs);
    },
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
    docs: `${ARTIFACTS_DOCS}#list-workflow-run-artifacts`,
    handle: listArtifacts,
  },
  {
    method: 'get',
    path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    docs: `${ARTIFACTS_DOCS}#download-an-artifact`,
    handle: ({ state, docs, params }) => {
      const id = positiveInt(params.artifact_id);
      const artifact = id === undefined ? undefined : state.artifacts.get(id);
      // "The :archive_format must be zip"; anything else is an unknown route to GitHub.
      if (!artifact || params.archive_format !== 'zip') return notFound(docs);
      if (artifact.expired) {
        const body = { message: 'Artifact has expired', documentation_url: docs, status: '410' };
        return { status: 410, body };
      }
      // Like GitHub's signed storage URLs: unguessable, no credentials needed, short-lived.
      const token = randomBytes(16).toString('hex');
      state.blobs.set(token, { data: artifact.zip, expiresAt: Date.now() + BLOB_URL_TTL_MS });
      return { status: 302, headers: { location: `${state.base}${BLOB_PATH_PREFIX}${token}.zip` } };
    },
  },
];

/** A label as the issues API renders it; its id stays the same for its name. */
function renderLabel(state: State, name: string) {
  const id = Number.parseInt(sha1(`label:${name}`).slice(0, 10), 16);
  return {
    id,
    node_id: `LA_${Buffer.from(`Label:${id}`).toString('base64url')}`,
    url: `${state.base}/repos/${state.owner}/${state.repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export const servedRoutes: readonly RouteTemplate[] = ROUTES.map(({ method, path }) => ({
  method,
  path,
}));

// GitHub silently falls back to defaults for junk values and caps per_page at 100.
function paginate<T>({ state, path, query }: Call, all: T[]) {
  const perPage = Math.min(positiveInt(query.get('per_page') ?? '') ?? 30, 100);
  const page = positiveInt(query.get('page') ?? '') ?? 1;
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {};
  const link = linkHeader(`${state.base}${path}`, query, page, last);
  if (link) headers.link = link;
  return { items, headers };
}

function listComments(call: Call): Reply {
  const { state, docs, params, query } = call;
  // Issues are not modelled: every issue number exists, and has no comments until some are made.
  const issue = positiveInt(params.issue_number);
  if (issue === undefined) return notFound(docs);
  const since = Date.parse(query.get('since') ?? '');
  const all = issueComments(state, issue).filter(
    (c) => Number.isNaN(since) || Date.parse(c.updatedAt) >= since,
  );
  const { items, headers } = paginate(call, all);
  return { status: 200, body: items.map((c) => render(state, c)), headers };
}

const PULL_STATES = ['open', 'closed', 'all'];
const PULL_SORTS = ['created', 'updated', 'popularity', 'long-running'];
const DIRECTIONS = ['asc', 'desc'];

function listPulls(call: Call): Reply {
  const { state, docs, query } = call;
  const sort = query.get('sort') ?? 'created';
  const wanted = {
    state: query.get('state') ?? 'open',
    sort,
    direction: query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc'),
  };
  const allowed = { state: PULL_STATES, sort: PULL_SORTS, direction: DIRECTIONS };
  for (const field of ['state', 'sort', 'direction'] as const) {
    const value = wanted[field];
    if (allowed[field].includes(value)) continue;
    const errors = [{ value, resource: 'PullRequest', field, code: 'invalid' }];
    const body = { message: 'Validation Failed', errors, documentation_url: docs, status: '422' };
    return { status: 422, body };
  }
  // `head` is `user:ref-name` (the head repository's owner); without the owner GitHub ignores it.
  const head = query.get('head');
  const colon = head?.indexOf(':') ?? -1;
  const headOwner = colon >= 0 ? head!.slice(0, colon).toLowerCase() : undefined;
  const headRef = colon >= 0 ? head!.slice(colon + 1) : undefined;
  const baseRef = query.get('base');
  const now = Date.now();
  const comments = (p: StoredPull) => issueComments(state, p.number).length;
  const sortKey: Record<string, (p: StoredPull) => number> = {
    created: (p) => Date.parse(p.createdAt),
    updated: (p) => Date.parse(p.updatedAt),
    popularity: comments,
    'long-running': (p) => Date.parse(p.createdAt),
  };
  const key = sortKey[sort]!;
  const sign = wanted.direction === 'asc' ? 1 : -1;
  const all = [...state.pulls.values()]
    .filter(
      (p) =>
        (wanted.state === 'all' || p.state === wanted.state) &&
        (headOwner === undefined ||
          (p.head.repo.owner.login.toLowerCase() === headOwner && p.head.ref === headRef)) &&
        (baseRef === null || p.base.ref === baseRef) &&
        // "open for more than a month and have had activity within the past month"
        (sort !== 'long-running' ||
          (p.state === 'open' &&
            now - Date.parse(p.createdAt) > 30 * DAY_MS &&
            now - Date.parse(p.updatedAt) < 30 * DAY_MS)),
    )
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  const { items, headers } = paginate(call, all);
  return { status: 200, body: items.map((p) => renderPull(state, p)), headers };
}

function listArtifacts(call: Call): Reply {
  const { state, docs, params, query } = call;
  // Runs are not modelled: every run id exists, and has the artifacts seeded for it.
  const runId = positiveInt(params.run_id);
  if (runId === undefined) return notFound(docs);
  const name = query.get('name');
  const sign = query.get('direction') === 'asc' ? 1 : -1;
  const all = [...state.artifacts.values()]
    .filter((a) => a.runId === runId && (name === null || a.name === name))
    .sort((a, b) => sign * (a.id - b.id));
  const { items, headers } = paginate(call, all);
  const body = { total_count: all.length, artifacts: items.map((a) => renderArtifact(state, a)) };
  return { status: 200, body, headers };
}

// GitHub's format: `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"`,
// absolute URLs that keep the caller's other query parameters. A single page gets no header.
function linkHeader(pageUrl: string, query: URLSearchParams, page: number, last: number) {
  if (last === 1 && page === 1) return undefined;
  const at = (p: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `<${pageUrl}?${q}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(at(page - 1, 'prev'));
  if (page < last) parts.push(at(page + 1, 'next'), at(last, 'last'));
  if (page > 1) parts.push(at(1, 'first'));
  return parts.join(', ');
}

function invalidCommentBody(body: unknown, docs: string): Reply | undefined {
  const invalid = (message: string, errors?: unknown[]): Reply => ({
    status: 422,
    body: { message, ...(errors ? { errors } : {}), documentation_url: docs, status: '422' },
  });
  // GitHub first checks the payload against the operation's JSON schema...
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('body' in body)) {
    return invalid('Invalid request.\n\n"body" wasn\'t supplied.');
  }
  const text = (body as { body: unknown }).body;
  if (typeof text !== 'string') {
    return invalid(
      `Invalid request.\n\nFor 'properties/body', ${JSON.stringify(text)} is not a string.`,
    );
  }
  // ...then the model validations, reported as resource errors.
  const modelError = (message: string) =>
    invalid('Validation Failed', [
      { resource: 'IssueComment', code: 'unprocessable', field: 'data', message },
    ]);
  if (text.trim() === '') return modelError('Body cannot be blank');
  // The message says "characters"; count code points rather than UTF-16 units.
  if ([...text].length > MAX_COMMENT_LENGTH) {
    return modelError(`Body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`);
  }
  return undefined;
}

function notFound(docs = DOCS): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: docs, status: '404' } };
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function findComment(state: State, rawId: string | undefined): StoredComment | undefined {
  const id = positiveInt(rawId);
  return id === undefined ? undefined : state.comments.get(id);
}

function issueComments(state: State, issue: number): StoredComment[] {
  // Map iteration order is insertion order, which is id order because ids only grow.
  return [...state.comments.values()].filter((c) => c.issueNumber === issue);
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// GitHub timestamps have one-second resolution, so an edit made in the same second as the
// create would not visibly change updated_at. Each write therefore gets a strictly later second.
function tick(state: State): string {
  state.lastTick = Math.max(Math.floor(Date.now() / 1000) * 1000, state.lastTick + 1000);
  return isoSeconds(state.lastTick);
}

function addComment(
  state: State,
  issueNumber: number,
  body: string,
  author: SimpleUser,
  association: AuthorAssociation = 'NONE',
): StoredComment {
  const now = tick(state);
  const comment: StoredComment = {
    id: state.nextId++,
    issueNumber,
    body,
    author,
    association,
    createdAt: now,
    updatedAt: now,
  };
  state.comments.set(comment.id, comment);
  return comment;
}

function render(state: State, c: StoredComment): IssueComment {
  const repoApi = `${state.base}/repos/${state.owner}/${state.repo}`;
  const url = `${repoApi}/issues/comments/${c.id}`;
  return {
    url,
    // The sticky comment lives on a pull request, whose comments link to /pull/, not /issues/.
    html_url: `${WEB}/${state.owner}/${state.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApi}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: `IC_${Buffer.from(`IssueComment:${c.id}`).toString('base64url')}`,
    user: c.author,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.association,
    body: c.body,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

function makeUser(base: string, login: string, id: number, type: 'User' | 'Bot'): SimpleUser {
  const api = `${base}/users/${encodeURIComponent(login)}`;
  const isBot = type === 'Bot';
  return {
    login,
    id,
    node_id: Buffer.from(`${isBot ? '03:Bot' : '04:User'}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `${WEB}/apps/${login.replace(/\[bot\]$/, '')}` : `${WEB}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

// What GET /user shows a person about themselves: the public profile plus the private counters.
// The profile fields are the ones a fresh account has (all unset).
function privateUser(self: SimpleUser): PrivateUser {
  const created = isoSeconds(Date.UTC(2019, 4, 14, 9, 26, 41));
  return {
    ...self,
    user_view_type: 'private',
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

/** The account a login renders as; logins not seen before get a fresh id. */
function account(state: State, login: string): SimpleUser {
  const key = login.toLowerCase();
  let user = state.accounts.get(key);
  if (!user) {
    user = makeUser(state.base, login, state.nextAccountId++, 'User');
    state.accounts.set(key, user);
  }
  return user;
}

function ensureRepo(state: State, owner: string, name: string): StoredRepo {
  const key = `${owner}/${name}`.toLowerCase();
  let repo = state.repos.get(key);
  if (!repo) {
    // The double's own repository is a year old; forks were made last month.
    const age = state.repos.size === 0 ? 365 * DAY_MS : 30 * DAY_MS;
    const now = Date.now();
    repo = {
      id: state.nextRepoId++,
      owner: account(state, owner),
      name,
      createdAt: isoSeconds(now - age),
      pushedAt: isoSeconds(now - DAY_MS),
    };
    state.repos.set(key, repo);
  }
  return repo;
}

function ourRepo(state: State): StoredRepo {
  return state.repos.values().next().value!;
}

function isFork(state: State, repo: StoredRepo): boolean {
  return repo.id !== ourRepo(state).id;
}

function renderRepo(state: State, r: StoredRepo): Repository {
  const fullName = `${r.owner.login}/${r.name}`;
  const api = `${state.base}/repos/${fullName}`;
  const fork = isFork(state, r);
  // Counters (forks, open issues, stars) are not modelled: a seeded pull request keeps rendering
  // exactly as seedPullRequest returned it.
  return {
    id: r.id,
    node_id: Buffer.from(`010:Repository${r.id}`).toString('base64'),
    name: r.name,
    full_name: fullName,
    private: false,
    owner: r.owner,
    html_url: `${WEB}/${fullName}`,
    description: null,
    fork,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: r.createdAt,
    updated_at: r.pushedAt,
    pushed_at: r.pushedAt,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${WEB}/${fullName}.git`,
    svn_url: `${WEB}/${fullName}`,
    homepage: null,
    size: 512,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'Python',
    // Forks start with issues turned off.
    has_issues: !fork,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 0,
    license: {
      key: 'mit',
      name: 'MIT License',
      spdx_id: 'MIT',
      url: `${state.base}/licenses/mit`,
      node_id: 'MDc6TGljZW5zZTEz',
    },
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'public',
    forks: 0,
    open_issues: 0,
    watchers: 0,
    default_branch: 'main',
  };
}

function renderPull(state: State, p: StoredPull): PullRequestSimple {
  const baseRepo = ourRepo(state);
  const repoApi = `${state.base}/repos/${baseRepo.owner.login}/${baseRepo.name}`;
  const url = `${repoApi}/pulls/${p.number}`;
  const htmlUrl = `${WEB}/${baseRepo.owner.login}/${baseRepo.name}/pull/${p.number}`;
  const issueUrl = `${repoApi}/issues/${p.number}`;
  const statusesUrl = `${repoApi}/statuses/${p.head.sha}`;
  const headOwner = p.head.repo.owner;
  return {
    url,
    id: p.id,
    node_id: `PR_${Buffer.from(`PullRequest:${p.id}`).toString('base64url')}`,
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: p.author,
    body: p.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: null,
    // GitHub keeps a test merge commit for a mergeable pull request; every one here is.
    merge_commit_sha: sha1(`merge:${p.number}:${p.head.sha}:${p.base.sha}`),
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${headOwner.login}:${p.head.ref}`,
      ref: p.head.ref,
      sha: p.head.sha,
      user: headOwner,
      repo: renderRepo(state, p.head.repo),
    },
    base: {
      label: `${baseRepo.owner.login}:${p.base.ref}`,
      ref: p.base.ref,
      sha: p.base.sha,
      user: baseRepo.owner,
      repo: renderRepo(state, baseRepo),
    },
    _links: {
      self: { href: url },
      html: { href: htmlUrl },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApi}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: p.association,
    auto_merge: null,
    draft: p.draft,
  };
}

// GET of one pull request adds its merge state and counters. Reviews, commits and diff stats are
// not modelled: one commit, no review comments, no lines changed.
function renderFullPull(state: State, p: StoredPull): PullRequest {
  return {
    ...renderPull(state, p),
    merged: false,
    mergeable: p.state === 'open' ? true : null,
    rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: issueComments(state, p.number).length,
    review_comments: 0,
    // GitHub offers this on pull requests from forks; the checkbox starts ticked.
    maintainer_can_modify: isFork(state, p.head.repo),
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

// The one query the double answers: `viewer` with any of these fields. An installation token
// acts as its app's bot user (github-actions[bot] for GITHUB_TOKEN), a user token as its user.
const VIEWER_FIELDS = new Set(['login', 'databaseId', '__typename']);

function graphql(state: State, body: unknown): Reply {
  const query = (body as { query?: unknown } | undefined)?.query;
  const error = (message: string): Reply => ({ status: 200, body: { errors: [{ message }] } });
  if (typeof query !== 'string') return error('A query attribute must be specified');
  const selection = /^\s*(?:query\s*(?:\w+\s*)?)?\{\s*viewer\s*\{([\w\s]*)\}\s*\}\s*$/.exec(query);
  if (!selection) return error('the github-api double only answers { viewer { login } }');
  const fields = selection[1]!.trim().split(/\s+/).filter(Boolean);
  const unknown = fields.find((field) => !VIEWER_FIELDS.has(field));
  if (unknown !== undefined || fields.length === 0) {
    const type = state.self.type === 'Bot' ? 'Bot' : 'User';
    return error(`Field '${unknown ?? ''}' doesn't exist on type '${type}'`);
  }
  const values: Record<string, unknown> = {
    login: state.self.login,
    databaseId: state.self.id,
    __typename: state.self.type === 'Bot' ? 'Bot' : 'User',
  };
  const viewer = Object.fromEntries(fields.map((field) => [field, values[field]]));
  return { status: 200, body: { data: { viewer } } };
}

function renderArtifact(state: State, a: StoredArtifact): Artifact {
  const url = `${state.base}/repos/${state.owner}/${state.repo}/actions/artifacts/${a.id}`;
  return {
    id: a.id,
    node_id: Buffer.from(`08:Artifact${a.id}`).toString('base64'),
    name: a.name,
    size_in_bytes: a.zip.byteLength,
    url,
    archive_download_url: `${url}/zip`,
    expired: a.expired,
    created_at: a.createdAt,
    expires_at: a.expiresAt,
    updated_at: a.createdAt,
    digest: a.digest,
    workflow_run: {
      id: a.runId,
      repository_id: ourRepo(state).id,
      head_repository_id: a.workflowRun.headRepositoryId,
      head_branch: a.workflowRun.headBranch,
      head_sha: a.workflowRun.headSha,
    },
  };
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function compile(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
}
const MATCHERS = ROUTES.map((route) => ({ route, pattern: compile(route.path) }));
/** The Actions cache service's twirp methods. */
const CACHE_SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';
/** Where cache archives go up and come down: path-style blob URLs, the signature in the query. */
const CACHE_BLOB_PREFIX = '/devstoreaccount1/actions-cache/';
/** The default branch's scope, which every job of the repository reads after its own. */
const DEFAULT_BRANCH_SCOPE = 'refs/heads/main';

const BLOB_PATTERN = new RegExp(`^${BLOB_PATH_PREFIX}([0-9a-f]{32})\\.zip$`);

function matches(match: FaultMatch, method: string, path: string): boolean {
  return (
    (match.method === undefined || match.method.toLowerCase() === method) &&
    (typeof match.path === 'string' ? match.path === path : match.path.test(path))
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface Hold {
  match: FaultMatch;
  count: number;
  arrived: number;
  /** No longer holding: released, or timed out. */
  done: boolean;
  waiting: (() => void)[];
  timeoutMs: number;
  timer?: ReturnType<typeof setTimeout>;
  settle(error?: Error): void;
}

export async function startGitHubApi(opts: GitHubApiOptions): Promise<GitHubApiDouble> {
  const owner = opts.owner ?? 'octo-org';
  const repo = opts.repo ?? 'octo-repo';
  const tokenKind = opts.tokenKind ?? 'installation';
  const who = opts.user ?? (tokenKind === 'user' ? DEFAULT_TOKEN_USER : ACTIONS_BOT);
  // A personal access token always belongs to a person; only installation tokens act as bots.
  if (tokenKind === 'user' && who.login.endsWith('[bot]')) {
    throw new Error(
      `a user token cannot belong to ${who.login}: bots only have installation tokens`,
    );
  }
  const requests: LoggedRequest[] = [];
  const faults: {
    match: FaultMatch;
    response: FaultResponse | StallResponse;
    remaining: number;
  }[] = [];
  const holds: Hold[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req)
      .catch((err: unknown): Reply => {
        const message = err instanceof Error ? err.message : String(err);
        return { status: 500, body: { message: `github-api double crashed: ${message}` } };
      })
      .then((reply) => {
        const url = new URL(req.url ?? '/', state.base);
        requests.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.search,
          status: reply.stall === 'headers' ? 0 : reply.status,
          injected: reply.injected === true,
          ...(reply.stall ? { stalled: reply.stall } : {}),
        });
        // Never answered: the socket stays open until the client aborts or close() ends it.
        if (reply.stall === 'headers') return;
        res.statusCode = reply.status;
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        let data: Uint8Array | undefined;
        if (reply.bytes) {
          res.setHeader('content-type', reply.bytes.type);
          data = reply.bytes.data;
        } else {
          res.setHeader('x-github-media-type', 'github.v3; format=json');
          if (!([204, 302, 304].includes(reply.status) && reply.body === undefined)) {
            res.setHeader('content-type', 'application/json; charset=utf-8');
            data = Buffer.from(JSON.stringify(reply.body ?? null));
          }
        }
        if (data === undefined) return void res.end();
        res.setHeader('content-length', data.byteLength);
        // Half the body, then silence: the client waits for the rest.
        if (reply.stall === 'body') return void res.write(data.subarray(0, data.byteLength >> 1));
        res.end(data);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  // Built after listen() because every URL in a response embeds the port.
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const self = makeUser(
    base,
    who.login,
    who.id,
    // An explicit user is a person unless its login says otherwise.
    who.login.endsWith('[bot]') ? 'Bot' : 'User',
  );
  const state: State = {
    base,
    owner,
    repo,
    self,
    tokenKind,
    comments: new Map(),
    labels: new Map(),
    // Realistic magnitude: real comment ids have ~10 digits.
    nextId: 2_000_000_001,
    lastTick: 0,
    accounts: new Map([[self.login.toLowerCase(), self]]),
    nextAccountId: 150_000_001,
    repos: new Map(),
    nextRepoId: 870_000_001,
    pulls: new Map(),
    artifacts: new Map(),
    nextArtifactId: 3_400_000_001,
    blobs: new Map(),
  };
  // The first repository registered is the double's own.
  ensureRepo(state, owner, repo);

  // GitHub resolves owner/repo case-insensitively; any other repository is invisible (404),
  // which catches code that builds requests from the wrong context.
  const isOurRepo = (o: string, r: string) =>
    o.toLowerCase() === owner.toLowerCase() && r.toLowerCase() === repo.toLowerCase();
  const requireOurRepo = (o: string, r: string) => {
    if (!isOurRepo(o, r))
      throw new Error(`github-api double serves ${owner}/${repo}, not ${o}/${r}`);
  };

  // Latency first, as on the wire; then any hold, so held requests are released together.
  async function gate(method: string, path: string): Promise<void> {
    if (opts.latencyMs) await new Promise((resolve) => setTimeout(resolve, opts.latencyMs));
    const hold = holds.find((h) => !h.done && matches(h.match, method, path));
    if (!hold) return;
    hold.arrived++;
    const released = new Promise<void>((resolve) => hold.waiting.push(resolve));
    if (hold.arrived === hold.count) {
      hold.settle();
    } else if (hold.arrived === 1) {
      hold.timer = setTimeout(() => {
        const n = `${hold.arrived} of ${hold.count}`;
        hold.settle(new Error(`holdRequests: only ${n} requests arrived in ${hold.timeoutMs} ms`));
      }, hold.timeoutMs);
    }
    await released;
  }

  function serveBlob(token: string): Reply {
    const blob = state.blobs.get(token);
    if (blob && Date.now() < blob.expiresAt) {
      return { status: 200, bytes: { data: blob.data, type: 'application/zip' } };
    }
    // Storage's answers, not the API's: no JSON, no GitHub error shape.
    const [status, code] = blob ? [403, 'AuthenticationFailed'] : [404, 'BlobNotFound'];
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code></Error>`;
    return { status, bytes: { data: strToU8(xml), type: 'application/xml' } };
  }

  const cacheTokens = new Map<string, string>();
  const cacheEntries: CacheEntry[] = [];
  /** Signatures of blob URLs → the entry they upload to or download. */
  const cacheBlobs = new Map<string, { entry: CacheEntry; upload: boolean }>();

  /** A twirp error, as the cache service answers one. */
  const twirpError = (status: number, code: string, msg: string): Reply => ({
    status,
    body: { code, msg },
  });

  /** The Actions cache service: twirp JSON, then the archive's own URLs. */
  async function cacheService(req: IncomingMessage, url: URL, method: string): Promise<Reply> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (url.pathname.startsWith(CACHE_BLOB_PREFIX)) {
      const signed = cacheBlobs.get(url.searchParams.get('sig') ?? '');
      const name = url.pathname.slice(CACHE_BLOB_PREFIX.length);
      if (!signed || signed.entry.key !== decodeURIComponent(name).replace(/\.tzst$/, '')) {
        const xml =
          '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code></Error>';
        return { status: 403, bytes: { data: strToU8(xml), type: 'application/xml' } };
      }
      if (signed.upload && method === 'put') {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
          return { status: 400, bytes: { data: strToU8('blob type'), type: 'text/plain' } };
        signed.entry.data = raw;
        return {
          status: 201,
          headers: {
            etag: `"0x${randomBytes(8).toString('hex')}"`,
            'last-modified': new Date().toUTCString(),
          },
          bytes: { data: new Uint8Array(0), type: 'application/octet-stream' },
        };
      }
      if (!signed.upload && method === 'get')
        return {
          status: 200,
          bytes: { data: signed.entry.data, type: 'application/octet-stream' },
        };
      return { status: 405, bytes: { data: strToU8('method'), type: 'text/plain' } };
    }
    const auth = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const scope = auth ? cacheTokens.get(auth[1]!) : undefined;
    if (!scope) return twirpError(401, 'unauthenticated', 'invalid runtime token');
    if (method !== 'post') return twirpError(404, 'bad_route', 'no such method');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return twirpError(400, 'malformed', 'the body is not JSON');
    }
    const key = typeof body.key === 'string' ? body.key : '';
    const version = typeof body.version === 'string' ? body.version : '';
    if (!key || !version)
      return twirpError(400, 'invalid_argument', 'key and version are required');
    const sign = (entry: CacheEntry, upload: boolean): string => {
      const sig = randomBytes(16).toString('hex');
      cacheBlobs.set(sig, { entry, upload });
      return `${base}${CACHE_BLOB_PREFIX}${encodeURIComponent(key)}.tzst?sig=${sig}`;
    };
    const readable = [scope, ...(scope === DEFAULT_BRANCH_SCOPE ? [] : [DEFAULT_BRANCH_SCOPE])];
    switch (url.pathname.slice(CACHE_SERVICE_PATH.length)) {
      case 'CreateCacheEntry': {
        if (cacheEntries.some((e) => e.scope === scope && e.key === key && e.version === version))
          return {
            status: 200,
            body: { ok: false, message: 'cache entry with the same key already exists' },
          };
        const entry: CacheEntry = { scope, key, version, data: Buffer.alloc(0), finalized: false };
        cacheEntries.push(entry);
        return { status: 200, body: { ok: true, signed_upload_url: sign(entry, true) } };
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = cacheEntries.find(
          (e) => e.scope === scope && e.key === key && e.version === version && !e.finalized,
        );
        if (!entry || String(entry.data.byteLength) !== String(body.sizeBytes ?? body.size_bytes))
          return {
            status: 200,
            body: { ok: false, message: 'no upload of that size to finalize' },
          };
        entry.finalized = true;
        return {
          status: 200,
          body: { ok: true, entry_id: String(cacheEntries.indexOf(entry) + 1) },
        };
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restoreKeys ?? body.restore_keys)
          ? ((body.restoreKeys ?? body.restore_keys) as unknown[]).filter(
              (k): k is string => typeof k === 'string',
            )
          : [];
        for (const where of readable) {
          const inScope = cacheEntries.filter(
            (e) => e.scope === where && e.finalized && e.version === version,
          );
          const found =
            inScope.find((e) => e.key === key) ??
            restoreKeys
              .map((prefix) => inScope.findLast((e) => e.key.startsWith(prefix)))
              .find(Boolean);
          if (found)
            return {
              status: 200,
              body: { ok: true, signed_download_url: sign(found, false), matched_key: found.key },
            };
        }
        return { status: 200, body: { ok: false, signed_download_url: '', matched_key: '' } };
      }
      default:
        return twirpError(404, 'bad_route', 'no such method');
    }
  }

  async function handle(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toLowerCase();
    if (url.pathname.startsWith(CACHE_SERVICE_PATH) || url.pathname.startsWith(CACHE_BLOB_PREFIX))
      return cacheService(req, url, method);
    // Drained up front so early answers (faults, 401, 404) never leave a request half-read.
    const raw = await readBody(req);
    await gate(method, url.pathname);

    const fault = faults.find((f) => f.remaining > 0 && matches(f.match, method, url.pathname));
    if (fault) {
      fault.remaining--;
      const response = fault.response;
      if ('stall' in response) {
        if (response.stall === 'headers') return { status: 0, stall: 'headers', injected: true };
        return { ...(await serve(req, url, method, raw)), stall: 'body', injected: true };
      }
      const { status, headers } = response;
      const body = response.body ?? {
        message: `Injected fault (${status})`,
        documentation_url: DOCS,
        status: String(status),
      };
      return { status, body, headers: headers ?? {}, injected: true };
    }
    return serve(req, url, method, raw);
  }

  /** The normal answer to a request: what GitHub would send. */
  async function serve(req: IncomingMessage, url: URL, method: string, raw: string) {
    // Artifact downloads redirect here; the URL itself is the credential, as on GitHub.
    const blob = method === 'get' ? BLOB_PATTERN.exec(url.pathname) : null;
    if (blob) return serveBlob(blob[1]!);

    // GitHub checks credentials before routing, so even unknown routes answer 401 first.
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth || auth[1] !== opts.token) {
      const message = auth ? 'Bad credentials' : 'Requires authentication';
      return { status: 401, body: { message, documentation_url: DOCS, status: '401' } };
    }

    if (url.pathname === GRAPHQL_PATH) {
      if (method !== 'post') return notFound();
      try {
        return graphql(state, raw === '' ? undefined : JSON.parse(raw));
      } catch {
        return { status: 400, body: { message: 'Problems parsing JSON' } };
      }
    }

    for (const { route, pattern } of MATCHERS) {
      const found = route.method === method ? pattern.exec(url.pathname) : null;
      if (!found) continue;
      const params = Object.fromEntries(
        // A template without parameters (GET /user) matches without any groups.
        Object.entries(found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
      );
      const repoScoped = 'owner' in params || 'repo' in params;
      if (repoScoped && !isOurRepo(params.owner ?? '', params.repo ?? '')) {
        return notFound(route.docs);
      }
      let body: unknown;
      if (raw !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          const problem = { message: 'Problems parsing JSON', documentation_url: route.docs };
          return { status: 400, body: { ...problem, status: '400' } };
        }
      }
      const { docs } = route;
      return route.handle({
        state,
        path: url.pathname,
        docs,
        params,
        query: url.searchParams,
        body,
      });
    }
    return notFound();
  }

  return {
    url: base,
    owner,
    repo,
    user: state.self,
    tokenKind,
    requests,
    commentsOn(o, r, issueNumber) {
      requireOurRepo(o, r);
      return issueComments(state, issueNumber).map((c) => render(state, c));
    },
    seedComment(o, r, issueNumber, body, author) {
      requireOurRepo(o, r);
      const user = author
        ? makeUser(base, author.login, author.id, author.type ?? 'User')
        : state.self;
      return render(state, addComment(state, issueNumber, body, user, author?.association));
    },
    setLabels(issueNumber, names) {
      state.labels.set(issueNumber, [...names]);
    },
    seedPullRequest(seed) {
      if (positiveInt(String(seed.number)) === undefined) {
        throw new Error(`pull request number must be a positive integer, not ${seed.number}`);
      }
      if (state.pulls.has(seed.number)) throw new Error(`pull request #${seed.number} exists`);
      for (const sha of [seed.headSha, seed.baseSha]) {
        if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`not a full commit SHA: ${sha}`);
      }
      const headRepo = ensureRepo(
        state,
        seed.headRepo?.owner ?? owner,
        seed.headRepo?.repo ?? repo,
      );
      const fork = isFork(state, headRepo);
      const author = seed.author
        ? makeUser(base, seed.author.login, seed.author.id, seed.author.type ?? 'User')
        : headRepo.owner;
      const created = tick(state);
      const closed = seed.state === 'closed' ? tick(state) : null;
      const pull: StoredPull = {
        number: seed.number,
        // Realistic magnitude: real pull request ids have ~10 digits.
        id: 2_600_000_000 + seed.number,
        title: seed.title ?? `Change ${seed.headRef}`,
        body: seed.body ?? null,
        state: seed.state ?? 'open',
        draft: seed.draft ?? false,
        author,
        association: seed.author?.association ?? (fork ? 'CONTRIBUTOR' : 'MEMBER'),
        head: { ref: seed.headRef, sha: seed.headSha, repo: headRepo },
        base: { ref: seed.baseRef, sha: seed.baseSha },
        createdAt: created,
        updatedAt: closed ?? created,
        closedAt: closed,
      };
      state.pulls.set(pull.number, pull);
      return renderPull(state, pull);
    },
    pushToPullRequest(number, headSha) {
      const pull = state.pulls.get(number);
      if (!pull) throw new Error(`no pull request #${number}`);
      if (!/^[0-9a-f]{40}$/.test(headSha)) throw new Error(`not a full commit SHA: ${headSha}`);
      pull.head.sha = headSha;
      pull.updatedAt = tick(state);
      return renderPull(state, pull);
    },
    repository(o, r) {
      return renderRepo(state, ensureRepo(state, o, r));
    },
    seedArtifact(runId, name, files, options = {}) {
      if (positiveInt(String(runId)) === undefined) {
        throw new Error(`run id must be a positive integer, not ${runId}`);
      }
      const zip = zipSync(
        Object.fromEntries(
          Object.entries(files).map(([path, content]) => [
            path,
            typeof content === 'string' ? strToU8(content) : content,
          ]),
        ),
      );
      // An expired artifact was uploaded longer ago than the retention period.
      const createdMs = options.expired
        ? Date.now() - ARTIFACT_RETENTION_MS - DAY_MS
        : Date.parse(tick(state));
      const artifact: StoredArtifact = {
        id: state.nextArtifactId++,
        runId,
        name,
        zip,
        digest: `sha256:${createHash('sha256').update(zip).digest('hex')}`,
        expired: options.expired === true,
        createdAt: isoSeconds(createdMs),
        expiresAt: isoSeconds(createdMs + ARTIFACT_RETENTION_MS),
        workflowRun: options.workflowRun ?? {
          headSha: sha1(`run:${runId}`),
          headBranch: 'main',
          headRepositoryId: ourRepo(state).id,
        },
      };
      state.artifacts.set(artifact.id, artifact);
      return renderArtifact(state, artifact);
    },
    injectFault(match, response, times = 1) {
      const fault = { match, response, remaining: times };
      faults.push(fault);
      return {
        get remaining() {
          return fault.remaining;
        },
      };
    },
    holdRequests(match, count, options = {}) {
      if (!Number.isSafeInteger(count) || count < 1) {
        throw new Error(`holdRequests needs a positive count, not ${count}`);
      }
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const released = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // A test that never awaits `released` must not see an unhandled rejection on timeout.
      released.catch(() => {});
      const hold: Hold = {
        match,
        count,
        arrived: 0,
        done: false,
        waiting: [],
        timeoutMs: options.timeoutMs ?? 10_000,
        settle(error) {
          if (hold.done) return;
          hold.done = true;
          clearTimeout(hold.timer);
          // Resolved in arrival order, so the handlers run in that order.
          for (const go of hold.waiting.splice(0)) go();
          if (error) reject(error);
          else resolve();
        },
      };
      holds.push(hold);
      return {
        get arrived() {
          return hold.arrived;
        },
        released,
      };
    },
    cacheToken(ref) {
      const token = `cache-${randomBytes(12).toString('hex')}`;
      cacheTokens.set(token, ref);
      return token;
    },
    cacheEntries() {
      return cacheEntries;
    },
    close() {
      for (const hold of holds) hold.settle(new Error('holdRequests: the double was closed'));
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}
