/**
 * Pull-request code (the benchmark, `setup`) runs where the action's own processes and files are
 * out of its reach. On Linux every process runProcess starts runs in a sandbox of its own:
 *
 * - a PID namespace with its own /proc: the node process (whose environment holds the token and
 *   every input from the moment it started, whatever `process.env` says later), the runner and
 *   every other process of the job are invisible, so `/proc/<pid>/environ` of an ancestor cannot
 *   be read; when the sandbox's first process ends, or the deadline kills it, the kernel kills
 *   every process left in the namespace (a `setsid()` child included);
 * - a mount namespace in which the action's own files (the bundle, the harness), the repository's
 *   `.git` and the runner's file-command folders (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, the step
 *   summary) are read-only, and the repository's git config is shown without credentials; so
 *   are the other side's checkout, Python environment and temporary folder (each side's
 *   processes are given what protects the other side's: `Protected`);
 * - the user's own uid, with no capability and no way to gain one (`sudo` and set-user-ID
 *   programs do not work inside), so none of that can be undone.
 *
 * Two ways to build it, tried in order: unprivileged user namespaces (`unshare --user`, no
 * privilege needed), then root through passwordless `sudo` (GitHub's Ubuntu 24.04 runners
 * restrict unprivileged user namespaces by AppArmor but give the runner user passwordless sudo),
 * which makes the namespaces and drops back to the user's uid and group, without its other groups,
 * with `setpriv --no-new-privs`. Either way the Docker daemon's socket is hidden (the runner user
 * is in the docker group, which is as good as root).
 * Where neither works, processes run as they are and `isolation()` says what that leaves open.
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

export type IsolationMode = 'user-namespaces' | 'sudo' | 'none';

export interface Isolation {
  mode: IsolationMode;
  /** What the mode leaves open, or how it was set up, in a sentence for the log. */
  note: string;
}

/**
 * What a sandbox protects, beyond the action's own folder: given to each process started (each
 * side's processes get their own, which protects the other side's files).
 */
export interface Protected {
  /** Folders and files made read-only. */
  readOnly: readonly string[];
  /** Files shown with other content, read-only: [file with the content, file it covers]. */
  covered: readonly (readonly [string, string])[];
}

export const NOTHING_PROTECTED: Protected = { readOnly: [], covered: [] };

/** `first` and `second` together. */
export function protectBoth(first: Protected, second: Protected): Protected {
  return {
    readOnly: [...new Set([...first.readOnly, ...second.readOnly])],
    covered: [...first.covered, ...second.covered],
  };
}

const DOCKER_SOCKETS = ['/run/docker.sock', '/var/run/docker.sock'];

/**
 * Run as root (of a user namespace, or through sudo): makes the mounts, then starts the command
 * as the user, in a new PID namespace with its own /proc.
 * Arguments: mode uid gid, count and read-only paths, count and pairs of covered files,
 * then the command.
 */
const SANDBOX_SCRIPT = String.raw`set -eu
mode=$1 uid=$2 gid=$3 count=$4
shift 4
readonly_bind() {
  mount --bind -o ro -- "$1" "$1" 2>/dev/null && return
  # The kernel refuses a remount that drops nosuid/nodev/noexec of the original mount.
  mount --bind -- "$1" "$1"
  flags=$(findmnt -n -o VFS-OPTIONS -T "$1" | tr ',' '\n' | grep -xE 'nosuid|nodev|noexec' | tr '\n' ',' || true)
  mount -o "remount,bind,ro,$flags" -- "$1" "$1"
}
while [ "$count" -gt 0 ]; do
  [ -e "$1" ] && readonly_bind "$1"
  shift
  count=$((count - 1))
done
count=$1
shift
while [ "$count" -gt 0 ]; do
  [ -e "$2" ] && mount --bind -- "$1" "$2" && readonly_bind "$2"
  shift 2
  count=$((count - 1))
done
if [ "$mode" = user-namespaces ]; then
  # The namespace's first process is a shell that waits for the command: a namespace's first
  # process ignores the signals it sends itself, and the command must not (os.kill(getpid())).
  # It exits with the command's status, 128 + n for a signal, as shells do.
  exec unshare --user --map-user="$uid" --map-group="$gid" --pid --fork --kill-child --mount-proc \
    -- sh -c '"$@" & wait "$!"' allocdiff-sandbox "$@"
fi
# Through sudo: the first process of the namespace is root's shell, which the user's processes
# cannot signal; it ends (and the kernel kills what is left) when the command ends, or when
# allocdiff writes "kill" to the sandbox's stdin (a deadline).
exec unshare --pid --fork --mount-proc -- sh -c '
  uid=$1 gid=$2
  shift 2
  setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs --inh-caps=-all \
    --bounding-set=-all -- "$@" </dev/null &
  command=$!
  exec 3<&0
  while read -r line; do [ "$line" = kill ] && kill -KILL -1; done <&3 &
  set +e
  wait "$command"
  status=$?
  kill -KILL -1 2>/dev/null
  exit "$status"
' allocdiff-sandbox "$uid" "$gid" "$@"
`;

