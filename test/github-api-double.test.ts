// Conformance test for the GitHub API double in test/support/github-api.ts: a double that drifts
// from the real API makes every test built on it lie. Each served route must exist in GitHub's
// OpenAPI description, and each response the double gives (driven through the real Octokit
// client) must validate against that description's schema for the route and status.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Octokit } from '@octokit/rest';
import { Ajv, type ValidateFunction } from 'ajv';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BLOB_PATH_PREFIX,
  BLOB_URL_TTL_MS,
  DEFAULT_TOKEN_USER,
  GRAPHQL_PATH,
  MAX_COMMENT_LENGTH,
  servedRoutes,
  startGitHubApi,
  type Artifact,
  type GitHubApiDouble,
  type IssueComment,
  type PullRequestSeed,
  type PullRequestSimple,
  type RouteTemplate,
} from './support/github-api.js';

interface OpenApiResponse {
  content?: Record<string, { schema: object }>;
  headers?: Record<string, unknown>;
}
interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, OpenApiResponse>;
}
interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation | undefined> | undefined>;
}

const TOKEN = 'ghs_conformance0123456789';
const OWNER = 'octo-org';
const REPO = 'octo-repo';

const LIST = route('get', '/repos/{owner}/{repo}/issues/{issue_number}/comments');
const CREATE = route('post', '/repos/{owner}/{repo}/issues/{issue_number}/comments');
const GET = route('get', '/repos/{owner}/{repo}/issues/comments/{comment_id}');
const UPDATE = route('patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}');
const DELETE = route('delete', '/repos/{owner}/{repo}/issues/comments/{comment_id}');
const LABELS = route('get', '/repos/{owner}/{repo}/issues/{issue_number}/labels');
const USER = route('get', '/user');
const PULLS = route('get', '/repos/{owner}/{repo}/pulls');
const PULL = route('get', '/repos/{owner}/{repo}/pulls/{pull_number}');
const ARTIFACTS = route('get', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts');
const DOWNLOAD = route(
  'get',
  '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
);

// GitHub sends these on every route, but the description only declares them on some operations.
// For those we fall back to the generic `basic-error` schema instead of skipping validation.
const UNDECLARED_ERRORS = new Set([400, 401, 404]);

let spec: OpenApi;
const ajvWarnings: string[] = [];
// strict: false lets ajv ignore OpenAPI-only annotations (example, externalDocs, ...). OpenAPI's
// `nullable: true` needs nothing: ajv 8 supports it by default (it adds 'null' to `type`).
// Unknown formats would only be warned about and then ignored, so warnings are collected and
// asserted empty: every format in the schemas we use must be checked.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  logger: { log: () => {}, warn: (...args) => ajvWarnings.push(args.join(' ')), error: () => {} },
});
ajv.addFormat('date-time', {
  type: 'string',
  validate: (s: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !isNaN(Date.parse(s)),
});
ajv.addFormat('uri', {
  type: 'string',
  validate: (s: string) => /^[a-z][a-z\d+.-]*:/i.test(s) && URL.canParse(s),
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => n === (n | 0) });
ajv.addFormat('email', { type: 'string', validate: (s: string) => /^[^\s@]+@[^\s@]+$/.test(s) });

const validators = new Map<string, ValidateFunction>();

function route(method: RouteTemplate['method'], path: string): RouteTemplate {
  return { method, path };
}

function jsonSchema(r: RouteTemplate, status: number): object | undefined {
  return operation(r)?.responses[String(status)]?.content?.['application/json']?.schema;
}

// The deref'd description has no `components`, so take `basic-error` from a response using it.
function basicError(): object {
  const schema = jsonSchema(LIST, 404);
  if ((schema as { title?: string } | undefined)?.title !== 'Basic Error') {
    throw new Error('could not find the basic-error schema');
  }
  return schema as object;
}

function operation({ method, path }: RouteTemplate): OpenApiOperation | undefined {
  return spec.paths[path]?.[method];
}

function validatorFor(r: RouteTemplate, status: number): ValidateFunction {
  const key = `${r.method} ${r.path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const declared = operation(r)?.responses[String(status)] !== undefined;
    let schema = jsonSchema(r, status);
    if (!declared && UNDECLARED_ERRORS.has(status)) schema = basicError();
    if (!schema) throw new Error(`${key}: no JSON response schema in the OpenAPI description`);
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function expectConforms(r: RouteTemplate, status: number, body: unknown): void {
  const validate = validatorFor(r, status);
  if (!validate(body)) {
    expect.fail(
      `${r.method.toUpperCase()} ${r.path} → ${status}: ${ajv.errorsText(validate.errors)}`,
    );
  }
}

/**
 * A 302 has no body to validate: the description must declare the status with a Location header
 * and no content, and the response must carry an absolute Location and nothing else.
 */
async function expectRedirectConforms(r: RouteTemplate, res: Response): Promise<string> {
  const declared = operation(r)?.responses['302'];
  expect(declared, `${r.path} declares no 302`).toBeDefined();
  expect(declared?.content).toBeUndefined();
  expect(Object.keys(declared?.headers ?? {})).toContain('Location');
  expect(res.status).toBe(302);
  const location = res.headers.get('location') ?? '';
  expect(URL.canParse(location), `Location ${JSON.stringify(location)}`).toBe(true);
  expect(await res.text()).toBe('');
  return location;
}

/** Awaits an Octokit call that must fail and returns the HTTP response it failed with. */
async function failure(call: Promise<unknown>) {
  const err = await call.then(
    () => expect.fail('expected the request to fail'),
    (e: unknown) =>
      e as { status: number; response?: { data: unknown; headers: Record<string, unknown> } },
  );
  return { status: err.status, data: err.response?.data, headers: err.response?.headers ?? {} };
}

let api: GitHubApiDouble;
let octokit: Octokit;

function client(auth = TOKEN, baseUrl = api.url) {
  // Octokit logs every failed request at error level; failures here are deliberate.
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return new Octokit({ auth, baseUrl, log: quiet });
}

/** A commit SHA that reads as where it came from. */
function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > 5_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function raw(path: string, init: RequestInit = {}) {
  const headers = { authorization: `token ${TOKEN}`, ...init.headers };
  return fetch(`${api.url}${path}`, { ...init, headers });
}

beforeAll(() => {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
  spec = JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
});

beforeEach(async () => {
  api = await startGitHubApi({ token: TOKEN, owner: OWNER, repo: REPO });
  octokit = client();
});

afterEach(async () => {
  await api.close();
});

describe('route inventory', () => {
  it.each(servedRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s is in the api.github.com description',
    (_name, r) => {
      const op = operation(r);
      expect(op, 'route missing from the OpenAPI description').toBeDefined();
      const templateParams = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(templateParams).toEqual(declared.sort());
    },
  );

  it('serves exactly the sticky-comment, token identity and report-mode operations', () => {
    expect(servedRoutes.map((r) => operation(r)?.operationId).sort()).toEqual([
      'actions/download-artifact',
      'actions/list-workflow-run-artifacts',
      'issues/create-comment',
      'issues/delete-comment',
      'issues/get-comment',
      'issues/list-comments',
      'issues/list-labels-on-issue',
      'issues/update-comment',
      'pulls/get',
      'pulls/list',
      'users/get-authenticated',
    ]);
  });

  it('GraphQL is served outside the REST routes, as on GitHub', () => {
    expect(servedRoutes.some((r) => r.path === GRAPHQL_PATH)).toBe(false);
    expect(spec.paths[GRAPHQL_PATH]).toBeUndefined();
  });

  it('the blob route artifact downloads redirect to is not a served REST route', () => {
    expect(servedRoutes.filter((r) => r.path.startsWith(BLOB_PATH_PREFIX))).toEqual([]);
    expect(spec.paths[`${BLOB_PATH_PREFIX}{blob}`]).toBeUndefined();
  });

  it.each([LIST, LABELS, PULLS, ARTIFACTS].map((r) => [r.path, r] as const))(
    'the Link header it sends on %s is one the description declares',
    (_path, r) => {
      expect(operation(r)?.responses['200']?.headers).toHaveProperty('Link');
    },
  );
});

describe('the validator has teeth', () => {
  let good: IssueComment;
  beforeEach(() => {
    good = api.seedComment(OWNER, REPO, 1, 'hello');
  });

  it('accepts a real comment, and a null user (nullable-simple-user)', () => {
    expectConforms(GET, 200, good);
    expectConforms(GET, 200, { ...good, user: null });
    expect(ajvWarnings).toEqual([]);
  });

  it.each([
    ['a missing required property', (c: Record<string, unknown>) => delete c.user],
    ['a wrongly typed id', (c: Record<string, unknown>) => (c.id = String(c.id))],
    ['a null body (body is not nullable)', (c: Record<string, unknown>) => (c.body = null)],
    ['a malformed date-time', (c: Record<string, unknown>) => (c.updated_at = 'yesterday')],
    ['a relative url', (c: Record<string, unknown>) => (c.url = '/repos/a/b/issues/comments/1')],
    [
      'an unknown author_association',
      (c: Record<string, unknown>) => (c.author_association = 'BOT'),
    ],
    ['an incomplete user', (c: Record<string, unknown>) => (c.user = { login: 'x', id: 1 })],
  ])('rejects %s', (_name, breakIt) => {
    const broken = structuredClone(good) as unknown as Record<string, unknown>;
    breakIt(broken);
    expect(validatorFor(GET, 200)(broken)).toBe(false);
    expect(validatorFor(LIST, 200)([good, broken])).toBe(false);
  });
});

describe('responses conform to the OpenAPI description', () => {
  it('create → 201 issue-comment authored by github-actions[bot]', async () => {
    const res = await octokit.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 12,
      body: '<!-- allocdiff -->\n| site | Δ |',
    });
    expect(res.status).toBe(201);
    expectConforms(CREATE, 201, res.data);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.data.user).toMatchObject({
      login: 'github-actions[bot]',
      id: 41898282,
      type: 'Bot',
    });
    expect(res.data.issue_url).toBe(`${api.url}/repos/${OWNER}/${REPO}/issues/12`);
    expect(res.data.html_url).toBe(
      `https://github.com/${OWNER}/${REPO}/pull/12#issuecomment-${res.data.id}`,
    );
    expect(api.commentsOn(OWNER, REPO, 12)).toEqual([res.data]);
  });

  it('get → 200; a comment by another user keeps its author', async () => {
    const seeded = api.seedComment(OWNER, REPO, 3, 'LGTM', {
      login: 'octocat',
      id: 583231,
      association: 'MEMBER',
    });
    const res = await octokit.rest.issues.getComment({
      owner: OWNER,
      repo: REPO,
      comment_id: seeded.id,
    });
    expectConforms(GET, 200, res.data);
    expect(res.data).toEqual(seeded);
    expect(res.data.user).toMatchObject({ login: 'octocat', type: 'User' });
    expect(res.data.author_association).toBe('MEMBER');
  });

  it('update → 200 with the new body and a later updated_at', async () => {
    const seeded = api.seedComment(OWNER, REPO, 4, 'old table');
    const res = await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: seeded.id,
      body: 'new table',
    });
    expectConforms(UPDATE, 200, res.data);
    expect(res.data.body).toBe('new table');
    expect(res.data.created_at).toBe(seeded.created_at);
    expect(Date.parse(res.data.updated_at)).toBeGreaterThan(Date.parse(seeded.updated_at));
    expect(api.commentsOn(OWNER, REPO, 4)).toEqual([res.data]);
  });

  it('delete → 204 with no body, then get → 404', async () => {
    const seeded = api.seedComment(OWNER, REPO, 5, 'stale');
    const res = await octokit.rest.issues.deleteComment({
      owner: OWNER,
      repo: REPO,
      comment_id: seeded.id,
    });
    expect(res.status).toBe(204);
    expect(res.data).toBeFalsy();
    expect(api.commentsOn(OWNER, REPO, 5)).toEqual([]);

    const gone = await failure(
      octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: seeded.id }),
    );
    expect(gone.status).toBe(404);
    expectConforms(GET, 404, gone.data);
    for (const r of [UPDATE, DELETE]) {
      const again = await failure(
        octokit.request(`${r.method.toUpperCase()} ${r.path}`, {
          owner: OWNER,
          repo: REPO,
          comment_id: seeded.id,
          body: 'x',
        }),
      );
      expect(again.status).toBe(404);
      expectConforms(r, 404, again.data);
    }
  });

  it('paginate over >100 comments yields every one, in id order, from real pages', async () => {
    const seeded: IssueComment[] = [];
    for (let i = 0; i < 205; i++) {
      const author = i % 3 === 0 ? { login: 'octocat', id: 583231 } : undefined;
      seeded.push(api.seedComment(OWNER, REPO, 7, `comment ${i}`, author));
      if (i % 50 === 0) api.seedComment(OWNER, REPO, 8, 'other issue, must not leak');
    }
    const pages: IssueComment[][] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      per_page: 100,
    })) {
      expectConforms(LIST, 200, page.data);
      pages.push(page.data as IssueComment[]);
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 5]);
    const ids = pages.flat().map((c) => c.id);
    expect(ids).toEqual(seeded.map((c) => c.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      per_page: 100,
    });
    expect(all).toEqual(seeded);
    // Pages 2 and 3 were fetched through the Link URLs, once per traversal.
    const pageQueries = ['?per_page=100', '?per_page=100&page=2', '?per_page=100&page=3'];
    expect(api.requests.map((r) => r.query)).toEqual([...pageQueries, ...pageQueries]);
  });

  it('sends GitHub-format Link headers with absolute URLs (default per_page 30)', async () => {
    for (let i = 0; i < 75; i++) api.seedComment(OWNER, REPO, 9, `unrelated ${i}`);
    const path = `/repos/${OWNER}/${REPO}/issues/9/comments`;
    const link = (page: number) => `<${api.url}${path}?page=${page}>`;
    const expected = [
      `${link(2)}; rel="next", ${link(3)}; rel="last"`,
      `${link(1)}; rel="prev", ${link(3)}; rel="next", ${link(3)}; rel="last", ${link(1)}; rel="first"`,
      `${link(2)}; rel="prev", ${link(1)}; rel="first"`,
    ];
    for (const [i, want] of expected.entries()) {
      const res = await raw(`${path}?page=${i + 1}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('link')).toBe(want);
      const body: unknown = await res.json();
      expectConforms(LIST, 200, body);
      expect((body as unknown[]).length).toBe(i < 2 ? 30 : 15);
    }
    // A single page has no Link at all.
    const onePage = await raw(`${path}?per_page=100`);
    expect(((await onePage.json()) as unknown[]).length).toBe(75);
    expect(onePage.headers.get('link')).toBeNull();
    // per_page is capped at 100, and the caller's own parameters are carried into the links.
    for (let i = 75; i < 101; i++) api.seedComment(OWNER, REPO, 9, `unrelated ${i}`);
    const capped = await raw(`${path}?per_page=500&since=2000-01-01T00:00:00Z`);
    expect(((await capped.json()) as unknown[]).length).toBe(100);
    const query = `per_page=500&since=2000-01-01T00%3A00%3A00Z&page=2`;
    expect(capped.headers.get('link')).toBe(
      `<${api.url}${path}?${query}>; rel="next", <${api.url}${path}?${query}>; rel="last"`,
    );
    const empty = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: 99,
    });
    expect(empty.data).toEqual([]);
    expect(empty.headers.link).toBeUndefined();
  });

  it('rejects a missing, non-string, blank or oversized body with 422', async () => {
    const seeded = api.seedComment(OWNER, REPO, 10, 'keep');
    const cases: [RouteTemplate, Record<string, unknown>][] = [
      [CREATE, {}],
      [CREATE, { body: 42 }],
      [CREATE, { body: '   ' }],
      [CREATE, { body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }],
      [UPDATE, { body: '' }],
      [UPDATE, { body: null }],
    ];
    for (const [r, payload] of cases) {
      const res = await failure(
        octokit.request(`${r.method.toUpperCase()} ${r.path}`, {
          owner: OWNER,
          repo: REPO,
          issue_number: 10,
          comment_id: seeded.id,
          ...payload,
        }),
      );
      expect(res.status, JSON.stringify(payload).slice(0, 40)).toBe(422);
      expectConforms(r, 422, res.data);
    }
    const exactlyAtLimit = 'é'.repeat(MAX_COMMENT_LENGTH);
    await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: seeded.id,
      body: exactlyAtLimit,
    });
    expect(api.commentsOn(OWNER, REPO, 10).map((c) => c.body)).toEqual([exactlyAtLimit]);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await raw(`/repos/${OWNER}/${REPO}/issues/1/comments`, {
      method: 'POST',
      body: '{"body": ',
    });
    expect(res.status).toBe(400);
    expectConforms(CREATE, 400, await res.json());
  });
});

describe('auth and routing errors', () => {
  it('wrong token → 401 Bad credentials; Bearer is accepted too', async () => {
    const res = await failure(
      client('ghs_wrong').rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 }),
    );
    expect(res.status).toBe(401);
    expect(res.data).toMatchObject({ message: 'Bad credentials', status: '401' });
    expectConforms(LIST, 401, res.data);

    const bearer = await raw(`/repos/${OWNER}/${REPO}/issues/1/comments`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('no credentials → 401 Requires authentication, even on unknown routes', async () => {
    const res = await fetch(`${api.url}/nope`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ message: 'Requires authentication' });
    expectConforms(CREATE, 401, body);
    expect(api.commentsOn(OWNER, REPO, 1)).toEqual([]);
  });

  it.each([
    ['GET', `/repos/${OWNER}/${REPO}/pulls/1`],
    ['PUT', `/repos/${OWNER}/${REPO}/issues/comments/1`],
    ['GET', `/repos/${OWNER}/${REPO}/issues/abc/comments`],
    ['GET', `/repos/${OWNER}/someone-elses-repo/issues/1/comments`],
  ])('%s %s → 404 Not Found', async (method, path) => {
    const res = await raw(path, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body).toMatchObject({ message: 'Not Found', status: '404' });
    expectConforms(LIST, 404, body);
  });

  it('resolves owner/repo case-insensitively, like GitHub', async () => {
    api.seedComment(OWNER, REPO, 2, 'hi');
    const res = await octokit.rest.issues.listComments({
      owner: OWNER.toUpperCase(),
      repo: REPO.toUpperCase(),
      issue_number: 2,
    });
    expect(res.data.map((c) => c.body)).toEqual(['hi']);
  });
});

describe('fault injection', () => {
  it('answers with the fault the given number of times, then behaves normally', async () => {
    const path = `/repos/${OWNER}/${REPO}/issues/6/comments`;
    const fault = api.injectFault({ method: 'get', path }, { status: 503 });
    const params = { owner: OWNER, repo: REPO, issue_number: 6 };

    const first = await failure(octokit.rest.issues.listComments(params));
    expect(first.status).toBe(503);
    expect(fault.remaining).toBe(0);
    expect((await octokit.rest.issues.listComments(params)).status).toBe(200);
    // A POST to the same path was never matched.
    expect((await octokit.rest.issues.createComment({ ...params, body: 'x' })).status).toBe(201);
    expect(api.requests.map((r) => [r.method, r.status, r.injected])).toEqual([
      ['GET', 503, true],
      ['GET', 200, false],
      ['POST', 201, false],
    ]);
  });

  it('passes headers through, e.g. a secondary rate limit 403 with retry-after', async () => {
    const body = {
      message: 'You have exceeded a secondary rate limit.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    };
    api.injectFault(
      { path: /\/issues\/\d+\/comments$/ },
      { status: 403, body, headers: { 'retry-after': '60' } },
      2,
    );
    const params = { owner: OWNER, repo: REPO, issue_number: 1, body: 'x' };
    for (let i = 0; i < 2; i++) {
      const res = await failure(octokit.rest.issues.createComment(params));
      expect(res.status).toBe(403);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.data).toEqual(body);
      expectConforms(CREATE, 403, res.data);
    }
    expect((await octokit.rest.issues.createComment(params)).status).toBe(201);
  });

  it('a stall before the headers never answers: the client gives up, the next call is answered', async () => {
    const path = `/repos/${OWNER}/${REPO}/issues/7/comments`;
    const stall = api.injectFault({ method: 'get', path }, { stall: 'headers' });
    const gaveUp = await raw(path, { signal: AbortSignal.timeout(100) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(gaveUp).toBe('TimeoutError');
    expect(stall.remaining).toBe(0);
    expect(api.requests).toEqual([
      { method: 'GET', path, query: '', status: 0, injected: true, stalled: 'headers' },
    ]);
    const res = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
    });
    expect(res.status).toBe(200);
  });

  it('a stall in the body sends the real status, headers and half the body, then nothing', async () => {
    for (let i = 0; i < 5; i++) api.seedComment(OWNER, REPO, 8, `comment ${i}`);
    const path = `/repos/${OWNER}/${REPO}/issues/8/comments`;
    const whole = await (await raw(path)).arrayBuffer();
    api.injectFault({ path }, { stall: 'body' });
    const controller = new AbortController();
    const res = await raw(path, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBe(whole.byteLength);
    // Half of it arrives; the rest never does.
    const reader = res.body!.getReader();
    let received = 0;
    while (received < whole.byteLength >> 1) received += (await reader.read()).value!.byteLength;
    expect(received).toBe(whole.byteLength >> 1);
    const rest = reader.read();
    controller.abort();
    await expect(rest).rejects.toThrow();
    expect(api.requests.at(-1)).toMatchObject({ status: 200, injected: true, stalled: 'body' });
  });
});

const FORK = { owner: 'forker', repo: REPO };
const MAIN = sha('main');

function seedPull(number: number, extra: Partial<PullRequestSeed> = {}): PullRequestSimple {
  return api.seedPullRequest({
    number,
    headSha: sha(`head of #${number}`),
    headRef: `branch-${number}`,
    baseRef: 'main',
    baseSha: MAIN,
    ...extra,
  });
}

describe('the validator has teeth for the report-mode schemas', () => {
  const mutate = <T>(value: T, breakIt: (v: Record<string, unknown>) => unknown): unknown => {
    const broken = structuredClone(value) as unknown as Record<string, unknown>;
    breakIt(broken);
    return broken;
  };
  const headRepo = (p: Record<string, unknown>) =>
    (p.head as { repo: Record<string, unknown> }).repo;

  it('every format the new schemas use is one ajv checks', () => {
    const used: [RouteTemplate, number][] = [
      [USER, 200],
      [USER, 403],
      [PULLS, 200],
      [PULLS, 422],
      [PULLS, 404],
      [PULL, 200],
      [PULL, 404],
      [ARTIFACTS, 200],
      [ARTIFACTS, 404],
      [DOWNLOAD, 404],
      [DOWNLOAD, 410],
    ];
    for (const [r, status] of used) validatorFor(r, status);
    expect(ajvWarnings).toEqual([]);
  });

  it.each([
    ['a head.repo without full_name', (p: Record<string, unknown>) => delete headRepo(p).full_name],
    [
      'a head.repo that is only a name',
      (p: Record<string, unknown>) =>
        (p.head = { ...(p.head as object), repo: { id: 1, name: 'x' } }),
    ],
    [
      'a head.repo whose owner is incomplete',
      (p: Record<string, unknown>) => (headRepo(p).owner = { login: 'forker' }),
    ],
    ['a string number', (p: Record<string, unknown>) => (p.number = String(p.number))],
    ['no _links', (p: Record<string, unknown>) => delete p._links],
    [
      'a relative html_url',
      (p: Record<string, unknown>) => (p.html_url = '/octo-org/octo-repo/pull/1'),
    ],
    ['a malformed created_at', (p: Record<string, unknown>) => (p.created_at = '2024-13-45')],
    [
      'an unknown author_association',
      (p: Record<string, unknown>) => (p.author_association = 'FORKER'),
    ],
  ])('rejects a pull request with %s', (_name, breakIt) => {
    const good = seedPull(1, { headRepo: FORK });
    expect(validatorFor(PULLS, 200)([good])).toBe(true);
    expect(validatorFor(PULLS, 200)([good, mutate(good, breakIt)])).toBe(false);
  });

  it.each([
    ['a string id', (a: Record<string, unknown>) => (a.id = String(a.id))],
    ['no expires_at', (a: Record<string, unknown>) => delete a.expires_at],
    ['a malformed created_at', (a: Record<string, unknown>) => (a.created_at = 'now')],
    ['a string expired flag', (a: Record<string, unknown>) => (a.expired = 'false')],
  ])('rejects an artifact with %s', (_name, breakIt) => {
    const good = api.seedArtifact(1, 'report', { 'a.json': '{}' });
    const list = (...artifacts: unknown[]) => ({ total_count: artifacts.length, artifacts });
    expect(validatorFor(ARTIFACTS, 200)(list(good))).toBe(true);
    expect(validatorFor(ARTIFACTS, 200)(list(good, mutate(good, breakIt)))).toBe(false);
    expect(validatorFor(ARTIFACTS, 200)({ artifacts: [good] })).toBe(false);
  });

  it('GET /user 200 is exactly one of private-user and public-user', async () => {
    const people = await startGitHubApi({ token: TOKEN, tokenKind: 'user' });
    try {
      const { data } = await client(TOKEN, people.url).rest.users.getAuthenticated();
      const validate = validatorFor(USER, 200);
      expect(validate(data)).toBe(true);
      // The public profile alone is the other branch...
      const publicOnly = mutate(data, (u) => {
        for (const key of ['private_gists', 'total_private_repos', 'owned_private_repos'])
          delete u[key];
        for (const key of ['disk_usage', 'collaborators', 'two_factor_authentication', 'plan'])
          delete u[key];
      });
      expect(validate(publicOnly)).toBe(true);
      // ...and what fits neither fails: a missing profile field, or a property public-user
      // does not declare (it allows no others) on a profile without private-user's 2FA flag.
      expect(validate(mutate(data, (u) => delete u.created_at))).toBe(false);
      expect(validate(mutate(publicOnly, (u) => (u.plan_name = 'free')))).toBe(false);
      expect(validate(mutate(data, (u) => (u.email = 'not an address')))).toBe(false);
    } finally {
      await people.close();
    }
  });
});

describe('GET /user', () => {
  it('an installation token (GITHUB_TOKEN) → 403 Resource not accessible by integration', async () => {
    expect(api.tokenKind).toBe('installation');
    const res = await failure(octokit.rest.users.getAuthenticated());
    expect(res.status).toBe(403);
    expect(res.data).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      status: '403',
    });
    expectConforms(USER, 403, res.data);
    // Still a credentials check first.
    const anonymous = await fetch(`${api.url}/user`);
    expect(anonymous.status).toBe(401);
    expectConforms(USER, 401, await anonymous.json());
  });

  it('a user token → 200 private profile of the configured user, who authors its comments', async () => {
    const people = await startGitHubApi({
      token: TOKEN,
      owner: OWNER,
      repo: REPO,
      tokenKind: 'user',
      user: { login: 'monalisa', id: 2_000_123 },
    });
    try {
      const c = client(TOKEN, people.url);
      const res = await c.rest.users.getAuthenticated();
      expect(res.status).toBe(200);
      expectConforms(USER, 200, res.data);
      expect(res.data).toMatchObject({
        login: 'monalisa',
        id: 2_000_123,
        type: 'User',
        html_url: 'https://github.com/monalisa',
        user_view_type: 'private',
        two_factor_authentication: true,
      });
      const { data } = await c.rest.issues.createComment({
        owner: OWNER,
        repo: REPO,
        issue_number: 1,
        body: 'hi',
      });
      expect(data.user).toEqual(people.user);
      expect(people.user).toMatchObject({ login: 'monalisa', type: 'User' });
    } finally {
      await people.close();
    }
  });

  it('a user token defaults to a person, and cannot belong to a bot', async () => {
    const people = await startGitHubApi({ token: TOKEN, tokenKind: 'user' });
    try {
      expect(people.user).toMatchObject({ ...DEFAULT_TOKEN_USER, type: 'User' });
      const { data } = await client(TOKEN, people.url).rest.users.getAuthenticated();
      expect(data.login).toBe(DEFAULT_TOKEN_USER.login);
    } finally {
      await people.close();
    }
    await expect(
      startGitHubApi({ token: TOKEN, tokenKind: 'user', user: { login: 'ci[bot]', id: 5 } }),
    ).rejects.toThrow(/installation tokens/);
  });
});

