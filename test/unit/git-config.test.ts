// The repository's config as pull-request code sees it: without credentials (real git).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/sides/git.js';

const dir = mkdtempSync(join(tmpdir(), 'allocdiff-git-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('Git.configWithoutCredentials', () => {
  git('init', '--quiet');
  git('config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic c2VjcmV0');
  git('config', 'credential.helper', 'store --file /home/runner/creds');
  git('config', 'includeIf.gitdir:/x/.path', '/tmp/git-credentials.config');
  git('config', 'url.https://x-access-token:ghs_1@github.com/.insteadOf', 'https://github.com/');
  git('config', 'remote.origin.url', 'https://x-access-token:ghs_secret@github.com/o/r.git');
  git('config', 'user.name', 'A "quoted" \\ name');

  it('keeps the settings git needs and drops what may hold credentials', async () => {
    const text = await new Git(dir).configWithoutCredentials();
    expect(text).toContain('[core]');
    expect(text).not.toMatch(/extraheader|c2VjcmV0|credential|includeif|insteadof|ghs_/i);
    const copy = join(dir, 'copy');
    execFileSync('sh', ['-c', 'cat > "$0"', copy], { input: text });
    const read = (key: string) =>
      execFileSync('git', ['config', '--file', copy, key], { encoding: 'utf8' }).trim();
    expect(read('remote.origin.url')).toBe('https://github.com/o/r.git');
    expect(read('user.name')).toBe('A "quoted" \\ name');
    expect(read('core.bare')).toBe('false');
  });
});
