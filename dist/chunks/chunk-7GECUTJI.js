import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  RunFailure
} from "./chunk-XA3YYY7N.js";

// src/capture/isolation.ts
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
var NOTHING_PROTECTED = { readOnly: [], covered: [] };
function protectBoth(first, second) {
  return {
    readOnly: [.../* @__PURE__ */ new Set([...first.readOnly, ...second.readOnly])],
    covered: [...first.covered, ...second.covered]
  };
}
var DOCKER_SOCKETS = ["/run/docker.sock", "/var/run/docker.sock"];
var SANDBOX_SCRIPT = String.raw`set -eu
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
function sandboxed(mode, command, args, env, cwd, protect = NOTHING_PROTECTED) {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const inside = (dir) => (path) => path === dir || path.startsWith(`${dir}/`);
  const readOnly = [actionRoot(), ...protect.readOnly].filter((dir) => !inside(dir)(cwd));
  const covered = [...DOCKER_SOCKETS.map((socket) => ["/dev/null", socket]), ...protect.covered];
  const inner = [
    "sh",
    "-c",
    SANDBOX_SCRIPT,
    "allocdiff-sandbox",
    mode,
    String(uid),
    String(gid),
    String(readOnly.length),
    ...readOnly,
    String(covered.length),
    ...covered.flat(),
    command,
    ...args
  ];
  if (mode === "user-namespaces") {
    return {
      command: "unshare",
      args: ["--user", "--map-root-user", "--mount", "--propagation", "private", "--", ...inner]
    };
  }
  const asRoot = ["unshare", "--mount", "--propagation", "private", "--", ...inner];
  if (uid === 0) return { command: asRoot[0], args: asRoot.slice(1) };
  const variables = Object.entries(env).filter(([, value]) => value !== void 0).map(([name, value]) => `${name}=${value}`);
  return {
    command: "sudo",
    args: ["-n", "--", "env", "-i", ...variables, ...asRoot]
  };
}
function actionRoot() {
  const here = dirname(new URL(import.meta.url).pathname);
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      readFileSync(join(dir, "package.json"));
      return dir;
    } catch {
    }
  }
  return here;
}
var detected;
function signalOfStatus(code) {
  if (code === null || code <= 128 || code > 128 + 64) return void 0;
  return Object.entries(constants.signals).find(
    ([, number]) => number === code - 128
  )?.[0];
}
function works(mode, probe2) {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  const check = ["-c", '[ "$$" = 2 ] && [ ! -w "$0" ]', actionRoot()];
  return probe2(sandboxed(mode, "sh", check, env, "/"), env);
}
function isolation(probe2) {
  if (detected) return detected;
  const chosen = process.env.ALLOCDIFF_ISOLATION;
  const candidates = chosen === "user-namespaces" || chosen === "sudo" ? [chosen] : chosen === "none" || process.platform !== "linux" ? [] : ["user-namespaces", "sudo"];
  const mode = candidates.find((candidate) => works(candidate, probe2)) ?? "none";
  detected = { mode, note: NOTES[mode] };
  return detected;
}
var NOTES = {
  "user-namespaces": "pull-request code runs in user, PID and mount namespaces: it cannot see this process nor the runner's, and the action's files, .git and the runner's file commands are read-only to it",
  sudo: "pull-request code runs in PID and mount namespaces made as root (through sudo), as this user with no privilege: it cannot see this process nor the runner's, and the action's files, .git and the runner's file commands are read-only to it",
  none: "pull-request code is NOT isolated here (no user namespaces, no passwordless sudo): it runs as this user, with an environment stripped of secrets, but it can read this process's initial environment (/proc/<pid>/environ: the token and every input) and write the files this user owns"
};

// src/capture/process.ts
import { spawn, spawnSync } from "node:child_process";
var TAIL_BYTES = 64 * 1024;
var CLOSE_GRACE_MS = 2e3;
function keepTail(text) {
  if (text.length <= TAIL_BYTES) return text;
  const start = text.length - TAIL_BYTES;
  const code = text.charCodeAt(start);
  return text.slice(code >= 56320 && code <= 57343 ? start + 1 : start);
}
function isolationHere() {
  return isolation((line, env) => {
    const result = spawnSync(line.command, line.args, {
      env,
      stdio: ["pipe", "ignore", "ignore"],
      input: "",
      timeout: 1e4
    });
    return result.status === 0;
  });
}
var running = /* @__PURE__ */ new Set();
var stopped;
var stoppedBySignal;
function stopAllProcesses(reason, signal) {
  if (!stopped) stoppedBySignal = signal;
  stopped ??= new RunFailure(reason);
  for (const kill of running) kill();
}
function stopReason() {
  return stopped;
}
function stopSignal() {
  return stoppedBySignal;
}
function killGroup(pid) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
  }
}
function runProcess(command, args, options) {
  if (stopped) {
    return Promise.resolve({ exitCode: null, signal: null, outputTail: "", spawnError: stopped });
  }
  return new Promise((resolve2) => {
    let tail = "";
    let spawnError;
    let timedOut = false;
    let settled = false;
    const { mode } = isolationHere();
    const line = mode === "none" ? { command, args } : sandboxed(mode, command, args, options.env, options.cwd, options.protect);
    const child = spawn(line.command, line.args, {
      cwd: options.cwd,
      env: options.env,
      // Through sudo, the sandbox's processes are not this user's to kill: its root process
      // kills them when told on stdin (the command's own stdin is /dev/null all the same: bash
      // reads ~/.bashrc when its stdin is a socket, as node's pipes are).
      stdio: [mode === "sudo" ? "pipe" : "ignore", "pipe", "pipe"],
      detached: process.platform !== "win32"
    });
    child.stdin?.on("error", () => void 0);
    const killAll = () => {
      if (child.stdin && !child.stdin.writableEnded) child.stdin.end("kill\n");
      killGroup(child.pid);
    };
    running.add(killAll);
    const keep = (text) => {
      if (text === "") return;
      options.onOutput(text);
      tail = keepTail(tail + text);
    };
    const decoders = [new TextDecoder("utf-8"), new TextDecoder("utf-8")];
    child.stdout.on("data", (data) => keep(decoders[0].decode(data, { stream: true })));
    child.stderr.on("data", (data) => keep(decoders[1].decode(data, { stream: true })));
    child.stdout.on("end", () => keep(decoders[0].decode()));
    child.stderr.on("end", () => keep(decoders[1].decode()));
    const remaining = options.deadline === void 0 ? void 0 : options.deadline - Date.now();
    const timer = remaining === void 0 ? void 0 : setTimeout(
      () => {
        timedOut = true;
        killAll();
      },
      Math.max(0, remaining)
    );
    let grace;
    const finish = (exitCode, signal) => {
      if (settled) return;
      settled = true;
      running.delete(killAll);
      const reported = mode === "none" ? void 0 : signalOfStatus(exitCode);
      if (reported) [exitCode, signal] = [null, reported];
      clearTimeout(timer);
      clearTimeout(grace);
      resolve2({
        exitCode,
        signal,
        outputTail: tail,
        ...spawnError ? { spawnError } : {},
        ...timedOut ? { timedOut: true } : {}
      });
    };
    child.on("error", (error) => {
      spawnError = error;
      if (child.pid === void 0) finish(null, null);
    });
    child.on("exit", (exitCode, signal) => {
      killAll();
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, signal);
      }, CLOSE_GRACE_MS);
    });
    child.on("close", (exitCode, signal) => finish(exitCode, signal));
  });
}
function lastLines(text, count = 20) {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.slice(-count).join("\n");
}

// src/capture/interpreter.ts
import { createHash, randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants as constants2,
  existsSync,
  openSync,
  readFileSync as readFileSync2,
  readSync,
  statSync
} from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { machine, release, type as osType, version as osVersion } from "node:os";
import { delimiter, dirname as dirname2, join as join2, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var DEFAULT_PYTHON = "python3";
function harnessDirectory() {
  const here = dirname2(fileURLToPath(import.meta.url));
  const candidates = [
    join2(here, "harness"),
    join2(here, "..", "harness"),
    join2(here, "..", "..", "python")
  ];
  const found = candidates.find((dir) => existsSync(join2(dir, "allocdiff_harness", "__main__.py")));
  if (!found)
    throw new RunFailure(
      `the allocdiff Python harness is missing (looked in ${candidates.join(", ")})`
    );
  return found;
}
var PROBE = `import json, platform, sys
try:
    with open("/proc/self/maps") as maps:
        files = sorted({line.split(None, 5)[5].rstrip("\\n") for line in maps if len(line.split(None, 5)) == 6})