describe('GET /repos/{owner}/{repo}/pulls', () => {
  let same: PullRequestSimple;
  let fork: PullRequestSimple;
  let forkOther: PullRequestSimple;
  let closed: PullRequestSimple;
  beforeEach(() => {
    // Same branch name in the base repository and in a fork, as happens all the time.
    same = seedPull(11, { headRef: 'feature', title: 'Same-repo change' });
    fork = seedPull(12, { headRef: 'feature', headRepo: FORK, body: 'From a fork' });
    forkOther = seedPull(13, { headRef: 'other', headRepo: FORK, baseRef: 'release' });
    closed = seedPull(10, { headRef: 'feature', headRepo: FORK, state: 'closed' });
  });

  async function list(params: Record<string, string | number> = {}) {
    const res = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO, ...params });
    expect(res.status).toBe(200);
    expectConforms(PULLS, 200, res.data);
    return res.data.map((p) => p.number);
  }

  it('lists open pull requests newest first as pull-request-simple, exactly as seeded', async () => {
    const res = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO });
    expectConforms(PULLS, 200, res.data);
    expect(res.data).toEqual([forkOther, fork, same]);
    expect(res.headers.link).toBeUndefined();
    expect(await list({ state: 'closed' })).toEqual([10]);
    expect(await list({ state: 'all' })).toEqual([10, 13, 12, 11]);
    expect(await list({ state: 'all', direction: 'asc' })).toEqual([11, 12, 13, 10]);
    expect(await list({ base: 'release' })).toEqual([13]);
    expect(await list({ base: 'nope' })).toEqual([]);
  });

  it('renders a fork pull request with the fork as head.repo and ours as base.repo', () => {
    const forkRepo = api.repository(FORK.owner, FORK.repo);
    const ours = api.repository(OWNER, REPO);
    expect(fork.head).toMatchObject({
      label: 'forker:feature',
      ref: 'feature',
      sha: sha('head of #12'),
      user: { login: 'forker', type: 'User' },
      repo: { full_name: 'forker/octo-repo', fork: true, id: forkRepo.id, has_issues: false },
    });
    expect(fork.base).toMatchObject({
      label: `${OWNER}:main`,
      sha: MAIN,
      repo: { full_name: `${OWNER}/${REPO}`, fork: false, id: ours.id },
    });
    expect(forkRepo.id).not.toBe(ours.id);
    expect(fork.head.repo).toEqual(forkRepo);
    expect(fork).toMatchObject({
      user: { login: 'forker' },
      author_association: 'CONTRIBUTOR',
      state: 'open',
      body: 'From a fork',
      html_url: `https://github.com/${OWNER}/${REPO}/pull/12`,
      url: `${api.url}/repos/${OWNER}/${REPO}/pulls/12`,
      statuses_url: `${api.url}/repos/${OWNER}/${REPO}/statuses/${sha('head of #12')}`,
      closed_at: null,
      merged_at: null,
    });
    expect(same).toMatchObject({
      author_association: 'MEMBER',
      head: { label: `${OWNER}:feature` },
    });
    expect(closed.state).toBe('closed');
    expect(Date.parse(closed.closed_at!)).toBeGreaterThanOrEqual(Date.parse(closed.created_at));
  });

  it('filters by head as user:ref-name, like GitHub', async () => {
    expect(await list({ head: 'forker:feature' })).toEqual([12]);
    expect(await list({ head: 'forker:feature', state: 'all' })).toEqual([10, 12]);
    expect(await list({ head: `${OWNER}:feature` })).toEqual([11]);
    // The owner is a login (case-insensitive); the branch is a git ref (case-sensitive).
    expect(await list({ head: 'FORKER:feature' })).toEqual([12]);
    expect(await list({ head: 'forker:Feature' })).toEqual([]);
    expect(await list({ head: 'someone:feature' })).toEqual([]);
    // Without the owner GitHub ignores the filter rather than matching the branch anywhere.
    expect(await list({ head: 'feature' })).toEqual([13, 12, 11]);
    // What report mode asks: the triggering run's head repository owner and branch.
    const found = await octokit.paginate(octokit.rest.pulls.list, {
      owner: OWNER,
      repo: REPO,
      state: 'open',
      head: 'forker:feature',
      per_page: 100,
    });
    expect(found).toEqual([fork]);
  });

  it('paginates with Link headers and sorts as asked', async () => {
    for (let n = 100; n < 165; n++) seedPull(n);
    const pages: number[][] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
      owner: OWNER,
      repo: REPO,
      base: 'main',
      per_page: 30,
    })) {
      expectConforms(PULLS, 200, page.data);
      pages.push(page.data.map((p) => p.number));
    }
    // 65 new ones plus #11 and #12 (#13 targets release, #10 is closed).
    expect(pages.map((p) => p.length)).toEqual([30, 30, 7]);
    expect(pages.flat()).toEqual([...Array.from({ length: 65 }, (_, i) => 164 - i), 12, 11]);
    expect(api.requests.map((r) => r.query)).toEqual([
      '?base=main&per_page=30',
      '?base=main&per_page=30&page=2',
      '?base=main&per_page=30&page=3',
    ]);

    const path = `/repos/${OWNER}/${REPO}/pulls`;
    const second = await raw(`${path}?per_page=30&page=2`);
    const link = (page: number) => `<${api.url}${path}?per_page=30&page=${page}>`;
    expect(second.headers.get('link')).toBe(
      `${link(1)}; rel="prev", ${link(3)}; rel="next", ${link(3)}; rel="last", ${link(1)}; rel="first"`,
    );
    // Any sort but `created` defaults to ascending.
    expect((await list({ sort: 'updated', per_page: 3 })).slice(0, 3)).toEqual([11, 12, 13]);
    expect(await list({ sort: 'popularity', direction: 'desc', per_page: 1 })).toEqual([164]);
    // No pull request here has been open for more than a month.
    expect(await list({ sort: 'long-running' })).toEqual([]);
  });

  it('answers an unknown state, sort or direction with 422 Validation Failed', async () => {
    for (const [field, value] of [
      ['state', 'merged'],
      ['sort', 'newest'],
      ['direction', 'up'],
    ]) {
      const res = await failure(
        octokit.request('GET /repos/{owner}/{repo}/pulls', {
          owner: OWNER,
          repo: REPO,
          [field]: value,
        }),
      );
      expect(res.status).toBe(422);
      expectConforms(PULLS, 422, res.data);
      expect(res.data).toMatchObject({
        message: 'Validation Failed',
        errors: [{ field, value, code: 'invalid' }],
        status: '422',
      });
    }
  });

  it('another repository → 404; seeding rejects what GitHub could not hold', async () => {
    const res = await failure(octokit.rest.pulls.list({ owner: 'forker', repo: REPO }));
    expect(res.status).toBe(404);
    expectConforms(PULLS, 404, res.data);
    expect(() => seedPull(12)).toThrow(/#12 exists/);
    expect(() => seedPull(14, { headSha: 'abc123' })).toThrow(/full commit SHA/);
  });
});

