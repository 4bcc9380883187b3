// An in-memory stand-in for the slice of the GitHub REST API that a sticky PR comment needs:
// list / create / get / update / delete issue comments. It speaks real HTTP on loopback so the
// code under test runs its genuine Octokit client (auth, pagination, error handling) unchanged.
// Shapes follow GitHub's OpenAPI description; test/github-api-double.test.ts checks that claim.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** Who wrote a seeded comment. `type` defaults to 'User', `association` to 'NONE'. */
export interface CommentAuthor {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
  association?: AuthorAssociation;
}

export interface LoggedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string including the leading '?', or ''. */
  query: string;
  status: number;
  /** True when an injected fault answered instead of the normal handler. */
  injected: boolean;
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

export interface Fault {
  /** How many more matching requests this fault will answer. */
  readonly remaining: number;
}

export interface GitHubApiDouble {
  /** Base URL to hand to Octokit (`baseUrl`), e.g. http://127.0.0.1:41234 — no trailing slash. */
  url: string;
  owner: string;
  repo: string;
  /** The user that requests authenticated with `token` act as. */
  user: SimpleUser;
  /** Comments currently on an issue, as the API would render them, in id order. */
  commentsOn(owner: string, repo: string, issueNumber: number): IssueComment[];
  seedComment(
    owner: string,
    repo: string,
    issueNumber: number,
    body: string,
    author?: CommentAuthor,
  ): IssueComment;
  /** Every request received, in arrival order. */
  requests: LoggedRequest[];
  injectFault(match: FaultMatch, response: FaultResponse, times?: number): Fault;
  close(): Promise<void>;
}

export interface GitHubApiOptions {
  token: string;
  owner?: string;
  repo?: string;
  /** Defaults to github-actions[bot], the author of comments made with GITHUB_TOKEN. */
  user?: { login: string; id: number };
}

/** GitHub's hard limit on comment bodies; long allocation tables can hit it. */
export const MAX_COMMENT_LENGTH = 65536;

// The real github-actions[bot] identity, so code that recognises "its own" comment by login/id
// is tested against the values it will meet in production.
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 };
const WEB = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';

interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: SimpleUser;
  association: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
}

interface State {
  base: string;
  owner: string;
  repo: string;
  self: SimpleUser;
  comments: Map<number, StoredComment>;
  nextId: number;
  lastTick: number;
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
  body?: unknown;
  headers?: Record<string, string>;
  injected?: boolean;
}

interface Route extends RouteTemplate {
  docs: string;
  handle(call: Call): Reply;
}

const COMMENTS_DOCS = `${DOCS}/issues/comments`;

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
];

export const servedRoutes: readonly RouteTemplate[] = ROUTES.map(({ method, path }) => ({
  method,
  path,
}));

function listComments({ state, path, docs, params, query }: Call): Reply {
  // Issues are not modelled: every issue number exists, and has no comments until some are made.
  const issue = positiveInt(params.issue_number);
  if (issue === undefined) return notFound(docs);
  // GitHub silently falls back to defaults for junk values and caps per_page at 100.
  const perPage = Math.min(positiveInt(query.get('per_page') ?? '') ?? 30, 100);
  const page = positiveInt(query.get('page') ?? '') ?? 1;
  const since = Date.parse(query.get('since') ?? '');
  const all = issueComments(state, issue).filter(
    (c) => Number.isNaN(since) || Date.parse(c.updatedAt) >= since,
  );
  const items = all.slice((page - 1) * perPage, page * perPage).map((c) => render(state, c));
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {};
  const link = linkHeader(`${state.base}${path}`, query, page, last);
  if (link) headers.link = link;
  return { status: 200, body: items, headers };
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

// GitHub timestamps have one-second resolution, so an edit made in the same second as the
// create would not visibly change updated_at. Each write therefore gets a strictly later second.
function tick(state: State): string {
  state.lastTick = Math.max(Math.floor(Date.now() / 1000) * 1000, state.lastTick + 1000);
  return new Date(state.lastTick).toISOString().replace('.000Z', 'Z');
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

function compile(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
}
const MATCHERS = ROUTES.map((route) => ({ route, pattern: compile(route.path) }));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startGitHubApi(opts: GitHubApiOptions): Promise<GitHubApiDouble> {
  const owner = opts.owner ?? 'octo-org';
  const repo = opts.repo ?? 'octo-repo';
  const requests: LoggedRequest[] = [];
  const faults: { match: FaultMatch; response: FaultResponse; remaining: number }[] = [];

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
          status: reply.status,
          injected: reply.injected === true,
        });
        res.statusCode = reply.status;
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        res.setHeader('x-github-media-type', 'github.v3; format=json');
        if (reply.status === 204 || reply.status === 304) return void res.end();
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(reply.body ?? null));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  // Built after listen() because every URL in a response embeds the port.
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const who = opts.user ?? ACTIONS_BOT;
  const state: State = {
    base,
    owner,
    repo,
    // An explicit user is a person unless its login says otherwise.
    self: makeUser(base, who.login, who.id, who.login.endsWith('[bot]') ? 'Bot' : 'User'),
    comments: new Map(),
    // Realistic magnitude: real comment ids have ~10 digits.
    nextId: 2_000_000_001,
    lastTick: 0,
  };

  // GitHub resolves owner/repo case-insensitively; any other repository is invisible (404),
  // which catches code that builds requests from the wrong context.
  const isOurRepo = (o: string, r: string) =>
    o.toLowerCase() === owner.toLowerCase() && r.toLowerCase() === repo.toLowerCase();
  const requireOurRepo = (o: string, r: string) => {
    if (!isOurRepo(o, r))
      throw new Error(`github-api double serves ${owner}/${repo}, not ${o}/${r}`);
  };

  async function handle(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toLowerCase();
    // Drained up front so early answers (faults, 401, 404) never leave a request half-read.
    const raw = await readBody(req);

    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.match.method === undefined || f.match.method.toLowerCase() === method) &&
        (typeof f.match.path === 'string'
          ? f.match.path === url.pathname
          : f.match.path.test(url.pathname)),
    );
    if (fault) {
      fault.remaining--;
      const { status, headers } = fault.response;
      const body = fault.response.body ?? {
        message: `Injected fault (${status})`,
        documentation_url: DOCS,
        status: String(status),
      };
      return { status, body, headers: headers ?? {}, injected: true };
    }

    // GitHub checks credentials before routing, so even unknown routes answer 401 first.
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth || auth[1] !== opts.token) {
      const message = auth ? 'Bad credentials' : 'Requires authentication';
      return { status: 401, body: { message, documentation_url: DOCS, status: '401' } };
    }

    for (const { route, pattern } of MATCHERS) {
      const groups = route.method === method ? pattern.exec(url.pathname)?.groups : undefined;
      if (!groups) continue;
      const params = Object.fromEntries(
        Object.entries(groups).map(([k, v]) => [k, decodeURIComponent(v)]),
      );
      if (!isOurRepo(params.owner ?? '', params.repo ?? '')) return notFound(route.docs);
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
    injectFault(match, response, times = 1) {
      const fault = { match, response, remaining: times };
      faults.push(fault);
      return {
        get remaining() {
          return fault.remaining;
        },
      };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}
