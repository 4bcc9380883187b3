// Site identity across commits, on real git and real Python: a line edited in place is the same
// site as the line it replaced, and a site that stops allocating on a line head still has keeps
// that line (and its link); only a line gone from head is "gone".
import { dirname, join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { startGitHubApi } from '../support/github-api.js';
import { runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const TOKEN = 'ghs_e2eSiteIdentityToken0123456789';
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const BENCH = 'from app.store import load\n\nload(2_400_000)\n';

/** `load` keeps a buffer of n bytes, allocated on line 5. */
const base = {
  'app/__init__.py': '',
  'app/store.py': [
    'KEEP = []',
    '',
    '',
    'def load(n):',
    '    data = bytearray(n)',
    '    KEEP.append(data)',
    '    return data',
    '',
  ].join('\n'),
  'bench.py': BENCH,
};

/** Head adds a docstring above and edits `load`'s lines in place (line 5 is now line 6). */
function edited(allocation: string) {
  return {
    ...base,
    'app/store.py': [
      '"""Keeps what it loads."""',
      'KEEP = []',
      '',
      '',
      'def load(n):',
      `    payload = ${allocation}`,
      '    KEEP.append(payload)',
      '    return payload',
      '',
    ].join('\n'),
  };
}

async function compare(repoDir: string, name: string, ...args: string[]) {
  const json = join(repoDir, '..', `${name}.json`);
  const markdown = join(repoDir, '..', `${name}.md`);
  cleanup.push(
    json,
    markdown,
    markdown.replace(/\.md$/, '.summary.md'),
    markdown.replace(/\.md$/, '.html'),
  );
  const result = await runCommand(
    declaredNode(),
    [
      CLI,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--json',
      json,
      '--markdown',
      markdown,
      ...args,
    ],
    { cwd: repoDir },
  );
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  return { result, report, markdown: readFileSync(markdown, 'utf8') };
}

describe('site identity across commits', () => {
  it('nets a line edited in place that allocates the same bytes to zero', async () => {
    const repo = repoOf(base, edited('bytearray(n)'));
    const { result, report, markdown } = await compare(
      repo.dir,
      'edited-same',
      '--budget',
      'site: +100KB; retained: +100KB; peak: +100KB',
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(report.verdict).toBe('pass');
    const [scenario] = report.scenarios;
    expect(scenario.status).toBe('ok');
    // No row for the buffer, on either line, grown or shrunk.
    const buffer = scenario.sites.filter(
      (site) => site.file === 'app/store.py' && (site.line === 6 || site.baseLine === 5),
    );
    expect(buffer).toEqual([]);
    expect(scenario.sites.every((site) => Math.abs(site.sizeDelta) < 100_000)).toBe(true);
    expect(report.budgets.every((budget) => budget.status === 'pass')).toBe(true);
    expect(markdown).not.toContain('line gone');
    expect(markdown).not.toMatch(/2\.29\sMiB \|/);
  });

  it('lists a line edited in place that allocates more once, with the true delta, marked changed', async () => {
    const repo = repoOf(base, edited('bytearray(2 * n)'));
    const { result, report, markdown } = await compare(repo.dir, 'edited-grown');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const [scenario] = report.scenarios;
    const buffer = scenario.sites.filter(
      (site) => site.file === 'app/store.py' && (site.line === 6 || site.baseLine === 5),
    );
    expect(buffer).toHaveLength(1);
    expect(buffer[0]).toMatchObject({
      line: 6,
      baseLine: 5,
      function: 'load',
      text: 'payload = bytearray(2 * n)',
      changedLine: true,
    });
    expect(buffer[0].silent).toBeUndefined();
    // 2.4 MB more, give or take the object header.
    expect(buffer[0].sizeDelta).toBeGreaterThanOrEqual(2_400_000);
    expect(buffer[0].sizeDelta).toBeLessThan(2_400_200);
    expect(buffer[0].baseSize).toBeGreaterThanOrEqual(2_400_000);
    expect(markdown).toMatch(
      /\| <code>app\/store\.py:6<\/code>(?: in <code>[^|]*<\/code>)? \| ✏️ changed here \| \+2\.29\sMiB \|/,
    );
    expect(markdown).not.toContain('line gone');
    expect(result.stdout).toMatch(/app\/store\.py:6 \*\s+\+2\.29 MiB/);
  });

  it('keeps the line and link of a site on an unchanged line that stops allocating', async () => {
    const limited = (limit: string, docstring: string[]) => ({
      'app/__init__.py': '',
      'app/store.py': [
        ...docstring,
        `LIMIT = ${limit}`,
        'KEEP = []',
        '',
        '',
        'def remember(n):',
        '    if n <= LIMIT:',
        '        KEEP.append(bytearray(n))',
        '',
      ].join('\n'),
      'bench.py': 'from app.store import remember\n\nremember(500_000)\n',
    });
    // Head lowers the limit: the unchanged line 7 (head line 8) no longer allocates.
    const repo = repoOf(
      limited('1_000_000', []),
      limited('1_000', ['"""What the store keeps."""']),
    );
    const api = await startGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World' });
    try {
      const payload = examplePayload('push') as { before: string; after: string };
      payload.before = repo.shas[0];
      payload.after = repo.shas[1];
      const result = await runAction({
        inputs: { script: 'bench.py', 'github-token': TOKEN },
        eventName: 'push',
        payload,
        workspace: repo.dir,
        repository: 'Codertocat/Hello-World',
        apiUrl: api.url,
      });
      cleanup.push(dirname(dirname(result.outputs.report)));
      expect(result.exitCode, result.stdout).toBe(0);

      const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
      const stopped = report.scenarios[0].sites.find((site) => site.baseLine === 7);
      expect(stopped).toMatchObject({
        file: 'app/store.py',
        line: 8,
        baseLine: 7,
        text: 'KEEP.append(bytearray(n))',
        headSize: 0,
        changedLine: false,
        silent: true,
      });
      expect(stopped!.sizeDelta).toBeLessThanOrEqual(-500_000);

      const comment = readFileSync(result.outputs.comment, 'utf8');
      // The site's row (the verdict line names the site too).
      const row = comment
        .split('\n')
        .find((line) => line.startsWith('| ') && line.includes('app/store.py:8'));
      expect(row).toContain(
        `[<code>app/store.py:8</code>](https://github.com/Codertocat/Hello-World/blob/${repo.shas[1]}/app/store.py#L8)`,
      );
      expect(row).toContain('| indirect |');
      expect(comment).not.toContain('line gone');
      expect(result.summary).toContain(`blob/${repo.shas[1]}/app/store.py#L8`);
    } finally {
      await api.close();
    }
  });
});