describe('GET /repos/{owner}/{repo}/pulls/{pull_number}', () => {
  it('answers one pull request as the pull-request schema, as the list shows it and more', async () => {
    const listed = seedPull(21, { headRepo: FORK });
    api.seedComment(OWNER, REPO, 21, 'a review remark');
    const res = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 21 });
    expect(res.status).toBe(200);
    expectConforms(PULL, 200, res.data);
    expect(res.data).toMatchObject(listed as unknown as Record<string, unknown>);
    expect(res.data).toMatchObject({
      merged: false,
      mergeable: true,
      comments: 1,
      maintainer_can_modify: true,
    });
    // The full schema requires what the list item lacks.
    expect(validatorFor(PULL, 200)(listed)).toBe(false);
  });

  it('shows a push to the pull request as its new head, in the list too', async () => {
    const before = seedPull(22);
    const after = api.pushToPullRequest(22, sha('pushed'));
    expect(after.head.sha).toBe(sha('pushed'));
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    const { data } = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 22 });
    expect(data.head.sha).toBe(sha('pushed'));
    const listed = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO });
    expect(listed.data.map((p) => p.head.sha)).toEqual([sha('pushed')]);
    expect(() => api.pushToPullRequest(99, sha('x'))).toThrow(/no pull request #99/);
    expect(() => api.pushToPullRequest(22, 'abc')).toThrow(/full commit SHA/);
  });

  it('an unknown pull request or another repository → 404', async () => {
    for (const [owner, number] of [
      [OWNER, 404],
      ['forker', 22],
    ] as const) {
      const res = await failure(octokit.rest.pulls.get({ owner, repo: REPO, pull_number: number }));
      expect(res.status).toBe(404);
      expectConforms(PULL, 404, res.data);
    }
  });
});