/**
 * The command line that runs `command args` in the sandbox of `mode`, with `env`, in `cwd`
 * (which stays writable: a protected folder that holds it is left as it is), `protect`ed.
 */
export function sandboxed(
  mode: Exclude<IsolationMode, 'none'>,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  protect: Protected = NOTHING_PROTECTED,
): { command: string; args: string[] } {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const inside = (dir: string) => (path: string) => path === dir || path.startsWith(`${dir}/`);
  const readOnly = [actionRoot(), ...protect.readOnly].filter((dir) => !inside(dir)(cwd));
  // The Docker daemon's socket (the runner user is in the docker group) would give root.
  const covered = [...DOCKER_SOCKETS.map((socket) => ['/dev/null', socket]), ...protect.covered];
  const inner = [
    'sh',
    '-c',
    SANDBOX_SCRIPT,
    'allocdiff-sandbox',
    mode,
    String(uid),
    String(gid),
    String(readOnly.length),
    ...readOnly,
    String(covered.length),
    ...covered.flat(),
    command,
    ...args,
  ];
  if (mode === 'user-namespaces') {
    return {
      command: 'unshare',
      args: ['--user', '--map-root-user', '--mount', '--propagation', 'private', '--', ...inner],
    };
  }
  const asRoot = ['unshare', '--mount', '--propagation', 'private', '--', ...inner];
  // Already root (a container job): the same, without sudo.
  if (uid === 0) return { command: asRoot[0], args: asRoot.slice(1) };
  // sudo resets the environment: it is passed on the command line (it holds no secret).
  const variables = Object.entries(env)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`);
  return {
    command: 'sudo',
    args: ['-n', '--', 'env', '-i', ...variables, ...asRoot],
  };
}

/** The folder the action runs from (`dist/`'s parent, or the source checkout's root). */
export function actionRoot(): string {
  const here = dirname(new URL(import.meta.url).pathname);
  // dist/index.js, dist/chunks/x.js, src/capture/isolation.ts: the folder holding package.json.
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      // Look one folder up.
    }
  }
  return here;
}

let detected: Isolation | undefined;

/**
 * The signal a sandboxed process that exited with `code` was killed by: the sandbox's first
 * process reports the command's status as shells do, 128 + the signal's number.
 */
export function signalOfStatus(code: number | null): NodeJS.Signals | undefined {
  if (code === null || code <= 128 || code > 128 + 64) return undefined;
  return (Object.entries(constants.signals) as [NodeJS.Signals, number][]).find(
    ([, number]) => number === code - 128,
  )?.[0];
}

/** Runs a command line to the end: whether it exited with 0 (process.ts runs it). */
export type Probe = (line: { command: string; args: string[] }, env: NodeJS.ProcessEnv) => boolean;

/**
 * Whether `mode`'s sandbox works here: inside it, the command must be the second process of its
 * PID namespace, and the action's folder read-only.
 */
function works(mode: Exclude<IsolationMode, 'none'>, probe: Probe): boolean {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const check = ['-c', '[ "$$" = 2 ] && [ ! -w "$0" ]', actionRoot()];
  return probe(sandboxed(mode, 'sh', check, env, '/'), env);
}

/**
 * How pull-request code is isolated here, found once (with `probe`). `ALLOCDIFF_ISOLATION`
 * (`user-namespaces`, `sudo`, `none`) picks one, for tests and for machines where a probe would
 * mislead.
 */
export function isolation(probe: Probe): Isolation {
  if (detected) return detected;
  const chosen = process.env.ALLOCDIFF_ISOLATION;
  const candidates: Exclude<IsolationMode, 'none'>[] =
    chosen === 'user-namespaces' || chosen === 'sudo'
      ? [chosen]
      : chosen === 'none' || process.platform !== 'linux'
        ? []
        : ['user-namespaces', 'sudo'];
  const mode = candidates.find((candidate) => works(candidate, probe)) ?? 'none';
  detected = { mode, note: NOTES[mode] };
  return detected;
}

const NOTES: Record<IsolationMode, string> = {
  'user-namespaces':
    'pull-request code runs in user, PID and mount namespaces: it cannot see this process nor ' +
    "the runner's, and the action's files, .git and the runner's file commands are read-only to it",
  sudo:
    'pull-request code runs in PID and mount namespaces made as root (through sudo), as this ' +
    'user with no ' +
    "privilege: it cannot see this process nor the runner's, and the action's files, .git and " +
    "the runner's file commands are read-only to it",
  none:
    'pull-request code is NOT isolated here (no user namespaces, no passwordless sudo): it runs ' +
    "as this user, with an environment stripped of secrets, but it can read this process's " +
    'initial environment (/proc/<pid>/environ: the token and every input) and write the files ' +
    'this user owns',
};
