// Conformance test for the GitHub API double in test/support/github-api.ts: a double that drifts
// from the real API makes every test built on it lie. Each served route must exist in GitHub's
// OpenAPI description, and each response the double gives (driven through the real Octokit
// client) must validate against that description's schema for the route and status.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Octokit } from '@octokit/rest';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_COMMENT_LENGTH,
  servedRoutes,
  startGitHubApi,
  type GitHubApiDouble,
  type IssueComment,
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

function client(auth = TOKEN) {
  // Octokit logs every failed request at error level; failures here are deliberate.
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return new Octokit({ auth, baseUrl: api.url, log: quiet });
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

  it('serves exactly the sticky-comment operations', () => {
    expect(servedRoutes.map((r) => operation(r)?.operationId).sort()).toEqual([
      'issues/create-comment',
      'issues/delete-comment',
      'issues/get-comment',
      'issues/list-comments',
      'issues/update-comment',
    ]);
  });

  it('the Link header it sends is one the description declares for listing', () => {
    expect(operation(LIST)?.responses['200']?.headers).toHaveProperty('Link');
  });
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
});