describe('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', () => {
  it('lists the labels an issue has now, as label objects, a page at a time', async () => {
    const empty = await octokit.rest.issues.listLabelsOnIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: 31,
    });
    expectConforms(LABELS, 200, empty.data);
    expect(empty.data).toEqual([]);

    const names = Array.from({ length: 105 }, (_, i) => `label ${i}`);
    api.setLabels(31, names);
    const first = await octokit.rest.issues.listLabelsOnIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: 31,
      per_page: 100,
    });
    expectConforms(LABELS, 200, first.data);
    expect(first.data.map((label) => label.name)).toEqual(names.slice(0, 100));
    expect(first.headers.link).toMatch(/[?&]page=2>; rel="next"/);
    const all = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
      owner: OWNER,
      repo: REPO,
      issue_number: 31,
      per_page: 100,
    });
    expect(all.map((label) => label.name)).toEqual(names);
    // One name, one label: the same id on every listing.
    expect(all[0].id).toBe(first.data[0].id);
    expect(validatorFor(LABELS, 200)([{ ...all[0], color: undefined }])).toBe(false);

    api.setLabels(31, []);
    const removed = await octokit.rest.issues.listLabelsOnIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: 31,
    });
    expect(removed.data).toEqual([]);
  });
});

describe('GraphQL viewer', () => {
  it('an installation token is its app’s bot; a user token is its user', async () => {
    const { viewer } = await octokit.graphql<{ viewer: Record<string, unknown> }>(
      'query { viewer { login databaseId __typename } }',
    );
    expect(viewer).toEqual({
      login: 'github-actions[bot]',
      databaseId: 41898282,
      __typename: 'Bot',
    });
    const people = await startGitHubApi({ token: TOKEN, tokenKind: 'user' });
    try {
      const c = client(TOKEN, people.url);
      const answer = await c.graphql<{ viewer: { login: string } }>('{ viewer { login } }');
      expect(answer).toEqual({ viewer: { login: DEFAULT_TOKEN_USER.login } });
    } finally {
      await people.close();
    }
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST ${GRAPHQL_PATH} 200`,
    ]);
  });

  it('needs credentials, and answers anything else with GraphQL errors', async () => {
    const anonymous = await fetch(`${api.url}${GRAPHQL_PATH}`, {
      method: 'POST',
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(anonymous.status).toBe(401);
    await expect(octokit.graphql('{ viewer { email } }')).rejects.toThrow(
      "Field 'email' doesn't exist on type 'Bot'",
    );
    await expect(octokit.graphql('{ repository(owner: "o", name: "r") { id } }')).rejects.toThrow(
      /only answers/,
    );
  });
});

describe('workflow run artifacts', () => {
  const forkRun = () => ({
    headSha: sha('head of #12'),
    headBranch: 'feature',
    headRepositoryId: api.repository(FORK.owner, FORK.repo).id,
  });

  it('list → 200 { total_count, artifacts } newest first; name filters', async () => {
    const report = api.seedArtifact(
      100,
      'allocdiff-default',
      { 'report.json': '{}' },
      {
        workflowRun: forkRun(),
      },
    );
    const other = api.seedArtifact(100, 'coverage', { 'lcov.info': 'TN:' });
    api.seedArtifact(101, 'allocdiff-default', { 'report.json': '{}' });

    const res = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: OWNER,
      repo: REPO,
      run_id: 100,
    });
    expectConforms(ARTIFACTS, 200, res.data);
    expect(res.data).toEqual({ total_count: 2, artifacts: [other, report] });
    const named = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: OWNER,
      repo: REPO,
      run_id: 100,
      name: 'allocdiff-default',
    });
    expectConforms(ARTIFACTS, 200, named.data);
    expect(named.data).toEqual({ total_count: 1, artifacts: [report] });

    expect(report).toMatchObject({
      name: 'allocdiff-default',
      expired: false,
      url: `${api.url}/repos/${OWNER}/${REPO}/actions/artifacts/${report.id}`,
      archive_download_url: `${api.url}/repos/${OWNER}/${REPO}/actions/artifacts/${report.id}/zip`,
      workflow_run: {
        id: 100,
        repository_id: api.repository(OWNER, REPO).id,
        head_repository_id: api.repository('forker', REPO).id,
        head_branch: 'feature',
        head_sha: sha('head of #12'),
      },
    });
    expect(Date.parse(report.expires_at)).toBeGreaterThan(Date.now() + 89 * 86_400_000);

    const none = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: OWNER,
      repo: REPO,
      run_id: 999,
    });
    expect(none.data).toEqual({ total_count: 0, artifacts: [] });
    const bad = await raw(`/repos/${OWNER}/${REPO}/actions/runs/abc/artifacts`);
    expect(bad.status).toBe(404);
    expectConforms(ARTIFACTS, 404, await bad.json());
  });

  it('paginates artifacts; total_count counts them all', async () => {
    const seeded: Artifact[] = [];
    for (let i = 0; i < 5; i++) seeded.push(api.seedArtifact(7, `part-${i}`, { [`${i}`]: 'x' }));
    const path = `/repos/${OWNER}/${REPO}/actions/runs/7/artifacts`;
    const first = await raw(`${path}?per_page=2`);
    const body = (await first.json()) as { total_count: number; artifacts: Artifact[] };
    expectConforms(ARTIFACTS, 200, body);
    expect(body.total_count).toBe(5);
    expect(body.artifacts).toEqual([seeded[4], seeded[3]]);
    const link = (page: number) => `<${api.url}${path}?per_page=2&page=${page}>`;
    expect(first.headers.get('link')).toBe(`${link(2)}; rel="next", ${link(3)}; rel="last"`);

    const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
      owner: OWNER,
      repo: REPO,
      run_id: 7,
      per_page: 2,
      direction: 'asc',
    });
    expect(all).toEqual(seeded);
  });

  it('download → 302 to a blob URL; octokit follows it to the zip, which unzips', async () => {
    const files = {
      'report.json': JSON.stringify({ schemaVersion: 1, key: 'default' }),
      'comment.md': '| site | Δ |\n',
      'nested/raw.bin': new Uint8Array([0, 255, 1, 254, 128]),
    };
    const artifact = api.seedArtifact(300, 'allocdiff-default', files);

    const res = await octokit.rest.actions.downloadArtifact({
      owner: OWNER,
      repo: REPO,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    expect(res.status).toBe(200);
    expect(res.data).toBeInstanceOf(ArrayBuffer);
    const bytes = new Uint8Array(res.data as ArrayBuffer);
    expect(bytes.byteLength).toBe(artifact.size_in_bytes);
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(artifact.digest);
    const unzipped = unzipSync(bytes);
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).sort());
    expect(strFromU8(unzipped['report.json']!)).toBe(files['report.json']);
    expect(strFromU8(unzipped['comment.md']!)).toBe(files['comment.md']);
    expect(unzipped['nested/raw.bin']).toEqual(files['nested/raw.bin']);

    const blob = new RegExp(`^${BLOB_PATH_PREFIX}[0-9a-f]{32}\\.zip$`);
    const apiPath = `/repos/${OWNER}/${REPO}/actions/artifacts/${artifact.id}/zip`;
    expect(res.url).toMatch(new RegExp(`^${api.url}${BLOB_PATH_PREFIX}`));
    expect(api.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', apiPath, 302],
      ['GET', expect.stringMatching(blob), 200],
    ]);

    // The redirect itself, as the description declares it; the blob URL needs no token.
    const redirect = await raw(apiPath, { redirect: 'manual' });
    const location = await expectRedirectConforms(DOWNLOAD, redirect);
    expect(new URL(location).pathname).toMatch(blob);
    expect(location).not.toBe(res.url);
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('an expired artifact is listed as expired and its download is 410 Gone', async () => {
    const artifact = api.seedArtifact(
      400,
      'allocdiff-default',
      { 'report.json': '{}' },
      {
        expired: true,
      },
    );
    expect(artifact.expired).toBe(true);
    expect(Date.parse(artifact.expires_at)).toBeLessThan(Date.now());
    const listed = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: OWNER,
      repo: REPO,
      run_id: 400,
    });
    expectConforms(ARTIFACTS, 200, listed.data);
    expect(listed.data.artifacts).toEqual([artifact]);

    const res = await failure(
      octokit.rest.actions.downloadArtifact({
        owner: OWNER,
        repo: REPO,
        artifact_id: artifact.id,
        archive_format: 'zip',
      }),
    );
    expect(res.status).toBe(410);
    expectConforms(DOWNLOAD, 410, res.data);
    expect(res.data).toEqual({
      message: 'Artifact has expired',
      documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact',
      status: '410',
    });
  });

  it('an unknown artifact or archive format → 404, and no blob URL is handed out', async () => {
    const artifact = api.seedArtifact(500, 'allocdiff-default', { 'report.json': '{}' });
    for (const [id, format] of [
      [artifact.id + 1, 'zip'],
      [artifact.id, 'tar.gz'],
      ['abc', 'zip'],
    ]) {
      const res = await raw(`/repos/${OWNER}/${REPO}/actions/artifacts/${id}/${format}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(404);
      expectConforms(DOWNLOAD, 404, await res.json());
    }
    const elsewhere = await failure(
      octokit.rest.actions.downloadArtifact({
        owner: 'forker',
        repo: REPO,
        artifact_id: artifact.id,
        archive_format: 'zip',
      }),
    );
    expect(elsewhere.status).toBe(404);
    expect(api.requests.filter((r) => r.path.startsWith(BLOB_PATH_PREFIX))).toEqual([]);
  });

  it('blob URLs stop working after a minute; unknown ones are 404', async () => {
    const artifact = api.seedArtifact(600, 'allocdiff-default', { 'report.json': '{}' });
    const redirect = await raw(`/repos/${OWNER}/${REPO}/actions/artifacts/${artifact.id}/zip`, {
      redirect: 'manual',
    });
    const location = redirect.headers.get('location')!;
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + BLOB_URL_TTL_MS + 1_000);
    try {
      const late = await fetch(location);
      expect(late.status).toBe(403);
      expect(late.headers.get('content-type')).toBe('application/xml');
    } finally {
      clock.mockRestore();
    }
    const unknown = await fetch(`${api.url}${BLOB_PATH_PREFIX}${'0'.repeat(32)}.zip`);
    expect(unknown.status).toBe(404);
    expect(api.requests.slice(-2).map((r) => r.status)).toEqual([403, 404]);
  });
});

