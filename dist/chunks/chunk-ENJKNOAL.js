import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  NO_STRING,
  SITE_COLUMNS,
  SNAPSHOT_SCHEMA,
  siteTable,
  snapshotDocument
} from "./chunk-HO75OTWT.js";
import {
  VERSION
} from "./chunk-4243Q66V.js";
import {
  InvalidDataError,
  RunFailure,
  errorMessage
} from "./chunk-XA3YYY7N.js";

// src/capture/side-cache.ts
import { createHash, randomBytes } from "node:crypto";
import { mkdir as mkdir2, readdir, readFile, rename, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/capture/decode.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var COLUMN_RANGES = SITE_COLUMNS.map((name) => {
  const element = siteTable.shape[name].element;
  return { name, min: element.minValue, max: element.maxValue };
});
function isWholeColumn(column, min, max) {
  if (!Array.isArray(column)) return false;
  for (let index = 0; index < column.length; index += 1) {
    const value = column[index];
    if (!Number.isInteger(value) || value < min || value > max)
      return false;
  }
  return true;
}
function isStringList(list) {
  if (!Array.isArray(list)) return false;
  for (let index = 0; index < list.length; index += 1)
    if (typeof list[index] !== "string") return false;
  return true;
}
function setColumnsAside(document) {
  const taken = [];
  const lighten = (table, scenario, peak) => {
    if (!isObject(table)) return table;
    const light = { ...table };
    for (const { name, min, max } of COLUMN_RANGES) {
      const column = table[name];
      if (!isWholeColumn(column, min, max) || column.length === 0) continue;
      light[name] = [];
      taken.push({ scenario, peak, name, column });
    }
    return light;
  };
  const scenarios = document.scenarios.map((scenario, index) => {
    if (!isObject(scenario)) return scenario;
    const light = { ...scenario };
    if ("sites" in scenario) light.sites = lighten(scenario.sites, index, false);
    if (isObject(scenario.peak) && "sites" in scenario.peak)
      light.peak = { ...scenario.peak, sites: lighten(scenario.peak.sites, index, true) };
    return light;
  });
  const strings = isStringList(document.strings) ? document.strings : void 0;
  return {
    document: { ...document, scenarios, ...strings ? { strings: [] } : {} },
    restore(parsed) {
      if (strings) parsed.strings = strings;
      for (const { scenario, peak, name, column } of taken) {
        const parsedScenario = parsed.scenarios[scenario];
        const table = peak ? parsedScenario.peak.sites : parsedScenario.sites;
        table[name] = column;
      }
    }
  };
}
var PROBLEMS_SHOWN = 10;
function decodeSnapshot(document, what) {
  if (!isObject(document)) throw new InvalidDataError(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new InvalidDataError(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} (the harness and the action come from different allocdiff versions)`
    );
  }
  if (!Array.isArray(document.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const aside = setColumnsAside(document);
  const checked = snapshotDocument.safeParse(aside.document);
  if (!checked.success) {
    try {
      resolve(document, what);
    } catch (error) {
      if (error instanceof InvalidDataError) throw error;
    }
    const { issues } = checked.error;
    const problems = issues.slice(0, PROBLEMS_SHOWN).map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
    if (issues.length > PROBLEMS_SHOWN)
      problems.push(`\u2026 and ${issues.length - PROBLEMS_SHOWN} more`);
    throw new InvalidDataError(
      `${what} does not match the snapshot schema ${SNAPSHOT_SCHEMA}:
  ${problems.join("\n  ")}`
    );
  }
  aside.restore(checked.data);
  return resolve(checked.data, what);
}
function resolve(raw, what) {
  const strings = Array.isArray(raw.strings) ? raw.strings : [];
  const text = (index, key) => {
    const value = strings[index];
    if (typeof value !== "string")
      throw new InvalidDataError(
        `${what}: ${key} refers to string ${index}, not in its string table`
      );
    return value;
  };
  const location = (encoded) => {
    const target = encoded;
    target.file = text(encoded.file, "file");
    if (encoded.text !== void 0) target.text = text(encoded.text, "text");
    if (encoded.function !== void 0) target.function = text(encoded.function, "function");
  };
  const siteList = (table, key) => {
    if (!isObject(table) || !Array.isArray(table.line))
      throw new InvalidDataError(`${what}: ${key} is not a table of site columns`);
    const { file, line, text: texts, function: functions, size, count } = table;
    const rows = line.length;
    const columns = { file, text: texts, function: functions, size, count };
    for (const [name, column] of Object.entries(columns)) {
      if (!Array.isArray(column) || column.length !== rows)
        throw new InvalidDataError(
          `${what}: ${key}.${name} does not have one entry per site (${rows})`
        );
    }
    const sites = new Array(rows);
    for (let row = 0; row < rows; row += 1) {
      const textIndex = texts[row];
      const functionIndex = functions[row];
      sites[row] = {
        file: text(file[row], "file"),
        line: line[row],
        text: textIndex === NO_STRING ? void 0 : text(textIndex, "text"),
        function: functionIndex === NO_STRING ? void 0 : text(functionIndex, "function"),
        size: size[row],
        count: count[row]
      };
    }
    const at = (row, field) => {
      const site = sites[row];
      if (site === void 0)
        throw new InvalidDataError(`${what}: ${key}.${field} names site ${row} of ${rows}`);
      return site;
    };
    for (const field of ["repeats", "tracebacks"]) {
      if (table[field] !== void 0 && !Array.isArray(table[field]))
        throw new InvalidDataError(`${what}: ${key}.${field} is not a list of [row, \u2026] entries`);
    }
    for (const [row, sizes, counts] of table.repeats ?? []) {
      const site = at(row, "repeats");
      site.sizes = sizes;
      site.counts = counts;
    }
    for (const [row, tracebacks] of table.tracebacks ?? []) {
      for (const traceback of tracebacks) for (const frame of traceback.frames) location(frame);
      at(row, "tracebacks").tracebacks = tracebacks;
    }
    return sites;
  };
  const scenario = (rawScenario) => {
    const decoded = rawScenario;
    decoded.repeats ??= [];
    decoded.sites = siteList(rawScenario.sites, `scenario ${rawScenario.name} sites`);
    if (rawScenario.peak)
      decoded.peak.sites = siteList(
        rawScenario.peak.sites,
        `scenario ${rawScenario.name} peak sites`
      );
    for (const site of rawScenario.leak?.sites ?? []) location(site);
    for (const site of rawScenario.retention?.sites ?? []) {
      location(site);
      for (const path of site.paths) for (const step of path.via) location(step);
    }
    return decoded;
  };
  const { scenarios, ...envelope } = raw;
  return {
    schema: envelope.schema,
    harness: envelope.harness,
    python: envelope.python,
    platform: envelope.platform,
    frames: envelope.frames,
    repeats: envelope.repeats ?? 1,
    iterations: envelope.iterations ?? 0,
    timings: envelope.timings ?? { setupSeconds: 0, totalSeconds: 0 },
    unmeasured: envelope.unmeasured ?? [],
    scenarios: scenarios.map(scenario),
    ...envelope.foreignModules ? { foreignModules: envelope.foreignModules } : {},
    ...envelope.reads ? { reads: envelope.reads } : {}
  };
}

// src/capture/process.ts
import { spawn, spawnSync } from "node:child_process";

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
function works(mode, probe) {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  const check = ["-c", '[ "$$" = 2 ] && [ ! -w "$0" ]', actionRoot()];
  return probe(sandboxed(mode, "sh", check, env, "/"), env);
}
function isolation(probe) {
  if (detected) return detected;
  const chosen = process.env.ALLOCDIFF_ISOLATION;
  const candidates = chosen === "user-namespaces" || chosen === "sudo" ? [chosen] : chosen === "none" || process.platform !== "linux" ? [] : ["user-namespaces", "sudo"];
  const mode = candidates.find((candidate) => works(candidate, probe)) ?? "none";
  detected = { mode, note: NOTES[mode] };
  return detected;
}
var NOTES = {
  "user-namespaces": "pull-request code runs in user, PID and mount namespaces: it cannot see this process nor the runner's, and the action's files, .git and the runner's file commands are read-only to it",
  sudo: "pull-request code runs in PID and mount namespaces made as root (through sudo), as this user with no privilege: it cannot see this process nor the runner's, and the action's files, .git and the runner's file commands are read-only to it",
  none: "pull-request code is NOT isolated here (no user namespaces, no passwordless sudo): it runs as this user, with an environment stripped of secrets, but it can read this process's initial environment (/proc/<pid>/environ: the token and every input) and write the files this user owns"
};

// src/capture/process.ts
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
function stopAllProcesses(reason) {
  stopped ??= new RunFailure(reason);
  for (const kill of running) kill();
}
function stopReason() {
  return stopped;
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

// src/capture/side-runner.ts
import { isAscii } from "node:buffer";
import { existsSync } from "node:fs";
import { mkdtemp as mkdtemp2 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { delimiter as delimiter2, dirname as dirname2, join as join3 } from "node:path";
import { fileURLToPath } from "node:url";

// src/capture/address-randomization.ts
import { tmpdir } from "node:os";
var randomizationProbe;
function canTurnOffAddressRandomization(env) {
  randomizationProbe ??= runProcess("setarch", ["-R", "true"], {
    cwd: tmpdir(),
    env,
    onOutput: () => void 0
  }).then((result) => result.exitCode === 0 && result.signal === null && !result.spawnError);
  return randomizationProbe;
}
var RANDOM_ADDRESSES = {
  what: "exact peaks",
  why: "address space randomisation could not be turned off here (setarch -R), so whole-process peaks may differ by a few hundred bytes between identical runs"
};

// src/capture/snapshot-file.ts
import { constants as constants2 } from "node:fs";
import { open } from "node:fs/promises";
var MAX_SNAPSHOT_BYTES = 500 * 1024 * 1024;
function mebibytes(bytes) {
  return `${Number((bytes / 1024 / 1024).toPrecision(3))} MiB`;
}
function fileKind(stats) {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}
async function readSnapshotFile(path, limit = MAX_SNAPSHOT_BYTES) {
  let handle;
  try {
    handle = await open(path, constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK);
  } catch (error) {
    const code = error.code;
    if (code === "ELOOP" || code === "EMLINK")
      throw new InvalidDataError(
        `snapshot ${path} is a symbolic link, not the file the harness writes: refusing to follow it`
      );
    throw new InvalidDataError(`snapshot ${path} could not be opened: ${error.message}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new InvalidDataError(
        `snapshot ${path} is ${fileKind(stats)}, not the regular file the harness writes: refusing to read it`
      );
    const tooLarge = (size) => new InvalidDataError(
      `snapshot ${path} is ${mebibytes(size)} (${size} bytes), over the limit of ${mebibytes(limit)} (${limit} bytes) a snapshot may have`
    );
    if (stats.size > limit) throw tooLarge(stats.size);
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (; ; ) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(length);
        const grown = Buffer.allocUnsafe(Math.min(length * 2, limit + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

// src/capture/side-environment.ts
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, join as join2 } from "node:path";
var PROBE = `
import importlib.util, json, site, sys
own = site.getsitepackages() if hasattr(site, "getsitepackages") else []
base = site.getsitepackages([sys.base_prefix]) if sys.prefix != sys.base_prefix else own
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "pip": importlib.util.find_spec("pip") is not None,
    "ownSitePackages": [path for path in own if path not in base],
}))
`;
var CHECK = `
import importlib.util, json, sys
print(json.dumps({"path": sys.path, "pip": importlib.util.find_spec("pip") is not None}))
`;
var USER_SITE_PTH = "zz-allocdiff-user-site.pth";
var SideEnvironment = class {
  constructor(dir, python) {
    this.dir = dir;
    this.python = python;
  }
  dir;
  python;
  made;
  /** Whether `setup` ran in this side's checkout and environment and succeeded. */
  setupDone = false;
  /**
   * The interpreter and variables of this side's environment, made on the first call (its
   * processes killed at `deadline`); later calls reuse it. A ScenarioError when it cannot be
   * made: the side then fails with that error rather than touch the user's environment.
   */
  async activate(env, log, deadline, protect) {
    this.made ??= this.make(env, log, deadline, protect).catch((error) => ({
      type: "EnvironmentFailed",
      message: `could not make a virtual environment for this side: ${error.message}`,
      output: ""
    }));
    const failure = await this.made;
    if (failure) return failure;
    const bin = join2(this.dir, "bin");
    const active = {
      ...env,
      VIRTUAL_ENV: this.dir,
      PATH: [bin, env.PATH].filter(Boolean).join(delimiter)
    };
    delete active.PYTHONHOME;
    return { python: join2(bin, "python"), env: active };
  }
  async make(env, log, deadline, protect) {
    const run = (command, args, shown = true) => runProcess(command, args, {
      cwd: tmpdir2(),
      env,
      onOutput: shown ? (chunk) => log.output(chunk) : () => void 0,
      deadline,
      ...protect ? { protect } : {}
    });
    const fail = (what, result) => ({
      type: result?.timedOut ? "TimedOut" : "EnvironmentFailed",
      message: `could not make a virtual environment for this side (with a setup, each side runs in one of its own, so that setup never installs into the user's Python): ${what}` + (result ? ` ${exitOf(result)}` : ""),
      output: result ? lastLines(result.outputTail) : ""
    });
    const python = join2(this.dir, "bin", "python");
    const checkEnvironment = async () => {
      const result = await run(python, ["-c", CHECK], false);
      const check = lastJson(result);
      return check ?? fail(`${python} -c <check>`, result);
    };
    log.info(`Python environment of this side: ${this.dir} (${this.python} -m venv)`);
    const [probeRun, venv] = await Promise.all([
      run(this.python, ["-c", PROBE], false),
      run(this.python, ["-m", "venv", "--system-site-packages", "--without-pip", this.dir])
    ]);
    if (venv.exitCode !== 0) return fail(`${this.python} -m venv`, venv);
    const probe = lastJson(probeRun);
    if (!probe) return fail(`${this.python} -c <probe>`, probeRun);
    const { ownSitePackages, version } = probe;
    let { pip } = probe;
    if (ownSitePackages.length > 0) {
      let check = await checkEnvironment();
      if ("type" in check) return check;
      const sitePackages = check.path.find((path) => path.startsWith(`${this.dir}/`));
      if (!sitePackages) return fail(`no site-packages folder in ${this.dir}`);
      const lines = ownSitePackages.map(
        (path) => `import site; site.addsitedir(${JSON.stringify(path)})`
      );
      await writeFile(join2(sitePackages, USER_SITE_PTH), `${lines.join("\n")}
`);
      check = await checkEnvironment();
      if ("type" in check) return check;
      const seen = check.path;
      const unseen = ownSitePackages.filter((path) => !seen.includes(path));
      if (unseen.length > 0) return fail(`it does not see ${unseen.join(", ")}`);
    }
    if (!pip) {
      const check = await checkEnvironment();
      if ("type" in check) return check;
      pip = check.pip;
    }
    if (!pip) {
      log.info(`${this.python} has no pip: installing one into this side's environment`);
      const ensurepip = await run(python, ["-m", "ensurepip", "--default-pip"]);
      if (ensurepip.timedOut) return fail(`${python} -m ensurepip`, ensurepip);
      if (ensurepip.exitCode === 0) return void 0;
      log.warning(`no pip in this side's Python environment: ensurepip ${exitOf(ensurepip)}`);
    }
    const script = pip ? `exec ${shellQuote(python)} -m pip "$@"
` : `echo ${shellQuote(
      `allocdiff: pip is not available in this side's Python environment: ${this.python} has no pip module and ensurepip could not install one; install pip for it`
    )} >&2
exit 1
`;
    for (const name of ["pip", "pip3", `pip${version}`]) {
      const path = join2(this.dir, "bin", name);
      await writeFile(path, `#!/bin/sh
${script}`);
      await chmod(path, 493);
    }
    return void 0;
  }
};
var SideEnvironments = class _SideEnvironments {
  constructor(root, base, head) {
    this.root = root;
    this.base = base;
    this.head = head;
  }
  root;
  base;
  head;
  /** Reserves a folder for the environments; each is made on its side's first use. */
  static async create(python, tempRoot = process.env.RUNNER_TEMP || tmpdir2()) {
    const root = await mkdtemp(join2(await realpath(tempRoot), "allocdiff-env-"));
    await Promise.all(["base", "head"].map((side) => mkdir(join2(root, side), { mode: 448 })));
    return new _SideEnvironments(
      root,
      new SideEnvironment(join2(root, "base"), python),
      new SideEnvironment(join2(root, "head"), python)
    );
  }
  disposing;
  /** Removes both environments; every call waits for the one removal. */
  dispose() {
    return this.disposing ??= rm(this.root, { recursive: true, force: true });
  }
};
async function withSideEnvironment(options, deadline) {
  if (!options.environment) return { options };
  const active = await options.environment.activate(
    options.env,
    options.log,
    deadline,
    options.protect
  );
  if ("type" in active) return { failure: active };
  return { options: { ...options, ...active } };
}
function exitOf(result) {
  if (result.timedOut) return "timed out and was killed";
  if (result.spawnError) return `could not be started: ${result.spawnError.message}`;
  if (result.signal) return `killed by ${result.signal}`;
  return `exited with code ${result.exitCode}`;
}
function lastJson(result) {
  if (result.exitCode !== 0) return void 0;
  for (const line of result.outputTail.split("\n").reverse()) {
    if (!/^[[{]/.test(line)) continue;
    try {
      return JSON.parse(line);
    } catch {
    }
  }
  return void 0;
}
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// src/capture/side-runner.ts
var DEFAULT_TIMEOUT_MINUTES = 30;
function harnessDirectory() {
  const here = dirname2(fileURLToPath(import.meta.url));
  const candidates = [
    join3(here, "harness"),
    join3(here, "..", "harness"),
    join3(here, "..", "..", "python")
  ];
  const found = candidates.find((dir) => existsSync(join3(dir, "allocdiff_harness", "__main__.py")));
  if (!found)
    throw new RunFailure(
      `the allocdiff Python harness is missing (looked in ${candidates.join(", ")})`
    );
  return found;
}
function formatMinutes(minutes) {
  return `${Number(minutes.toPrecision(6))} min`;
}
function describeExit(what, result, timeoutMinutes) {
  if (result.timedOut)
    return `${what} timed out after ${formatMinutes(timeoutMinutes ?? 0)} and was killed`;
  if (result.spawnError) return `${what} could not be started: ${result.spawnError.message}`;
  if (result.signal) return `${what} was killed by ${result.signal}`;
  return `${what} exited with code ${result.exitCode}`;
}
function processFailed(result) {
  return result.exitCode !== 0 || result.signal !== null || result.spawnError !== void 0;
}
async function readSnapshot(path) {
  const bytes = await readSnapshotFile(path);
  let parsed;
  try {
    parsed = JSON.parse(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
  } catch (error) {
    throw new InvalidDataError(`snapshot ${path} is not valid JSON: ${error.message}`);
  }
  return decodeSnapshot(parsed, `snapshot ${path}`);
}
function sideWorkDir(env, prefix) {
  return mkdtemp2(join3(env.TMPDIR || tmpdir3(), prefix));
}
var SideRunner = class _SideRunner {
  constructor(checkoutDir, python, env, log, protect, timeoutMinutes, deadline) {
    this.checkoutDir = checkoutDir;
    this.python = python;
    this.env = env;
    this.log = log;
    this.protect = protect;
    this.timeoutMinutes = timeoutMinutes;
    this.deadline = deadline;
  }
  checkoutDir;
  python;
  env;
  log;
  protect;
  timeoutMinutes;
  deadline;
  /**
   * Starts a side's run: its deadline, its Python environment (made on the side's first run),
   * then `setup` unless `setup` is false (the traceback pass: setup already ran in this
   * checkout). The error that says why, when the environment or setup failed.
   */
  static async start(checkoutDir, options, { setup = true } = {}) {
    const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
    const deadline = Date.now() + timeoutMinutes * 6e4;
    const inEnvironment = await withSideEnvironment(options, deadline);
    if ("failure" in inEnvironment) return inEnvironment;
    const active = inEnvironment.options;
    const runner = new _SideRunner(
      checkoutDir,
      active.python,
      active.env,
      active.log,
      active.protect,
      timeoutMinutes,
      deadline
    );
    if (setup) {
      const failure = await runner.runSetup(active.setup, active.environment);
      if (failure) return { failure };
    }
    return runner;
  }
  /** A new exchange folder in the side's own temporary folder (see sideWorkDir). */
  workDir(prefix) {
    return sideWorkDir(this.env, prefix);
  }
  /** How a process of this run ended, for a failed scenario's message. */
  describeExit(what, result) {
    return describeExit(what, result, this.timeoutMinutes);
  }
  /**
   * Runs `setup` in the checkout, in the side's environment: once per side, as the checkout and
   * the environment outlive a pass, so a deeper pass does not install again (nor fail on what
   * the first run left, e.g. `mkdir build`). A ScenarioError when it failed; a failed setup
   * runs again in a later pass, and fails the same way.
   */
  async runSetup(setup, environment) {
    if (!setup) return void 0;
    if (environment?.setupDone) {
      this.log.info(`setup: already run in this side's environment (${setup})`);
      return void 0;
    }
    this.log.info(`setup: ${setup}`);
    const result = await this.run("bash", ["-c", setup], {
      cwd: this.checkoutDir,
      env: this.env,
      deadline: this.deadline
    });
    if (processFailed(result)) {
      return {
        type: result.timedOut ? "TimedOut" : "SetupFailed",
        message: this.describeExit("setup", result),
        output: lastLines(result.outputTail)
      };
    }
    if (environment) environment.setupDone = true;
    return void 0;
  }
  /**
   * The harness, `python -m allocdiff_harness args`, in the checkout: a measured run (see
   * measured).
   */
  harness(args) {
    return this.measured(
      [this.python, "-m", "allocdiff_harness", ...args],
      this.checkoutDir,
      harnessDirectory()
    );
  }
  /**
   * A shell command in `cwd` with the harness injected into every Python process it starts (a
   * `sitecustomize` first on PYTHONPATH), `variables` added: a measured run (see measured).
   */
  injected(command, cwd, variables) {
    const inject = join3(harnessDirectory(), "allocdiff_harness", "inject");
    return this.measured(["bash", "-c", command], cwd, inject, variables);
  }
  /**
   * One of the harness's own tools that measures nothing, `python -m module args`, in the
   * checkout (command mode's merge). It may outlive the deadline by a minute: what the
   * processes measured before a timeout is still merged and shown.
   */
  tool(module, args) {
    return this.run(this.python, ["-m", module, ...args], {
      cwd: this.checkoutDir,
      env: { ...this.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: harnessDirectory() },
      deadline: Math.max(this.deadline, Date.now() + 6e4)
    });
  }
  /**
   * Runs what is measured: with address randomisation off where it can be turned off (exact
   * peaks), and with equal conditions on both sides: no .pyc from an earlier run (compiling
   * counts in the peak), one hash seed (set order, dict layouts) unless the user chose one, and
   * `pythonPath` first on PYTHONPATH.
   */
  async measured(argv, cwd, pythonPath, variables = {}) {
    const env = {
      PYTHONHASHSEED: "0",
      ...this.env,
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONPATH: [pythonPath, this.env.PYTHONPATH].filter(Boolean).join(delimiter2),
      ...variables
    };
    const fixedAddresses = await canTurnOffAddressRandomization(this.env);
    const [program, ...args] = fixedAddresses ? ["setarch", "-R", ...argv] : argv;
    const result = await this.run(program, args, { cwd, env, deadline: this.deadline });
    return { result, fixedAddresses };
  }
  async run(program, args, options) {
    const result = await runProcess(program, args, {
      ...options,
      ...this.protect ? { protect: this.protect } : {},
      onOutput: (chunk) => this.log.output(chunk)
    });
    const stopped2 = stopReason();
    if (stopped2) throw stopped2;
    return result;
  }
};

// src/capture/side-cache.ts
var ENTRY_FORMAT = "allocdiff.measurement/2";
function directoryStore(dir) {
  return {
    name: `the cache folder ${dir}`,
    async read(key) {
      try {
        return await readFile(join4(dir, `${key}.json`), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    async write(key, text) {
      await mkdir2(dir, { recursive: true, mode: 448 });
      const partial = join4(dir, `.${key}.${randomBytes(6).toString("hex")}.partial`);
      try {
        await writeFile2(partial, text, { mode: 384 });
        await rename(partial, join4(dir, `${key}.json`));
      } finally {
        await rm2(partial, { force: true });
      }
    }
  };
}
function actionsCacheStore(toolkit, folder) {
  const pathOf = (key) => join4(folder, `${key}.json`);
  return {
    name: "the Actions cache",
    async read(key) {
      const path = pathOf(key);
      await rm2(path, { force: true });
      try {
        if (await toolkit.restoreCache([path], key) !== key) return void 0;
        return await readFile(path, "utf8");
      } finally {
        await rm2(path, { force: true });
      }
    },
    async write(key, text) {
      const path = pathOf(key);
      await mkdir2(folder, { recursive: true, mode: 448 });
      await writeFile2(path, text, { mode: 384 });
      try {
        await toolkit.saveCache([path], key);
      } finally {
        await rm2(path, { force: true });
      }
    }
  };
}
function peakScenarios(asked) {
  return asked === true ? true : asked === false || asked === void 0 ? [] : asked;
}
var SETUP_INPUTS = /^(pyproject\.toml|setup\.py|setup\.cfg|requirements.*\.txt|constraints.*\.txt|.*\.lock|Pipfile(\.lock)?|environment\.ya?ml)$/;
var KEYED_VARIABLES = /^(PYTHON|LC_|ALLOCDIFF_)|^(LANG|LANGUAGE|TZ)$/;
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
var PROBE2 = 'import json, platform, sys; print(json.dumps({"implementation": platform.python_implementation(), "version": platform.python_version(), "platform": platform.platform(), "executable": sys.executable}))';
async function harnessFacts() {
  const dir = join4(harnessDirectory(), "allocdiff_harness");
  const hash = createHash("sha256");
  let version = "";
  const walk = async (folder, prefix) => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort(
      (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const entry of entries) {
      if (entry.name === "__pycache__") continue;
      const path = join4(folder, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else if (entry.isFile()) {
        const bytes = await readFile(path);
        if (prefix === "" && entry.name === "__init__.py") {
          version = /__version__\s*=\s*"([^"]+)"/.exec(bytes.toString("utf8"))?.[1] ?? "";
        }
        hash.update(`${prefix}${entry.name}\0${sha256(bytes)}\0`);
      }
    }
  };
  await walk(dir, "");
  return { version, digest: hash.digest("hex") };
}
function encodeSnapshot(snapshot) {
  const strings = [];
  const indexes = /* @__PURE__ */ new Map();
  const index = (text) => {
    let found = indexes.get(text);
    if (found === void 0) {
      found = strings.length;
      strings.push(text);
      indexes.set(text, found);
    }
    return found;
  };
  const location = (site) => ({
    ...site,
    file: index(site.file),
    ...site.text !== void 0 ? { text: index(site.text) } : {},
    ...site.function !== void 0 ? { function: index(site.function) } : {}
  });
  const table = (sites) => {
    const columns = {
      file: [],
      line: [],
      text: [],
      function: [],
      size: [],
      count: []
    };
    const repeats = [];
    const tracebacks = [];
    sites.forEach((site, row) => {
      columns.file.push(index(site.file));
      columns.line.push(site.line);
      columns.text.push(site.text === void 0 ? NO_STRING : index(site.text));
      columns.function.push(site.function === void 0 ? NO_STRING : index(site.function));
      columns.size.push(site.size);
      columns.count.push(site.count);
      const { sizes, counts } = site;
      if (sizes && counts) repeats.push([row, sizes, counts]);
      if (site.tracebacks) {
        tracebacks.push([
          row,
          site.tracebacks.map((traceback) => ({
            ...traceback,
            frames: traceback.frames.map(location)
          }))
        ]);
      }
    });
    return {
      ...columns,
      ...repeats.length > 0 ? { repeats } : {},
      ...tracebacks.length > 0 ? { tracebacks } : {}
    };
  };
  const scenarios = snapshot.scenarios.map((scenario) => {
    const { sites, peak, leak, ...rest } = scenario;
    return {
      ...rest,
      sites: table(sites),
      ...peak ? { peak: { ...peak, sites: table(peak.sites) } } : {},
      ...leak ? { leak: { ...leak, sites: leak.sites.map(location) } } : {}
    };
  });
  return {
    schema: snapshot.schema,
    harness: snapshot.harness,
    python: snapshot.python,
    platform: snapshot.platform,
    frames: snapshot.frames,
    repeats: snapshot.repeats,
    iterations: snapshot.iterations,
    timings: snapshot.timings,
    scenarios,
    strings,
    unmeasured: snapshot.unmeasured,
    ...snapshot.foreignModules ? { foreignModules: snapshot.foreignModules } : {},
    ...snapshot.reads ? { reads: snapshot.reads } : {}
  };
}
function cachedText(side, commit, savedAt) {
  const when = new Date(savedAt).toISOString().slice(0, 16).replace("T", " ");
  return `${side}: cached measurement of ${commit.slice(0, 7)} from ${when} UTC`;
}
var SideCache = class _SideCache {
  constructor(store, saves, facts) {
    this.store = store;
    this.saves = saves;
    this.facts = facts;
  }
  store;
  saves;
  facts;
  /**
   * The cache of one run: its store, which sides it saves, and the run's facts, found once
   * (the interpreter is asked its version and platform; the harness's files are hashed).
   * Undefined, with a warning, when the interpreter cannot say: nothing is then read or kept.
   */
  static async open(options) {
    const { env, log } = options;
    const [harness, probe] = await Promise.all([
      harnessFacts(),
      runProcess(options.python, ["-I", "-c", PROBE2], {
        cwd: harnessDirectory(),
        env,
        onOutput: () => void 0,
        deadline: Date.now() + 6e4
      })
    ]);
    let python;
    try {
      python = JSON.parse(probe.outputTail.trim().split("\n").at(-1) ?? "");
    } catch {
      python = void 0;
    }
    if (probe.exitCode !== 0 || !python?.version) {
      log.warning(
        `no measurement cache this run: ${options.python} could not tell its version (exit code ${probe.exitCode})`
      );
      return void 0;
    }
    const variables = Object.keys(env).filter((name) => KEYED_VARIABLES.test(name)).sort().map((name) => `${name}=${env[name]}`);
    return new _SideCache(options.store, options.save, {
      harness,
      python,
      benchmark: options.benchmark,
      setup: options.setup ?? null,
      environment: sha256(variables.join("\0"))
    });
  }
  /** The key's fields for a side's commit, checkout and measuring settings. */
  async fieldsOf(commit, checkoutDir, measured) {
    const names = (await readdir(checkoutDir)).filter((name) => SETUP_INPUTS.test(name)).sort();
    const inputs = await Promise.all(
      names.map(async (name) => `${name}\0${sha256(await readFile(join4(checkoutDir, name)))}`)
    );
    const fields = {
      format: ENTRY_FORMAT,
      allocdiff: VERSION,
      commit,
      ...this.facts,
      setupInputs: sha256(inputs.join("\0")),
      measured: {
        frames: measured.frames,
        repeats: measured.repeats ?? 1,
        iterations: measured.iterations ?? 0,
        objectTypes: measured.objectTypes ?? false,
        // Without repeats, an earlier run ends nothing.
        sameAs: measured.sameAs && (measured.repeats ?? 1) > 1 ? measured.sameAs.scenarios.map((s) => s.name).sort() : null,
        only: measured.only ? [...measured.only].sort() : null
      }
    };
    return fields;
  }
  /** The store's key for those fields: the commit, readable, and a digest of the rest. */
  static keyOf(fields) {
    return `allocdiff-measurement-${fields.commit.slice(0, 12)}-${sha256(JSON.stringify(fields)).slice(0, 32)}`;
  }
  /**
   * The side's measurement from the store, when an entry passes every check and looked for the
   * sites at the peak of every scenario `peaks` asks for (it is served with those alone);
   * undefined when there is none, or (with a warning that says why) when the one there is not
   * trusted.
   */
  async load(side, fields, peaks, log) {
    const key = _SideCache.keyOf(fields);
    let text;
    try {
      text = await this.store.read(key);
    } catch (error) {
      log.warning(`${this.store.name} could not be read (${key}): ${errorMessage(error)}`);
      return void 0;
    }
    if (text === void 0) {
      log.info(
        `${side}: no cached measurement of ${fields.commit.slice(0, 7)} in ${this.store.name}`
      );
      return void 0;
    }
    const problem = (why) => {
      log.warning(
        `${side}: the cached measurement ${key} in ${this.store.name} is ignored and ${side} is measured: ${why}`
      );
      return void 0;
    };
    let entry;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      return problem(`it is not valid JSON (${errorMessage(error)})`);
    }
    if (typeof entry !== "object" || entry === null) return problem("it is not a JSON object");
    if (entry.format !== ENTRY_FORMAT)
      return problem(`its format is ${JSON.stringify(entry.format)}, not ${ENTRY_FORMAT}`);
    if (entry.key?.commit !== fields.commit)
      return problem(`it is of commit ${JSON.stringify(entry.key?.commit)}, not ${fields.commit}`);
    if (JSON.stringify(entry.key) !== JSON.stringify(fields))
      return problem("its key fields are not those of this run");
    if (typeof entry.savedAt !== "string" || Number.isNaN(Date.parse(entry.savedAt)))
      return problem("it does not say when it was measured");
    let snapshot;
    try {
      snapshot = decodeSnapshot(entry.snapshot, "its snapshot");
    } catch (error) {
      return problem(errorMessage(error));
    }
    const { python } = fields;
    if (snapshot.python.version !== python.version || snapshot.python.implementation !== python.implementation || snapshot.platform !== "" && snapshot.platform !== python.platform || snapshot.harness.version !== fields.harness.version)
      return problem("its snapshot was taken by another interpreter, platform or harness");
    if (!trustworthy(snapshot)) return problem("it holds a failed scenario");
    const had = entry.peaks;
    if (had !== true && !(Array.isArray(had) && had.every((name) => typeof name === "string")))
      return problem("it does not say which sites at the peak it looked for");
    const names = snapshot.scenarios.map((scenario) => scenario.name);
    const wanted = peaks === true ? names : peaks;
    const missing = wanted.filter((name) => had !== true && !had.includes(name));
    if (missing.length > 0) {
      log.info(
        `${side}: the cached measurement of ${fields.commit.slice(0, 7)} did not look for the sites at the peak of ${missing.join(", ")}: ${side} is measured`
      );
      return void 0;
    }
    log.info(cachedText(side, fields.commit, entry.savedAt));
    return { snapshot: withPeaksOf(snapshot, wanted), savedAt: entry.savedAt };
  }
  /** Keeps a side's measurement, when this run saves that side and the outcome is worth it. */
  async save(side, fields, peaks, outcome, log) {
    if (!this.saves(side) || outcome.kind !== "measured" || !trustworthy(outcome.snapshot)) return;
    const key = _SideCache.keyOf(fields);
    const entry = {
      format: ENTRY_FORMAT,
      key: fields,
      savedAt: (/* @__PURE__ */ new Date()).toISOString(),
      peaks: peaks === true ? true : [...peaks].sort(),
      snapshot: encodeSnapshot(outcome.snapshot)
    };
    try {
      await this.store.write(key, JSON.stringify(entry));
      log.info(`${side}: measurement of ${fields.commit.slice(0, 7)} saved in ${this.store.name}`);
    } catch (error) {
      log.warning(`${side}: ${this.store.name} could not keep ${key}: ${errorMessage(error)}`);
    }
  }
};
function withPeaksOf(snapshot, wanted) {
  const scenarios = snapshot.scenarios.map((scenario) => {
    if (!scenario.peak || wanted.includes(scenario.name)) return scenario;
    const rest = { ...scenario };
    delete rest.peak;
    return rest;
  });
  const unmeasured = snapshot.unmeasured.filter(
    (note) => note.what !== "sites at the peak" || (note.scenario === void 0 ? wanted.length > 0 : wanted.includes(note.scenario))
  );
  return { ...snapshot, scenarios, unmeasured };
}
function trustworthy(snapshot) {
  return snapshot.schema === SNAPSHOT_SCHEMA && !snapshot.foreignModules && snapshot.scenarios.every((scenario) => scenario.status === "ok");
}

export {
  protectBoth,
  isolationHere,
  stopAllProcesses,
  lastLines,
  RANDOM_ADDRESSES,
  SideEnvironments,
  processFailed,
  readSnapshot,
  sideWorkDir,
  SideRunner,
  ENTRY_FORMAT,
  directoryStore,
  actionsCacheStore,
  peakScenarios,
  encodeSnapshot,
  cachedText,
  SideCache
};