except OSError:
    files = []
print(json.dumps({"implementation": platform.python_implementation(), "version": platform.python_version(), "platform": platform.platform(), "executable": sys.executable, "files": files}))`;
var asked = /* @__PURE__ */ new Map();
function askInterpreter(python, env, rememberIn) {
  const key = JSON.stringify([python, entriesOf(env), rememberIn ?? null]);
  let answer = asked.get(key);
  if (!answer) {
    answer = rememberIn === void 0 ? probe(python, env).then((probed) => probed.facts) : askRemembering(python, env, rememberIn).then((given) => given.facts);
    asked.set(key, answer);
  }
  return answer;
}
function entriesOf(env) {
  return Object.entries(env).filter((entry) => entry[1] !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}
async function probe(python, env) {
  const result = await runProcess(python, ["-I", "-S", "-c", PROBE], {
    cwd: harnessDirectory(),
    env,
    onOutput: () => void 0,
    deadline: Date.now() + 6e4
  });
  let answer;
  try {
    answer = JSON.parse(result.outputTail.trim().split("\n").at(-1) ?? "");
  } catch {
    answer = void 0;
  }
  if (result.exitCode !== 0 || !answer?.version) {
    return {
      facts: `${python} could not tell its version (exit code ${result.exitCode})`,
      files: []
    };
  }
  const { files } = answer;
  const mapped = Array.isArray(files) ? files.filter((file) => typeof file === "string") : [];
  return { facts: factsOf(answer), files: mapped };
}
function factsOf(facts) {
  const { implementation, version, platform, executable } = facts;
  return { implementation, version, platform, executable };
}
var REMEMBERED_FORMAT = "allocdiff.interpreter/1";
var SETTLED_MS = 2e3;
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
async function askRemembering(python, env, dir) {
  const cwd = harnessDirectory();
  const question = JSON.stringify({
    python,
    env: entriesOf(env),
    cwd,
    kernel: [osType(), release(), osVersion(), machine()]
  });
  const file = join2(dir, `allocdiff-interpreter-${sha256(question).slice(0, 32)}.json`);
  let kept;
  try {
    kept = stillHolds(file, question, python, env, cwd);
  } catch {
    kept = void 0;
  }
  if (kept) return { facts: kept, remembered: true };
  let before;
  try {
    before = choosing(python, env, cwd);
  } catch {
    before = void 0;
  }
  const { facts, files } = await probe(python, env);
  if (typeof facts === "string" || !before) return { facts, remembered: false };
  const named = files.filter((path) => path.startsWith("/"));
  if (named.length === 0 || named.some((path) => /^\/(memfd:|SYSV)| \(deleted\)$/.test(path)))
    return { facts, remembered: false };
  const mapped = [.../* @__PURE__ */ new Set([...named, facts.executable])].filter((path) => path.startsWith("/"));
  const seenAt = Date.now();
  try {
    const after = choosing(python, env, cwd);
    if (!after || JSON.stringify(after) !== JSON.stringify(before))
      return { facts, remembered: false };
    const seen = [...after.files, ...mapped.map((path) => see(path))];
    if (seen.slice(after.files.length).some((entry) => entry.identity === null))
      return { facts, remembered: false };
    if (seen.some((entry) => entry.changed !== void 0 && entry.changed > seenAt - SETTLED_MS))
      return { facts, remembered: false };
    const remembered = {
      format: REMEMBERED_FORMAT,
      asked: question,
      program: after.program,
      files: seen.map(({ path, identity, byContent }) => ({
        path,
        identity,
        ...byContent ? { byContent } : {}
      })),
      facts
    };
    await mkdir(dir, { recursive: true, mode: 448 });
    const partial = join2(dir, `.${randomBytes(6).toString("hex")}.partial`);
    try {
      await writeFile(partial, JSON.stringify(remembered), { mode: 384 });
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
  } catch {
  }
  return { facts, remembered: false };
}
function stillHolds(file, question, python, env, cwd) {
  const kept = JSON.parse(readFileSync2(file, "utf8"));
  if (kept.format !== REMEMBERED_FORMAT || kept.asked !== question) return void 0;
  const { facts, files, program } = kept;
  const fields = ["executable", "implementation", "version", "platform"];
  if (!facts || fields.some((field) => typeof facts[field] !== "string") || !facts.version)
    return void 0;
  if (!Array.isArray(files) || files.length === 0 || typeof program !== "string") return void 0;
  if (!files.every(
    (entry) => typeof entry?.path === "string" && (entry.identity === null || typeof entry.identity === "string") && (entry.byContent === void 0 || entry.byContent === true)
  ))
    return void 0;
  if (resolveProgram(python, env, cwd) !== program) return void 0;
  const now = files.map((entry) => see(entry.path, entry.byContent === true));
  if (now.some((entry, index) => entry.identity !== files[index].identity)) return void 0;
  return factsOf(facts);
}
function choosing(python, env, cwd) {
  const program = resolveProgram(python, env, cwd);
  if (!program) return void 0;
  const programs = python.includes("/") ? [program] : pathDirs(env, cwd).map((dir) => join2(dir, python));
  const seen = programs.map((path) => see(path));
  const head = firstBytes(program, 4096).toString("latin1");
  if (head.startsWith("#!")) {
    const root = /^export PYENV_ROOT="([^"$`\\]+)"$/m.exec(head)?.[1];
    if (!root) return void 0;
    seen.push(see(join2(root, "version"), true), see(join2(root, "versions")));
    for (let folder = cwd; ; folder = dirname2(folder)) {
      seen.push(see(join2(folder, ".python-version"), true));
      if (dirname2(folder) === folder) break;
    }
  }
  return { program, files: seen };
}
function pathDirs(env, cwd) {
  return (env.PATH ?? "").split(delimiter).map((dir) => resolve(cwd, dir || "."));
}
function resolveProgram(python, env, cwd) {
  const candidates = python.includes("/") ? [resolve(cwd, python)] : pathDirs(env, cwd).map((dir) => join2(dir, python));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants2.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
    }
  }
  return void 0;
}
function see(path, byContent = false) {
  try {
    if (byContent) {
      const digest = createHash("sha256").update(readFileSync2(path)).digest("hex");
      return { path, identity: digest, byContent: true };
    }
    const found = statSync(path, { bigint: true });
    const identity = [
      found.dev,
      found.ino,
      found.mode,
      found.size,
      found.mtimeNs,
      found.ctimeNs
    ].join(":");
    return { path, identity, changed: Number(found.mtimeNs / 1000000n) };
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return { path, identity: null, ...byContent ? { byContent: true } : {} };
    }
    throw error;
  }
}
function firstBytes(path, count) {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(count);
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

export {
  protectBoth,
  keepTail,
  isolationHere,
  stopAllProcesses,
  stopReason,
  stopSignal,
  runProcess,
  lastLines,
  DEFAULT_PYTHON,
  harnessDirectory,
  askInterpreter
};