describe('race control', () => {
  const MARKER = '<!-- allocdiff:key=default -->';

  // The naive sticky comment: list, and create when ours is missing.
  async function naiveUpsert(c: Octokit, issue: number) {
    const params = { owner: OWNER, repo: REPO, issue_number: issue };
    const existing = await c.paginate(c.rest.issues.listComments, params);
    if (!existing.some((comment) => comment.body?.includes(MARKER))) {
      await c.rest.issues.createComment({ ...params, body: `${MARKER}\ntable` });
    }
  }

  it('holdRequests makes two concurrent runs both list before either creates', async () => {
    const path = `/repos/${OWNER}/${REPO}/issues/21/comments`;
    const hold = api.holdRequests({ method: 'GET', path }, 2);
    expect(hold.arrived).toBe(0);

    const first = naiveUpsert(client(), 21);
    await until(() => hold.arrived === 1, 'the first list to arrive');
    // Held, not answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toEqual([]);

    const second = naiveUpsert(client(), 21);
    await hold.released;
    await Promise.all([first, second]);
    expect(hold.arrived).toBe(2);
    expect(api.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'POST 201',
      'POST 201',
    ]);
    // The duplicate a race-safe implementation must clean up.
    expect(api.commentsOn(OWNER, REPO, 21)).toHaveLength(2);

    // Only the first `count` are held: the next run goes straight through and finds ours.
    await naiveUpsert(client(), 21);
    expect(hold.arrived).toBe(2);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST', 'GET']);
  });

  it('held requests then meet injected faults in arrival order', async () => {
    const path = `/repos/${OWNER}/${REPO}/issues/22/comments`;
    const hold = api.holdRequests({ path }, 2);
    api.injectFault({ path }, { status: 502 });
    const params = { owner: OWNER, repo: REPO, issue_number: 22 };
    const results = await Promise.allSettled([
      octokit.rest.issues.listComments(params),
      octokit.rest.issues.listComments(params),
    ]);
    await hold.released;
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(api.requests.map((r) => [r.status, r.injected])).toEqual([
      [502, true],
      [200, false],
    ]);
  });

  it('a hold that is not filled in time lets its requests go and rejects `released`', async () => {
    const path = `/repos/${OWNER}/${REPO}/issues/23/comments`;
    const hold = api.holdRequests({ method: 'get', path: /\/issues\/23\/comments$/ }, 2, {
      timeoutMs: 100,
    });
    const started = performance.now();
    const res = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: 23,
    });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    await expect(hold.released).rejects.toThrow('only 1 of 2 requests arrived in 100 ms');
    expect(api.requests.map((r) => r.path)).toEqual([path]);
    expect(() => api.holdRequests({ path }, 0)).toThrow(/positive count/);
  });

  it('latencyMs delays every request, blob downloads included', async () => {
    const slow = await startGitHubApi({ token: TOKEN, owner: OWNER, repo: REPO, latencyMs: 80 });
    try {
      const artifact = slow.seedArtifact(1, 'a', { 'a.txt': 'a' });
      const c = client(TOKEN, slow.url);
      let started = performance.now();
      await c.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
      started = performance.now();
      await c.rest.actions.downloadArtifact({
        owner: OWNER,
        repo: REPO,
        artifact_id: artifact.id,
        archive_format: 'zip',
      });
      // The API call and the blob download each wait.
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      await slow.close();
    }
  });
});
