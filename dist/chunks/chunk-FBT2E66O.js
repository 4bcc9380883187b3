import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  renderOptions,
  writeOutputs
} from "./chunk-SXKLRQ23.js";
import {
  judgeProposed,
  settingsChangeText,
  withoutIgnoredSites,
  withoutSmallSites
} from "./chunk-CNQ5VFUE.js";
import {
  retentionFindings,
  retentionScenarios,
  retentionTargets
} from "./chunk-AG4ZHWQW.js";
import {
  resolveCommit
} from "./chunk-L5JBWC3J.js";
import {
  Git
} from "./chunk-OG5AJFQK.js";
import {
  runEnvironment
} from "./chunk-5FTEMDCU.js";
import {
  AUTOMATIC_LEAK_CALLS,
  byRetainedChange,
  differingScenarios,
  functionRetainedChanged,
  peaksChanged,
  scenarioAgrees,
  sidesAgree
} from "./chunk-VKRW2TR5.js";
import {
  captureSettingsOf,
  settingsDigest
} from "./chunk-FQF4E2W2.js";
import {
  checkBudgets,
  headSitesOf
} from "./chunk-K4GS2N3C.js";
import {
  coldCallsOf,
  compareSites,
  isDeterministic,
  leakRoseSteadily,
  leakSpread,
  recordSpreads,
  repeatSpread,
  siteLocation
} from "./chunk-YHTJ2NQ3.js";
import {
  decideVerdict
} from "./chunk-CK6PWIRF.js";
import {
  parse,
  refuseScriptOutside
} from "./chunk-GM4AAGXP.js";
import {
  formatBytes
} from "./chunk-I74BVKXL.js";
import {
  buildReport
} from "./chunk-KVJUZTHE.js";
import {
  shardText,
  shardedBackend,
  snapshotInShard
} from "./chunk-YBF2V7KG.js";
import {
  BUDGET_METRICS,
  BudgetSyntaxError,
  isBudgetMetric,
  parseRuleLimits
} from "./chunk-REFG7THN.js";
import {
  MEASURES,
  MEASURE_NAMES,
  measureOf,
  measuresWhere
} from "./chunk-NBJJRWMZ.js";
import {
  SideCache,
  cachedText,
  decodeSnapshotFile,
  directoryStore,
  peakScenarios
} from "./chunk-3GXEWFOE.js";
import {
  harnessDirectory,
  isolationHere,
  keepTail,
  lastLines,
  protectBoth,
  runProcess,
  stopReason,
  stopSignal
} from "./chunk-7GECUTJI.js";
import {
  VERSION
} from "./chunk-4243Q66V.js";
import {
  DEPTH_MISSED,
  PEAK_SITES_MISSED,
  SNAPSHOT_SCHEMA,
  external_exports,
  siteListOf
} from "./chunk-ZAFJCKPJ.js";
import {
  InvalidDataError,
  RunFailure,
  UsageError,
  errorMessage
} from "./chunk-XA3YYY7N.js";
import {
  __commonJS,
  __toESM
} from "./chunk-LIVUQ6E7.js";

// node_modules/parse-diff/index.js
var require_parse_diff = __commonJS({
  "node_modules/parse-diff/index.js"(exports, module) {
    module.exports = (n) => {
      if (!n) return [];
      if (typeof n != "string" || n.match(/^\s+$/)) return [];
      const s = n.split(`
`);
      if (s.length === 0) return [];
      const a = [];
      let o = null, d = null, u = 0, m = 0, l = null;
      const g = (e) => {
        d?.changes.push({ type: "normal", normal: true, ln1: u++, ln2: m++, content: e }), l.oldLines--, l.newLines--;
      }, p = (e) => {
        const [t, r] = parseFiles(e) ?? [];
        o = { chunks: [], deletions: 0, additions: 0, from: t, to: r }, a.push(o);
      }, i = () => {
        (!o || o.chunks.length) && p();
      }, $ = (e, t) => {
        i(), o.new = true, o.newMode = t[1], o.from = "/dev/null";
      }, N = (e, t) => {
        i(), o.deleted = true, o.oldMode = t[1], o.to = "/dev/null";
      }, x = (e, t) => {
        i(), o.oldMode = t[1];
      }, F = (e, t) => {
        i(), o.newMode = t[1];
      }, S = (e, t) => {
        i(), o.index = e.split(" ").slice(1), t[1] && (o.oldMode = o.newMode = t[1].trim());
      }, k = (e) => {
        i(), o.from = parseOldOrNewFile(e);
      }, y = (e) => {
        i(), o.to = parseOldOrNewFile(e);
      }, f = (e) => +(e || 1), M = (e, t) => {
        o || p(e);
        const [r, c, w, L] = t.slice(1);
        u = +r, m = +w, d = { content: e, changes: [], oldStart: +r, oldLines: f(c), newStart: +w, newLines: f(L) }, l = { oldLines: f(c), newLines: f(L) }, o.chunks.push(d);
      }, R = (e) => {
        d && (d.changes.push({ type: "del", del: true, ln: u++, content: e }), o.deletions++, l.oldLines--);
      }, b = (e) => {
        d && (d.changes.push({ type: "add", add: true, ln: m++, content: e }), o.additions++, l.newLines--);
      }, h = (e) => {
        if (!d) return;
        const [t] = d.changes.slice(-1);
        d.changes.push({ type: t.type, [t.type]: true, ln1: t.ln1, ln2: t.ln2, ln: t.ln, content: e });
      }, _ = [[/^diff\s/, p], [/^new file mode (\d+)$/, $], [/^deleted file mode (\d+)$/, N], [/^old mode (\d+)$/, x], [/^new mode (\d+)$/, F], [/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/, S], [/^---\s/, k], [/^\+\+\+\s/, y], [/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/, M], [/^\\ No newline at end of file$/, h]], v = [[/^\\ No newline at end of file$/, h], [/^-/, R], [/^\+/, b], [/^\s*/, g]], C = (e) => {
        for (const [t, r] of v) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
        l.oldLines === 0 && l.newLines === 0 && (l = null);
      }, H = (e) => {
        for (const [t, r] of _) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
      }, O = (e) => {
        l ? C(e) : H(e);
      };
      for (const e of s) O(e);
      return a;
    };
    var fileNameDiffRegex = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
    var gitFileHeaderRegex = /^(a|b|i|w|c|o|1|2)\//;
    var parseFiles = (n) => n?.match(fileNameDiffRegex)?.map((a) => a.replace(gitFileHeaderRegex, "").replace(/("|')$/, ""));
    var qoutedFileNameRegex = /^\\?['"]|\\?['"]$/g;
    var parseOldOrNewFile = (n) => {
      let s = leftTrimChars(n, "-+").trim();
      return s = removeTimeStamp(s), s.replace(qoutedFileNameRegex, "").replace(gitFileHeaderRegex, "");
    };
    var leftTrimChars = (n, s) => {
      if (n = makeString(n), !s && String.prototype.trimLeft) return n.trimLeft();
      const a = formTrimmingString(s);
      return n.replace(new RegExp(`^${a}+`), "");
    };
    var timeStampRegex = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
    var removeTimeStamp = (n) => {
      const s = timeStampRegex.exec(n);
      return s && (n = n.substring(0, s.index).trim()), n;
    };
    var formTrimmingString = (n) => n == null ? "\\s" : n instanceof RegExp ? n.source : `[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g, "\\$1")}]`;
    var makeString = (n) => `${n ?? ""}`;
  }
});

// src/pipeline.ts
import { mkdir as mkdir3, mkdtemp as mkdtemp5, realpath as realpath3, rm as rm7, writeFile as writeFile6 } from "node:fs/promises";
import { tmpdir as tmpdir6 } from "node:os";
import { dirname as dirname3, join as join12, relative, resolve, sep } from "node:path";

// src/budgets/markers.ts
var ACCEPTED = {
  allocdiff: `keyword arguments ${BUDGET_METRICS.join(", ")}, each a text of limits as in a config file, e.g. retained="+10KB", peak="64MB, +5% (warn)"`,
  limit_memory: `one size, e.g. "24 MB" (pytest-memray's format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as memory_limit, and current_thread_only`,
  limit_leaks: `one size, e.g. "1 MB" (pytest-memray's format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as location_limit, and filter_fn, current_thread_only`
};
var MEMRAY = {
  limit_memory: { metric: "peak", size: "memory_limit", options: ["current_thread_only"] },
  limit_leaks: {
    metric: "site",
    size: "location_limit",
    options: ["filter_fn", "current_thread_only"]
  }
};
var MEMRAY_SIZE = /^\s*\+?(\d*\.\d+|\d+)\s*([KMGTP]?B)\s*$/i;
var MEMRAY_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];
function shown(value) {
  if (value !== null && typeof value === "object") return value.repr;
  return JSON.stringify(value);
}
function written(marker) {
  const args = [
    ...marker.args.map(shown),
    ...marker.kwargs.map(([key, value]) => `${key}=${shown(value)}`)
  ];
  return `${marker.name}(${args.join(", ")})`;
}
function memraySize(value) {
  if (typeof value !== "string") return void 0;
  const match = MEMRAY_SIZE.exec(value);
  if (!match) return void 0;
  const unit = match[2].toUpperCase();
  const amount = Math.round(Number(match[1]) * 1024 ** MEMRAY_UNITS.indexOf(unit));
  if (!Number.isSafeInteger(amount)) return void 0;
  const text = `${match[1]}${unit === "B" ? "B" : `${unit[0]}iB`}`;
  return { kind: "ceiling", amount, text };
}
function markerRules(marker) {
  const problems = [];
  const rules = [];
  const accepted = ACCEPTED[marker.name] ?? "nothing";
  if (marker.name === "allocdiff") {
    if (marker.args.length > 0) {
      problems.push(`positional argument ${shown(marker.args[0])}: allocdiff takes ${accepted}`);
    }
    if (marker.args.length === 0 && marker.kwargs.length === 0) {
      problems.push(`no budget given; allocdiff takes ${accepted}`);
    }
    for (const [key, value] of marker.kwargs) {
      if (!isBudgetMetric(key)) {
        problems.push(`unknown argument "${key}"; allocdiff takes ${accepted}`);
        continue;
      }
      if (typeof value !== "string") {
        problems.push(
          `${key}=${shown(value)}: limits are text, e.g. ${key}="+10KB"; allocdiff takes ${accepted}`
        );
        continue;
      }
      const rule = parseRuleLimits(key, value);
      if (!rule.ok) {
        problems.push(...rule.problems.map((problem) => `${key}=${shown(value)}: ${problem}`));
        continue;
      }
      rules.push({ ...rule.value, source: `allocdiff(${key}=${shown(value)})` });
    }
  } else {
    const memray = MEMRAY[marker.name];
    if (!memray) return { ok: false, problems: [`unknown marker "${marker.name}"`] };
    const sizes = [...marker.args];
    for (const [key, value] of marker.kwargs) {
      if (key === memray.size) sizes.push(value);
      else if (!memray.options.includes(key)) {
        problems.push(`unknown argument "${key}"; ${marker.name} takes ${accepted}`);
      }
    }
    if (sizes.length !== 1) {
      problems.push(`${sizes.length} sizes given; ${marker.name} takes ${accepted}`);
    } else {
      const limit = memraySize(sizes[0]);
      if (limit === void 0) {
        problems.push(`${shown(sizes[0])} is not a size; ${marker.name} takes ${accepted}`);
      } else {
        const unapplied = marker.kwargs.some(([key]) => key === "filter_fn") ? " (filter_fn not applied: every site counts)" : "";
        rules.push({
          metric: memray.metric,
          limits: [limit],
          level: "fail",
          source: `${written(marker)}${unapplied}`
        });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}
function sideRules(snapshot) {
  const rules = /* @__PURE__ */ new Map();
  const problems = [];
  for (const scenario of snapshot?.scenarios ?? []) {
    for (const marker of scenario.budgetMarkers ?? []) {
      const parsed = markerRules(marker);
      if (parsed.ok)
        rules.set(scenario.name, [...rules.get(scenario.name) ?? [], ...parsed.rules]);
      else {
        problems.push(
          ...parsed.problems.map(
            (problem) => `test ${scenario.name}: @pytest.mark.${written(marker)}: ${problem}`
          )
        );
      }
    }
  }
  return { rules, problems };
}
function ruleKey(rule) {
  return `${rule.metric}\0${rule.level}\0${rule.limits.map((limit) => `${limit.kind}:${"amount" in limit ? limit.amount : limit.percent}`).join(",")}`;
}
function markerBudgets(base, head) {
  const fromBase = sideRules(base);
  const fromHead = sideRules(head);
  if (fromHead.problems.length > 0) throw new BudgetSyntaxError(fromHead.problems);
  const rules = /* @__PURE__ */ new Map();
  for (const side of [fromBase.rules, fromHead.rules]) {
    for (const [name, added] of side) {
      const kept = rules.get(name) ?? [];
      const seen = new Set(kept.map(ruleKey));
      for (const rule of added) {
        if (seen.has(ruleKey(rule))) continue;
        seen.add(ruleKey(rule));
        kept.push(rule);
      }
      rules.set(name, kept);
    }
  }
  const warnings = fromBase.problems.map(
    (problem) => `base's marker budget not checked: ${problem}`
  );
  return { rules, headRules: fromHead.rules, warnings };
}
function testsMarkedForDepth(markers) {
  return [...markers.rules].filter(([, rules]) => rules.some((rule) => rule.metric === "leak")).map(([name]) => name);
}

// src/capture/backend.ts
import { rm as rm4, writeFile as writeFile5 } from "node:fs/promises";
import { join as join8 } from "node:path";

// src/capture/command-backend.ts
import { existsSync as existsSync2 } from "node:fs";
import { mkdir as mkdir2, readFile as readFile3, rm as rm2, writeFile as writeFile3 } from "node:fs/promises";
import { dirname, join as join6 } from "node:path";

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

// src/capture/merge-repeats.ts
function siteKey(site) {
  return `${site.file}\0${site.line}`;
}
var allEqual = (values) => values.every((v) => v === values[0]);
function mergeScenario(runs) {
  const [first] = runs;
  const failed = runs.find((run) => run.status === "failed");
  if (failed) return failed;
  const byKey = /* @__PURE__ */ new Map();
  runs.forEach((run, index) => {
    for (const site of run.sites) {
      const key = siteKey(site);
      let entry = byKey.get(key);
      if (!entry) {
        const rest = { ...site };
        delete rest.sizes;
        delete rest.counts;
        entry = { site: rest, sizes: runs.map(() => 0), counts: runs.map(() => 0) };
        byKey.set(key, entry);
      }
      entry.sizes[index] = site.size;
      entry.counts[index] = site.count;
    }
  });
  const sites = [...byKey.values()].map(({ site, sizes, counts }) => {
    const merged = { ...site, size: sizes[0], count: counts[0] };
    if (!allEqual(sizes) || !allEqual(counts)) {
      merged.sizes = sizes;
      merged.counts = counts;
    }
    return merged;
  });
  sites.sort(
    (a, b) => b.size - a.size || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line
  );
  return {
    ...first,
    repeats: runs.map((run) => run.repeats[0]).filter((totals) => totals !== void 0),
    sites
  };
}
function mergeProcessRepeats(snapshots) {
  const [first] = snapshots;
  if (snapshots.length === 1) return first;
  return {
    ...first,
    repeats: snapshots.length,
    timings: {
      setupSeconds: snapshots.reduce((sum, s) => sum + s.timings.setupSeconds, 0),
      totalSeconds: snapshots.reduce((sum, s) => sum + s.timings.totalSeconds, 0)
    },
    scenarios: first.scenarios.map(
      (scenario) => mergeScenario(
        snapshots.map((snapshot) => snapshot.scenarios.find((s) => s.name === scenario.name)).filter((s) => s !== void 0)
      )
    )
  };
}
function sameFigures(a, b) {
  if (a.status !== "ok" || b.status !== "ok" || a.peakBytes !== b.peakBytes || a.retainedBytes !== b.retainedBytes || a.retainedCount !== b.retainedCount || a.sites.length !== b.sites.length)
    return false;
  const sizes = new Map(a.sites.map((site) => [siteKey(site), site]));
  return b.sites.every((site) => {
    const other = sizes.get(siteKey(site));
    return other !== void 0 && other.size === site.size && other.count === site.count;
  });
}
function sameAsFile(earlier) {
  const lines = [];
  for (const scenario of earlier.scenarios) {
    if (scenario.kind !== "function" || scenario.status !== "ok") continue;
    const sites = scenario.sites.map(
      (site) => `site ${site.line} ${site.size} ${site.count} ${site.file}`
    );
    if (/\s/.test(scenario.name) || scenario.sites.some((site) => !/^[^\r\n]+$/.test(site.file)))
      continue;
    lines.push(
      `function ${scenario.name} ${scenario.peakBytes} ${scenario.retainedBytes} ${scenario.retainedCount}`,
      ...sites
    );
  }
  return lines.length > 0 ? `${lines.join("\n")}
` : void 0;
}
function keepFirstCalls(first, deep) {
  const firstCalls = new Map(
    first.scenarios.filter((s) => s.kind === "function" && s.status === "ok" && s.repeats.length > 0).map((s) => [s.name, s])
  );
  if (firstCalls.size === 0) return deep;
  return {
    ...deep,
    scenarios: deep.scenarios.map((scenario) => {
      const earlier = firstCalls.get(scenario.name);
      if (!earlier || scenario.kind !== "function" || scenario.status !== "ok") return scenario;
      return { ...scenario, coldCalls: [...earlier.coldCalls ?? [], earlier.repeats[0]] };
    })
  };
}

// src/capture/outcome.ts
function emptySnapshot(frames) {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: "none" },
    python: { version: "", implementation: "" },
    platform: "",
    frames,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios: [],
    unmeasured: []
  };
}
function failedSnapshot(scenario, error, frames) {
  return {
    ...emptySnapshot(frames),
    scenarios: [
      {
        name: scenario,
        kind: "script",
        status: "failed",
        error,
        peakBytes: 0,
        retainedBytes: 0,
        retainedCount: 0,
        durationSeconds: 0,
        repeats: [],
        sites: []
      }
    ]
  };
}
function snapshotOf(outcome, context) {
  switch (outcome.kind) {
    case "measured":
      return outcome.snapshot;
    case "absent":
      return emptySnapshot(context.frames);
    case "failed":
      return failedSnapshot(context.benchmark, outcome.error, context.frames);
  }
}
function sideSnapshots(outcomes, context) {
  const base = snapshotOf(outcomes.base, context);
  const head = snapshotOf(outcomes.head, context);
  return {
    base: outcomes.base.kind === "failed" ? spreadSideFailure(base, head) : base,
    head: outcomes.head.kind === "failed" ? spreadSideFailure(head, base) : head
  };
}
function spreadSideFailure(side, other) {
  const [failure] = side.scenarios;
  if (side.scenarios.length !== 1 || failure.status !== "failed") return side;
  const names = other.scenarios.map((scenario) => scenario.name);
  if (names.length === 0 || names.length === 1 && names[0] === failure.name) return side;
  return {
    ...side,
    scenarios: other.scenarios.map((scenario) => ({
      ...failure,
      name: scenario.name,
      kind: scenario.kind
    }))
  };
}

// src/capture/deep-progress.ts
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
var PROGRESS_RULES = {
  quietMs: 1e4,
  step: 0.1,
  everyMs: 3e4,
  gapMs: 5e3
};
var ProgressRate = class {
  constructor(total, startedAt, rules = PROGRESS_RULES) {
    this.total = total;
    this.startedAt = startedAt;
    this.rules = rules;
    this.saidAt = startedAt;
  }
  total;
  startedAt;
  rules;
  said = 0;
  told = false;
  saidAt;
  /** Whether `done` tests, at `now` (milliseconds), are to be told; if so, taken as told. */
  due(done, now) {
    if (this.total < 2 || done <= this.said || now - this.startedAt < this.rules.quietMs) {
      return false;
    }
    if (this.told && now - this.saidAt < this.rules.gapMs) return false;
    const stepOf = (count2) => Math.floor(Math.min(count2, this.total) / this.total / this.rules.step + 1e-9);
    const due = !this.told || stepOf(done) > stepOf(this.said) || now - this.saidAt >= this.rules.everyMs;
    if (due) {
      this.told = true;
      this.said = done;
      this.saidAt = now;
    }
    return due;
  }
};
async function testsDone(dir) {
  let done = 0;
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith(".progress")) continue;
    done += await stat(join(dir, name)).then(
      (file) => file.size,
      () => 0
    );
  }
  return done;
}
var POLL_MS = 1e3;
function watchProgress(dir, total, log) {
  const rate = new ProgressRate(total, Date.now());
  let reading = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (reading) return;
    reading = true;
    void testsDone(dir).then((done) => {
      if (!stopped && rate.due(done, Date.now())) {
        log.info(`test ${Math.min(done, total)} of ${total} measured in depth`);
      }
    }).finally(() => {
      reading = false;
    });
  }, POLL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

// src/capture/pytest-session.ts
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var POLL_MS2 = 20;
var WAIT_DIGITS = 10;
function sessionDir(workDir) {
  return join2(workDir, "session");
}
function blankSessionVariables(dir) {
  return {
    ALLOCDIFF_SESSION_DIR: " ".repeat(Buffer.byteLength(dir)),
    ALLOCDIFF_SESSION_WAIT: " ".repeat(WAIT_DIGITS),
    ALLOCDIFF_SESSION_FIRST: " ".repeat("wait".length)
  };
}
var PytestSession = class _PytestSession {
  constructor(dir, run, log, fixedAddresses, passes) {
    this.dir = dir;
    this.run = run;
    this.log = log;
    this.fixedAddresses = fixedAddresses;
    this.passes = passes;
    void run.then(
      (ended) => {
        this.ended = ended;
      },
      (error) => {
        this.thrown = { error };
      }
    );
  }
  dir;
  run;
  log;
  fixedAddresses;
  passes;
  tail = "";
  ended;
  /** Why the command's run threw (the run was stopped: Ctrl-C), once it did. */
  thrown;
  /**
   * Runs `command` with the variables of a session in `dir` (an empty folder): resolves once
   * its first pass has ended, the session waiting for the next, or once the command has exited
   * (it did not serve, or failed before its first pass ended).
   */
  static async start(runner, command, cwd, variables, dir, log) {
    await writeRequest(dir, 1, { environ: variables });
    const session = await _PytestSession.launch(runner, command, cwd, variables, dir, log, false);
    const first = await session.waitFor(1);
    if (first.kind === "exited" || !existsSync(join2(dir, "serving"))) {
      return { kind: "exited", run: first.kind === "exited" ? first.run : await session.run };
    }
    return { kind: "serving", session, first };
  }
  /**
   * Starts `command` ahead of its first pass (while something else runs): pytest starts and
   * collects, then waits for its first pass too (`pass`). See `ready`.
   */
  static ahead(runner, command, cwd, variables, dir, log) {
    return _PytestSession.launch(runner, command, cwd, variables, dir, log, true);
  }
  static async launch(runner, command, cwd, variables, dir, log, ahead) {
    const to = {};
    const fixedAddresses = await runner.fixedAddresses();
    const run = runner.injected(
      command,
      cwd,
      {
        ...variables,
        ALLOCDIFF_SESSION_DIR: dir,
        // Never waiting past the side's deadline, when its processes are killed anyway.
        ALLOCDIFF_SESSION_WAIT: String(
          Math.max(1, Math.ceil((runner.deadline - Date.now()) / 1e3))
        ).padStart(WAIT_DIGITS, "0"),
        ALLOCDIFF_SESSION_FIRST: ahead ? "wait" : blankSessionVariables(dir).ALLOCDIFF_SESSION_FIRST
      },
      (chunk) => to.session?.output(chunk)
    );
    const session = new _PytestSession(dir, run, log, fixedAddresses, ahead ? 0 : 1);
    to.session = session;
    return session;
  }
  /**
   * A session started ahead: whether it serves (it has collected and waits for its first pass);
   * false when it cannot (pytest-xdist, collection errors: it then ran no test) or has ended.
   */
  async ready() {
    for (; ; ) {
      if (this.thrown) throw this.thrown.error;
      if (existsSync(join2(this.dir, "serving"))) return this.serving;
      if (existsSync(join2(this.dir, "cannot-serve")) || this.ended) return false;
      await new Promise((resolve2) => setTimeout(resolve2, POLL_MS2));
    }
  }
  /** Whether the command still runs, waiting for a pass. */
  get serving() {
    return this.ended === void 0;
  }
  /**
   * The next pass: the session forks a child whose environment gets `environ` (the pass's
   * `ALLOCDIFF_*` variables), its output shown in `log`.
   */
  async pass(environ, log) {
    this.log = log;
    this.passes += 1;
    await this.ask({ environ });
    return this.waitFor(this.passes);
  }
  /** Ends the session; resolves once the command has exited. */
  async stop() {
    if (this.ended) return this.ended;
    await this.ask({ stop: true }).catch(() => void 0);
    return this.run;
  }
  output(chunk) {
    this.tail = keepTail(this.tail + chunk);
    this.log.output(chunk);
  }
  /** Writes the next pass's request, whole (renamed into place). */
  async ask(request) {
    const number = "stop" in request ? this.passes + 1 : this.passes;
    await writeRequest(this.dir, number, request);
  }
  /** Pass `number`'s end, or the command's, whichever comes first. */
  async waitFor(number) {
    const done = join2(this.dir, `pass-${number}.done`);
    for (; ; ) {
      if (existsSync(done)) {
        const status = Number.parseInt(await readFile(done, "utf8"), 10);
        const outputTail = this.tail;
        this.tail = "";
        return {
          kind: "done",
          result: { exitCode: Number.isNaN(status) ? 1 : status, signal: null, outputTail }
        };
      }
      if (this.ended) return { kind: "exited", run: this.ended };
      if (this.thrown) throw this.thrown.error;
      await new Promise((resolve2) => setTimeout(resolve2, POLL_MS2));
    }
  }
};
async function writeRequest(dir, number, request) {
  const next = join2(dir, `pass-${number}.json`);
  await writeFile(`${next}.partial`, JSON.stringify(request));
  await rename(`${next}.partial`, next);
}

// src/capture/side-runner.ts
import { mkdtemp as mkdtemp2 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { delimiter as delimiter2, join as join4 } from "node:path";

// src/capture/snapshot-file.ts
import { constants } from "node:fs";
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
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
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
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, join as join3 } from "node:path";
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
    const bin = join3(this.dir, "bin");
    const active = {
      ...env,
      VIRTUAL_ENV: this.dir,
      PATH: [bin, env.PATH].filter(Boolean).join(delimiter)
    };
    delete active.PYTHONHOME;
    return { python: join3(bin, "python"), env: active };
  }
  async make(env, log, deadline, protect) {
    const run = (command, args, shown2 = true) => runProcess(command, args, {
      cwd: tmpdir2(),
      env,
      onOutput: shown2 ? (chunk) => log.output(chunk) : () => void 0,
      deadline,
      ...protect ? { protect } : {}
    });
    const fail = (what, result) => ({
      type: result?.timedOut ? "TimedOut" : "EnvironmentFailed",
      message: `could not make a virtual environment for this side (with a setup, each side runs in one of its own, so that setup never installs into the user's Python): ${what}` + (result ? ` ${exitOf(result)}` : ""),
      output: result ? lastLines(result.outputTail) : ""
    });
    const python = join3(this.dir, "bin", "python");
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
      await writeFile2(join3(sitePackages, USER_SITE_PTH), `${lines.join("\n")}
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
      const path = join3(this.dir, "bin", name);
      await writeFile2(path, `#!/bin/sh
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
    const root = await mkdtemp(join3(await realpath(tempRoot), "allocdiff-env-"));
    await Promise.all(["base", "head"].map((side) => mkdir(join3(root, side), { mode: 448 })));
    return new _SideEnvironments(
      root,
      new SideEnvironment(join3(root, "base"), python),
      new SideEnvironment(join3(root, "head"), python)
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
  return decodeSnapshotFile(await readSnapshotFile(path), `snapshot ${path}`);
}
var NOTE_SCENARIOS_SHOWN = 3;
function logUnmeasured(log, notes) {
  const grouped = /* @__PURE__ */ new Map();
  for (const note of notes) {
    const key = JSON.stringify([note.what, note.why]);
    const group = grouped.get(key) ?? { what: note.what, why: note.why, scenarios: [] };
    if (note.scenario !== void 0) group.scenarios.push(note.scenario);
    grouped.set(key, group);
  }
  for (const { what, why, scenarios } of grouped.values()) {
    const shown2 = scenarios.slice(0, NOTE_SCENARIOS_SHOWN).join(", ");
    const more = scenarios.length - NOTE_SCENARIOS_SHOWN;
    const of = scenarios.length === 0 ? "" : scenarios.length === 1 ? ` of ${shown2}` : ` of ${scenarios.length} scenarios (${shown2}${more > 0 ? `, ${more} more` : ""})`;
    log.info(`not measured: ${what}${of}: ${why}`);
  }
}
function sideWorkDir(env, prefix) {
  return mkdtemp2(join4(env.TMPDIR || tmpdir3(), prefix));
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
  /** Whether its measured processes run with address randomisation off (exact peaks). */
  fixedAddresses() {
    return canTurnOffAddressRandomization(this.env);
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
   * `onOutput`: also given the output as it comes (a run that serves several passes).
   */
  injected(command, cwd, variables, onOutput) {
    const inject = join4(harnessDirectory(), "allocdiff_harness", "inject");
    return this.measured(["bash", "-c", command], cwd, inject, variables, onOutput);
  }
  /**
   * One of the harness's own tools that measures nothing, `python -m module args`, in the
   * checkout (command mode's merge). It may outlive the deadline by a minute: what the
   * processes measured before a timeout is still merged and shown, by a merge started with
   * them too.
   */
  tool(module, args) {
    return this.run(this.python, ["-m", module, ...args], {
      cwd: this.checkoutDir,
      env: { ...this.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: harnessDirectory() },
      deadline: Math.max(this.deadline, Date.now()) + 6e4
    });
  }
  /**
   * Runs what is measured: with address randomisation off where it can be turned off (exact
   * peaks), and with equal conditions on both sides: no .pyc from an earlier run (compiling
   * counts in the peak), one hash seed (set order, dict layouts) unless the user chose one, and
   * `pythonPath` first on PYTHONPATH.
   */
  async measured(argv, cwd, pythonPath, variables = {}, onOutput) {
    const env = {
      PYTHONHASHSEED: "0",
      ...this.env,
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONPATH: [pythonPath, this.env.PYTHONPATH].filter(Boolean).join(delimiter2),
      ...variables
    };
    const fixedAddresses = await canTurnOffAddressRandomization(this.env);
    const [program, ...args] = fixedAddresses ? ["setarch", "-R", ...argv] : argv;
    const result = await this.run(program, args, { cwd, env, deadline: this.deadline }, onOutput);
    return { result, fixedAddresses };
  }
  async run(program, args, options, onOutput) {
    const result = await runProcess(program, args, {
      ...options,
      ...this.protect ? { protect: this.protect } : {},
      onOutput: onOutput ?? ((chunk) => this.log.output(chunk))
    });
    const stopped = stopReason();
    if (stopped) throw stopped;
    return result;
  }
};

// src/capture/test-selection.ts
import { readdir as readdir2, readFile as readFile2 } from "node:fs/promises";
import { join as join5 } from "node:path";
var STATIC = external_exports.object({
  testFiles: external_exports.number().int().nonnegative(),
  filesRead: external_exports.number().int().nonnegative(),
  ruledOut: external_exports.array(external_exports.string()),
  kept: external_exports.record(external_exports.string(), external_exports.string()),
  everything: external_exports.string().nullable(),
  otherTests: external_exports.string().nullable()
});
async function readStaticSelection(path) {
  const parsed = STATIC.safeParse(JSON.parse(await readFile2(path, "utf8")));
  if (!parsed.success) {
    throw new InvalidDataError(
      `the static selection file is not what the harness writes: ${parsed.error.message}`
    );
  }
  return parsed.data;
}
function isPytestAlone(command) {
  if (/[;&|`$()<>\n]/.test(command)) return false;
  return /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\S*\/)?(?:py\.?test|python[0-9.]*(?:\s+-(?:[XW]\s*\S+|[A-Za-z]+))*\s+-m\s*pytest)(?:\s|$)/.test(
    command
  );
}
function staticEvidence(found) {
  return `static: ${count(found.testFiles, "test file")}, ${count(found.filesRead, "file")} read`;
}
function nothingReachable(found, command) {
  if (found.everything !== null || found.otherTests !== null || found.testFiles === 0) {
    return void 0;
  }
  if (found.ruledOut.length < found.testFiles || !isPytestAlone(command)) return void 0;
  return {
    kind: "none",
    skip: [],
    run: [],
    skipFiles: found.ruledOut,
    why: `no test file imports or names what this pull request changes (${staticEvidence(found)}), so pytest did not run`
  };
}
var FILE = external_exports.object({
  tests: external_exports.array(
    external_exports.tuple([
      external_exports.string(),
      external_exports.array(external_exports.number().int()),
      external_exports.array(external_exports.number().int()),
      external_exports.array(external_exports.number().int()),
      external_exports.boolean()
    ])
  ),
  session: external_exports.object({
    files: external_exports.array(external_exports.number().int()),
    folders: external_exports.array(external_exports.number().int()),
    importFolders: external_exports.array(external_exports.string())
  }),
  paths: external_exports.array(external_exports.string())
});
async function readTestReads(dir) {
  const names = (await readdir2(dir)).filter((name) => name.endsWith(".reads.json")).sort();
  if (names.length === 0) return void 0;
  const tests = /* @__PURE__ */ new Map();
  const session = {
    files: /* @__PURE__ */ new Set(),
    folders: /* @__PURE__ */ new Set(),
    imports: /* @__PURE__ */ new Set()
  };
  for (const name of names) {
    const parsed = FILE.safeParse(JSON.parse(await readFile2(join5(dir, name), "utf8")));
    if (!parsed.success) {
      throw new InvalidDataError(
        `the reads file ${name} is not what the harness writes: ${parsed.error.message}`
      );
    }
    const { paths } = parsed.data;
    const pathsOf = (indexes) => indexes.map((index) => {
      const path = paths[index];
      if (path === void 0)
        throw new InvalidDataError(`the reads file ${name} names path ${index}, which it lacks`);
      return path;
    });
    for (const [nodeid, files, folders, imports, failed] of parsed.data.tests) {
      const entry = tests.get(nodeid) ?? {
        files: /* @__PURE__ */ new Set(),
        folders: /* @__PURE__ */ new Set(),
        imports: /* @__PURE__ */ new Set(),
        failed: false
      };
      for (const folder of pathsOf(imports)) entry.imports.add(folder);
      for (const file of pathsOf(files)) entry.files.add(file);
      for (const folder of pathsOf(folders)) entry.folders.add(folder);
      entry.failed ||= failed;
      tests.set(nodeid, entry);
    }
    for (const file of pathsOf(parsed.data.session.files)) session.files.add(file);
    for (const folder of pathsOf(parsed.data.session.folders)) session.folders.add(folder);
    for (const folder of parsed.data.session.importFolders) session.imports.add(folder);
  }
  return {
    tests: [...tests].map(([nodeid, entry]) => ({
      nodeid,
      files: [...entry.files],
      folders: [...entry.folders],
      importFolders: [...entry.imports],
      failed: entry.failed
    })),
    session: {
      files: [...session.files],
      folders: [...session.folders],
      importFolders: [...session.imports]
    }
  };
}
function count(n, what) {
  return `${n.toLocaleString("en")} ${what}${n === 1 ? "" : "s"}`;
}
function selectTests(reads, diff, always, ruled) {
  const global = diff.firstTouched({
    files: [...reads.session.files, ...always],
    folders: [],
    importFolders: reads.session.importFolders
  });
  const skipFiles = ruled?.ruledOut ?? [];
  const notCollected = skipFiles.length > 0 ? `${skipFiles.length.toLocaleString("en")} of ${count(ruled.testFiles, "test file")} not collected: none imports or names what this pull request changes (${staticEvidence(ruled)})` : void 0;
  if (global !== void 0) {
    return {
      kind: "all",
      why: `the diff changes ${global}, which the whole test session reads`,
      skipFiles,
      ...notCollected ? { notRun: notCollected } : {}
    };
  }
  const run = [];
  const skip = [];
  const files = /* @__PURE__ */ new Set();
  for (const test of reads.tests) {
    const touched = test.failed || diff.firstTouched({
      files: test.files,
      folders: test.folders,
      importFolders: test.importFolders
    }) !== void 0;
    (touched ? run : skip).push(test.nodeid);
    if (!touched) for (const file of test.files) files.add(file);
  }
  const listed = new Set(reads.session.folders);
  const collected = diff.onOneSide().some((path) => path.endsWith(".py") && listed.has(path.replace(/\/?[^/]*$/, "") || "."));
  const reasons = notCollected ? [notCollected] : [];
  if (skip.length > 0) {
    const read = files.size > 0 ? `ran or opened ${count(files.size, "file")} of the repository, none of which this pull request changes` : "ran or opened no file of the repository";
    reasons.push(
      `${skip.length.toLocaleString("en")} of ${count(reads.tests.length, "test")} ${skipFiles.length > 0 ? "collected " : ""}not run: on base they ${read}`
    );
  } else if (skipFiles.length === 0 && run.length > 0) {
    reasons.push(
      `${run.length === 1 ? "it reads" : "each reads"} what this pull request changes, or failed on base`
    );
  }
  return {
    kind: run.length === 0 && !collected ? "none" : "some",
    skip,
    run,
    skipFiles,
    why: reasons.join("; ")
  };
}

// src/capture/command-backend.ts
function commandBackend(command, workingDirectory) {
  const sessions = /* @__PURE__ */ new Map();
  const ahead = /* @__PURE__ */ new Map();
  return {
    name: command,
    inDepth: true,
    measure: async (checkoutDir, options) => {
      if (inDepth(options))
        return measureInDepth(command, workingDirectory, checkoutDir, options, sessions);
      const early = await takeEarly(ahead, checkoutDir, options);
      if (early) {
        sessions.set(checkoutDir, early);
        const run2 = await runInSession(command, checkoutDir, options, {}, sessions, "ahead");
        return withCommandFailure(command, run2, options.frames);
      }
      const run = await runCommand(
        command,
        workingDirectory,
        checkoutDir,
        options,
        { session: "start" },
        sessions
      );
      return withCommandFailure(command, run, options.frames);
    },
    // The command once more, each Python process (each pytest test) keeping tracebacks of the
    // sites; with `only`, just those tests run. A run that failed as a whole (the command's exit,
    // a timeout, the merge) gives none; a process that raised only costs its own.
    trace: async (checkoutDir, options, sitesFile) => {
      const run = await runCommand(
        command,
        workingDirectory,
        checkoutDir,
        options,
        {
          setup: false,
          files: {
            ALLOCDIFF_TRACEBACK_SITES: await readFile3(sitesFile, "utf8"),
            ...options.only ? { ALLOCDIFF_TESTS: selectionFile(options.only) } : {}
          },
          session: "reuse"
        },
        sessions
      );
      if (run.kind !== "measured") return run;
      if (run.commandFailure) return { kind: "failed", error: run.commandFailure };
      return { kind: "measured", snapshot: run.snapshot };
    },
    readTests: (checkoutDir, options) => readTests(command, workingDirectory, checkoutDir, options),
    ruleOutTests: (checkouts, changed, always, options) => ruleOutTests(command, checkouts, changed, always, options),
    prepare: (checkoutDir, options) => {
      if (!isPytestAlone(command) || ahead.has(checkoutDir)) return;
      const early = startAhead(command, workingDirectory, checkoutDir, options).catch(
        () => void 0
      );
      ahead.set(checkoutDir, early);
    },
    release: async () => {
      const early = await Promise.all([...ahead.values()]);
      ahead.clear();
      await stopSessions(new Map(early.flatMap((e, i) => e ? [[String(i), e]] : [])));
      await stopSessions(sessions);
    },
    nothingMeasured: (base, head) => measuredNothing(base) && measuredNothing(head) ? nothingMeasuredMessage(command, snapshotOfNothing(base), snapshotOfNothing(head)) : void 0
  };
}
function withCommandFailure(command, run, frames) {
  if (run.kind !== "measured" || !run.commandFailure) return run;
  const { scenarios } = failedSnapshot(command, run.commandFailure, frames);
  run.snapshot.scenarios.push(...scenarios);
  return { kind: "measured", snapshot: run.snapshot };
}
function inDepth(options) {
  const peaks = options.peakSites;
  return options.only !== void 0 || (options.repeats ?? 1) > 1 || options.objectTypes === true || peaks === true || Array.isArray(peaks) && peaks.length > 0;
}
function selectionFile(names) {
  const ids = /* @__PURE__ */ new Set();
  for (const name of names) {
    ids.add(name);
    const started = name.indexOf(" > ");
    if (started > 0) ids.add(name.slice(0, started));
  }
  return [...ids].filter((id) => !/[\r\n]/.test(id)).join("\n") + "\n";
}
function depthScope(only, forMarkers) {
  const marked = new Set(forMarkers.filter((name) => only.has(name))).size;
  const differed = only.size - marked;
  const parts = [
    ...differed > 0 || marked === 0 ? [`${differed} scenario${differed === 1 ? "" : "s"} that differed`] : [],
    ...marked > 0 ? [
      `${marked} test${marked === 1 ? "" : "s"} that did not differ, for ${marked === 1 ? "its" : "their"} leak budget marker${marked === 1 ? "" : "s"}`
    ] : []
  ];
  return parts.join(" and ");
}
async function measureInDepth(command, workingDirectory, checkoutDir, options, sessions) {
  const { log } = options;
  const earlier = options.sameAs;
  const only = earlier && options.only ? new Set(options.only) : void 0;
  if (only && only.size === 0) return { kind: "measured", snapshot: earlier };
  const selection = only ? { ALLOCDIFF_TESTS: selectionFile([...only]) } : {};
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const peaks = peakTargets(options.peakSites, earlier);
  const retention = retentionFiles(options);
  log.info(
    `in depth: ${only ? depthScope(only, options.onlyForMarkers ?? []) : "every test"} (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ""})`
  );
  const firstFigures = (why) => {
    log.warning(`no measurement in depth: ${why}; the first run's figures stand`);
    const missed = { what: DEPTH_MISSED, why };
    return {
      kind: "measured",
      snapshot: { ...earlier, unmeasured: [...earlier.unmeasured, missed] }
    };
  };
  const tests = (earlier?.scenarios ?? []).filter(
    (s) => s.kind === "test" && (!only || only.has(s.name))
  ).length;
  const deep = await runCommand(
    command,
    workingDirectory,
    checkoutDir,
    options,
    {
      session: "reuse",
      ...tests > 0 ? { progress: tests } : {},
      depth: {
        repeats,
        iterations,
        objectTypes: options.objectTypes === true,
        everyPeak: peaks === true
      },
      files: {
        ...selection,
        ...options.objectTypes === true && options.objectTypesOf ? { ALLOCDIFF_OBJECT_TYPES_TESTS: selectionFile(options.objectTypesOf) } : {},
        ...typeof peaks === "string" ? { ALLOCDIFF_PEAK_TARGETS: peaks } : {},
        ...retention
      }
    },
    sessions
  );
  if (earlier && deep.kind === "failed") return firstFigures(deep.error.message);
  if (earlier && deep.kind === "measured" && deep.commandFailure)
    return firstFigures(deep.commandFailure.message);
  if (deep.kind !== "measured") return deep;
  let snapshot = deep.snapshot;
  const processes = snapshot.scenarios.filter(
    (s) => s.kind === "process" && s.status === "ok" && (!only || only.has(s.name))
  );
  if (processes.length > 0 && repeats > 1) {
    const runs = [{ ...snapshot, scenarios: processes }];
    for (let index = 2; index <= repeats; index += 1) {
      log.info(`processes: measurement ${index} of ${repeats} (the command again)`);
      const run = await runCommand(command, workingDirectory, checkoutDir, options, {
        setup: false,
        files: only ? { ALLOCDIFF_TESTS: selectionFile(processes.map((s) => s.name)) } : {}
      });
      if (run.kind !== "measured" || run.commandFailure) {
        log.warning(
          `processes measured ${index - 1} time${index === 2 ? "" : "s"}: ` + (run.kind === "measured" ? run.commandFailure.message : run.kind === "failed" ? run.error.message : "nothing measured")
        );
        break;
      }
      runs.push(run.snapshot);
    }
    const merged = new Map(mergeProcessRepeats(runs).scenarios.map((s) => [s.name, s]));
    snapshot = {
      ...snapshot,
      scenarios: snapshot.scenarios.map((s) => merged.get(s.name) ?? s)
    };
  }
  if (!only || !earlier) return { kind: "measured", snapshot };
  const measured = new Map(
    snapshot.scenarios.filter((s) => only.has(s.name)).map((s) => [s.name, s])
  );
  for (const first of earlier.scenarios) keepColdCall(first, measured.get(first.name));
  const scenarios = earlier.scenarios.map((s) => measured.get(s.name) ?? s);
  const known = new Set(earlier.scenarios.map((s) => s.name));
  scenarios.push(...[...measured.values()].filter((s) => !known.has(s.name)));
  const notes = new Set(earlier.unmeasured.map((note) => JSON.stringify(note)));
  const unmeasured = [
    ...earlier.unmeasured.filter((note) => !note.scenario || !only.has(note.scenario)),
    ...snapshot.unmeasured.filter(
      (note) => note.scenario && only.has(note.scenario) || !note.scenario && !notes.has(JSON.stringify(note))
    )
  ];
  return {
    kind: "measured",
    snapshot: { ...earlier, repeats, iterations, scenarios, unmeasured }
  };
}
function keepColdCall(first, deep) {
  if (deep === void 0 || deep.kind !== "test" || first.kind !== "test") return;
  if (first.status !== "ok" || deep.status !== "ok" || first.repeats.length === 0) return;
  deep.coldCalls = [...first.coldCalls ?? [], first.repeats[0]];
}
function retentionFiles(options) {
  const sites = options.retentionSites ?? [];
  if (sites.length === 0) return {};
  const scenarios = (options.retentionScenarios ?? []).filter((name) => !/[\r\n]/.test(name));
  options.log.info(
    `what keeps the objects of ${sites.length} grown site${sites.length === 1 ? "" : "s"} alive: ${sites.join(", ")}` + (options.retentionScenarios ? `, in ${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} whose retained memory grew` : "")
  );
  return {
    ALLOCDIFF_RETENTION_SITES: `${sites.join("\n")}
`,
    ...options.retentionScenarios ? { ALLOCDIFF_RETENTION_SCENARIOS: scenarios.map((name) => `${name}
`).join("") } : {}
  };
}
function peakTargets(asked, earlier) {
  if (!asked || Array.isArray(asked) && asked.length === 0) return void 0;
  const tests = (earlier?.scenarios ?? []).filter(
    (s) => s.kind === "test" && s.status === "ok" && !/[\r\n]/.test(s.name) && (asked === true || asked.includes(s.name))
  );
  if (asked === true && tests.length === 0) return true;
  return tests.map((s) => `${s.peakBytes} ${s.name}
`).join("");
}
function measuredNothing(outcome) {
  return outcome.kind === "absent" || outcome.kind === "measured" && outcome.snapshot.scenarios.length === 0;
}
function snapshotOfNothing(outcome) {
  return outcome.kind === "measured" ? outcome.snapshot : { unmeasured: [] };
}
var HARNESS_FILES = [
  "ALLOCDIFF_TESTS",
  "ALLOCDIFF_OBJECT_TYPES_TESTS",
  "ALLOCDIFF_SKIP_TESTS",
  "ALLOCDIFF_SKIP_FILES",
  "ALLOCDIFF_PEAK_TARGETS",
  "ALLOCDIFF_RETENTION_SITES",
  "ALLOCDIFF_RETENTION_SCENARIOS",
  "ALLOCDIFF_TRACEBACK_SITES"
];
var NUMBER_DIGITS = 10;
async function startAhead(command, workingDirectory, checkoutDir, options) {
  const cwd = join6(checkoutDir, workingDirectory);
  if (!existsSync2(cwd)) return void 0;
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ("failure" in runner) return void 0;
  const workDir = await runner.workDir("allocdiff-command-");
  const { variables } = await passFiles(workDir, checkoutDir, options, {}, 1);
  const dir = sessionDir(workDir);
  await mkdir2(dir);
  options.log.info(
    `${command}: pytest starts and collects now, its first run waiting for base's reads`
  );
  const session = await PytestSession.ahead(runner, command, cwd, variables, dir, options.log);
  return { session, runner, workDir, skipFiles: (options.skipFiles ?? []).join("\n") };
}
async function takeEarly(ahead, checkoutDir, options) {
  const waiting = ahead.get(checkoutDir);
  if (!waiting) return void 0;
  ahead.delete(checkoutDir);
  const early = await waiting;
  if (!early) return void 0;
  if (early.skipFiles === (options.skipFiles ?? []).join("\n") && await early.session.ready()) {
    return early;
  }
  options.log.info("the pytest session started ahead does not serve: pytest starts again");
  await stopSessions(/* @__PURE__ */ new Map([[checkoutDir, early]]));
  return void 0;
}
async function harnessVariables(workDir, fixed, frames, depth, files) {
  const number = (value) => String(value).padStart(NUMBER_DIGITS, "0");
  const variables = {
    ...fixed,
    ALLOCDIFF_FRAMES: number(frames),
    ALLOCDIFF_REPEATS: number(depth?.repeats ?? 1),
    ALLOCDIFF_ITERATIONS: number(depth?.iterations ?? 0),
    ALLOCDIFF_OBJECT_TYPES: depth?.objectTypes ? "1" : "0",
    ALLOCDIFF_PEAK_SITES: depth?.everyPeak ? "1" : "0"
  };
  for (const variable of HARNESS_FILES) {
    const path = join6(workDir, `${variable.toLowerCase()}.txt`);
    const content = files[variable];
    if (content === void 0) {
      variables[variable] = " ".repeat(Buffer.byteLength(path));
    } else {
      await writeFile3(path, content);
      variables[variable] = path;
    }
  }
  return { ...variables, ...blankSessionVariables(sessionDir(workDir)) };
}
async function runCommand(command, workingDirectory, checkoutDir, options, pass = {}, sessions) {
  const { log } = options;
  const cwd = join6(checkoutDir, workingDirectory);
  if (!existsSync2(cwd)) {
    log.info(`${workingDirectory} does not exist in this commit: nothing to measure`);
    return { kind: "absent" };
  }
  const waiting = sessions?.get(checkoutDir);
  if (waiting && pass.session === "reuse" && waiting.session.serving) {
    return runInSession(command, checkoutDir, options, pass, sessions);
  }
  if (waiting && pass.session === "start") {
    sessions.delete(checkoutDir);
    await stopSessions(/* @__PURE__ */ new Map([[checkoutDir, waiting]]));
  }
  const runner = await SideRunner.start(checkoutDir, options, { setup: pass.setup ?? true });
  if ("failure" in runner) return { kind: "failed", error: runner.failure };
  const frames = passFrames(options, pass);
  const workDir = await runner.workDir("allocdiff-command-");
  let kept = false;
  let merge;
  let unwatch;
  try {
    const { partials, variables } = await passFiles(workDir, checkoutDir, options, pass, frames);
    unwatch = pass.progress ? watchProgress(partials, pass.progress, log) : void 0;
    const serve = sessions !== void 0 && pass.session === "start" && isPytestAlone(command);
    log.info(commandLine(command, options, frames));
    merge = startMerge(runner, checkoutDir, partials, frames);
    if (serve) {
      const dir = sessionDir(workDir);
      await mkdir2(dir);
      const started = await PytestSession.start(runner, command, cwd, variables, dir, log);
      if (started.kind === "serving") {
        sessions.set(checkoutDir, { session: started.session, runner, workDir });
        kept = true;
        log.info(
          "pytest collected once: it waits, its tests collected, for the passes that follow (each in a process forked from it)"
        );
        const { result: result3 } = started.first;
        const fixed = started.session.fixedAddresses;
        return await mergePass(runner, merge, result3, fixed, log);
      }
      const { result: result2, fixedAddresses: fixedAddresses2 } = started.run;
      return await mergePass(runner, merge, result2, fixedAddresses2, log);
    }
    const { result, fixedAddresses } = await runner.injected(command, cwd, variables);
    return await mergePass(runner, merge, result, fixedAddresses, log);
  } finally {
    await merge?.abandon();
    unwatch?.();
    if (!kept) await rm2(workDir, { recursive: true, force: true });
  }
}
function passFrames(options, pass) {
  return pass.files?.ALLOCDIFF_TRACEBACK_SITES !== void 0 ? options.frames : 1;
}
function commandLine(command, options, frames) {
  const skip = options.skipTests?.length ?? 0;
  const fileCount = options.skipFiles?.length ?? 0;
  return `${command} with every Python process under tracemalloc (frames: ${frames})` + (skip > 0 ? `, ${skip} unchanged tests deselected` : "") + (fileCount > 0 ? `, ${fileCount} test files not collected` : "");
}
async function passFiles(workDir, checkoutDir, options, pass, frames) {
  const partials = join6(workDir, "processes");
  await mkdir2(partials);
  const skip = options.skipTests ?? [];
  const variables = await harnessVariables(
    workDir,
    { ALLOCDIFF_COMMAND_DIR: partials, ALLOCDIFF_ROOT: checkoutDir },
    frames,
    pass.depth,
    {
      ...pass.files,
      ...skip.length > 0 ? { ALLOCDIFF_SKIP_TESTS: `${skip.join("\n")}
` } : {},
      ...skipFilesVariable(options)
    }
  );
  return { partials, variables };
}
async function runInSession(command, checkoutDir, options, pass, sessions, started = "first run") {
  const { session, runner, workDir } = sessions.get(checkoutDir);
  const frames = passFrames(options, pass);
  const passDir = await runner.workDir("allocdiff-command-");
  let merge;
  let unwatch;
  try {
    const { partials, variables } = await passFiles(passDir, checkoutDir, options, pass, frames);
    unwatch = pass.progress ? watchProgress(partials, pass.progress, options.log) : void 0;
    options.log.info(
      `${commandLine(command, options, frames)}, in the pytest session ${started === "ahead" ? "started ahead" : "of the first run"} (no new start, its tests collected)`
    );
    merge = startMerge(runner, checkoutDir, partials, frames);
    const end = await session.pass(variables, options.log);
    if (end.kind === "done") {
      const fixed = session.fixedAddresses;
      return await mergePass(runner, merge, end.result, fixed, options.log);
    }
    sessions.delete(checkoutDir);
    options.log.warning(
      `the pytest session ended before this pass did: ${runner.describeExit("it", end.run.result)}`
    );
    await rm2(workDir, { recursive: true, force: true }).catch(() => void 0);
    const { result, fixedAddresses } = end.run;
    return await mergePass(runner, merge, result, fixedAddresses, options.log);
  } finally {
    await merge?.abandon();
    unwatch?.();
    await rm2(passDir, { recursive: true, force: true });
  }
}
function startMerge(runner, checkoutDir, partials, frames) {
  const snapshotPath = join6(dirname(partials), "snapshot.json");
  const after = join6(dirname(partials), "merge.go");
  const result = runner.tool("allocdiff_harness.aggregate", [
    "--dir",
    partials,
    "--root",
    checkoutDir,
    "--out",
    snapshotPath,
    "--frames",
    String(frames),
    "--after",
    after
  ]);
  result.catch(() => void 0);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await writeFile3(after, "");
  };
  return {
    snapshotPath,
    go: async () => {
      await release();
      return result;
    },
    abandon: async () => {
      if (released) return;
      await release().catch(() => void 0);
      await result.catch(() => void 0);
    }
  };
}
async function mergePass(runner, pending, run, fixedAddresses, log) {
  const { snapshotPath } = pending;
  const merge = await pending.go();
  if (processFailed(merge) || !existsSync2(snapshotPath)) {
    return {
      kind: "failed",
      error: {
        type: "HarnessFailed",
        message: runner.describeExit(`${runner.python} -m allocdiff_harness.aggregate`, merge),
        output: lastLines(`${run.outputTail}${merge.outputTail}`)
      }
    };
  }
  const snapshot = await readSnapshot(snapshotPath);
  if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
  logUnmeasured(log, snapshot.unmeasured);
  const tail = lastLines(run.outputTail);
  const failures = snapshot.scenarios.filter((scenario) => scenario.status === "failed");
  for (const scenario of failures) if (scenario.error) scenario.error.output = tail;
  if (processFailed(run) && failures.length === 0) {
    const commandFailure = {
      type: run.timedOut ? "TimedOut" : "CommandFailed",
      message: runner.describeExit("the command", run),
      output: tail
    };
    return { kind: "measured", snapshot, commandFailure };
  }
  return { kind: "measured", snapshot };
}
async function stopSessions(sessions) {
  const waiting = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    waiting.map(async ({ session, workDir }) => {
      try {
        await session.stop();
      } finally {
        await rm2(workDir, { recursive: true, force: true });
      }
    })
  );
}
async function readTests(command, workingDirectory, checkoutDir, options) {
  const cwd = join6(checkoutDir, workingDirectory);
  if (!existsSync2(cwd)) return void 0;
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ("failure" in runner) return { failure: runner.failure.message };
  const workDir = await runner.workDir("allocdiff-reads-");
  try {
    const skipped = options.skipFiles?.length ?? 0;
    options.log.info(
      `${command}, untraced, recording what each test reads` + (skipped > 0 ? ` (${skipped} test files not collected)` : "")
    );
    const files = {};
    for (const [variable, content] of Object.entries(skipFilesVariable(options))) {
      files[variable] = join6(workDir, `${variable.toLowerCase()}.txt`);
      await writeFile3(files[variable], content);
    }
    const { result: run } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: workDir,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_RECORD_READS: "1",
      // pytest alone: its process ends once what its tests read is written (the plugin's
      // `EndAtFinish`), without the rest of pytest's finish, which nothing after it reads.
      ...isPytestAlone(command) ? { ALLOCDIFF_PYTEST_ALONE: "1" } : {},
      ...files
    });
    if (run.timedOut) return { failure: runner.describeExit("the command", run) };
    return await readTestReads(workDir);
  } catch (error) {
    if (stopReason()) throw error;
    return { failure: errorMessage(error) };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
function skipFilesVariable(options) {
  const files = options.skipFiles ?? [];
  return files.length > 0 ? { ALLOCDIFF_SKIP_FILES: `${files.join("\n")}
` } : {};
}
async function ruleOutTests(command, checkouts, changed, always, options) {
  const runner = await SideRunner.start(checkouts.base, options, { setup: false });
  if ("failure" in runner) return { failure: runner.failure.message };
  const workDir = await runner.workDir("allocdiff-imports-");
  try {
    const changedFile = join6(workDir, "changed.txt");
    const out = join6(workDir, "imports.json");
    await writeFile3(changedFile, changed.filter((path) => !/[\r\n]/.test(path)).join("\n") + "\n");
    const result = await runner.tool("allocdiff_harness.imports", [
      "--side",
      checkouts.base,
      "--side",
      checkouts.head,
      "--changed",
      changedFile,
      ...always.flatMap((path) => ["--always", path]),
      "--command",
      command,
      "--out",
      out
    ]);
    if (processFailed(result) || !existsSync2(out)) {
      return {
        failure: `${runner.describeExit(`${runner.python} -m allocdiff_harness.imports`, result)}: ${lastLines(result.outputTail)}`
      };
    }
    return await readStaticSelection(out);
  } catch (error) {
    return { failure: errorMessage(error) };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
function nothingMeasuredMessage(command, base, head) {
  const notes = [...head.unmeasured, ...base.unmeasured].map((note) => `${note.what}: ${note.why}`);
  return `command "${command}" measured nothing on either side: it started no Python process that allocdiff could measure (Python 3.9+, started with the environment it was given, not with -S, -I or -E)${notes.length > 0 ? `; ${[...new Set(notes)].join("; ")}` : ""}`;
}

// src/capture/script-backend.ts
import { existsSync as existsSync3 } from "node:fs";
import { rename as rename2, rm as rm3, writeFile as writeFile4 } from "node:fs/promises";
import { join as join7 } from "node:path";
function scriptBackend(script) {
  return {
    name: script,
    inDepth: true,
    check: (checkouts) => refuseScriptOutside(script, checkouts),
    measure: (checkoutDir, options) => measureScript(script, checkoutDir, options),
    measureAtOnce: (checkoutDir, options, ahead, decide) => measureScriptAtOnce(script, checkoutDir, options, ahead, decide),
    trace: (checkoutDir, options, sitesFile) => traceScript(script, checkoutDir, options, sitesFile),
    nothingMeasured: (base, head) => base.kind === "absent" && head.kind === "absent" ? `script "${script}" exists in neither the base nor the head commit (the path is relative to the repository root)` : void 0
  };
}
async function runHarness(runner, script, args, retentionSites = []) {
  const workDir = await runner.workDir("allocdiff-snapshot-");
  const snapshotPath = join7(workDir, "snapshot.json");
  const list = `${snapshotPath}.retention-sites`;
  const writeList = async (sites) => {
    await writeFile4(`${list}.partial`, sites.map((site) => `${site}
`).join(""));
    await rename2(`${list}.partial`, list);
  };
  let written2;
  try {
    if (Array.isArray(retentionSites)) {
      if (retentionSites.length > 0) await writeList(retentionSites);
    } else {
      await writeFile4(`${list}.pending`, "");
      written2 = Promise.resolve(retentionSites).catch(() => []).then(writeList);
    }
    const { result, fixedAddresses } = await runner.harness([
      "--script",
      script,
      "--root",
      runner.checkoutDir,
      "--out",
      snapshotPath,
      ...args
    ]);
    const output = lastLines(result.outputTail);
    if (result.exitCode !== 0 || !existsSync3(snapshotPath)) {
      return {
        failure: {
          type: result.timedOut ? "TimedOut" : "HarnessFailed",
          message: runner.describeExit(`${runner.python} -m allocdiff_harness`, result),
          output
        }
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === "failed" && scenario.error) scenario.error.output = output;
    }
    return { snapshot };
  } finally {
    await written2?.catch(() => void 0);
    await rm3(workDir, { recursive: true, force: true });
  }
}
async function measureOnce(runner, script, args, files = {}) {
  if (!files.sameAs) return runHarness(runner, script, args, files.retention);
  const dir = await runner.workDir("allocdiff-first-");
  try {
    await writeFile4(join7(dir, "figures.txt"), files.sameAs);
    return await runHarness(
      runner,
      script,
      [...args, "--same-as", join7(dir, "figures.txt")],
      files.retention
    );
  } finally {
    await rm3(dir, { recursive: true, force: true });
  }
}
async function measureScript(script, checkoutDir, options) {
  const { log } = options;
  if (!existsSync3(join7(checkoutDir, script))) {
    log.info(`${script} does not exist in this commit: nothing to measure`);
    return { kind: "absent" };
  }
  const failed = (error) => ({ kind: "failed", error });
  const runner = await SideRunner.start(checkoutDir, options);
  if ("failure" in runner) return failed(runner.failure);
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const objectTypes = options.objectTypes ?? true;
  log.info(
    `${runner.python} ${script} under tracemalloc (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ""})`
  );
  const measuring = ["--frames", "1", "--repeats", String(repeats)];
  const earlier = options.sameAs;
  const sameAs = earlier && repeats > 1 ? sameAsFile(earlier) : void 0;
  const retention = options.retentionSites ?? [];
  if (retention.length > 0) {
    log.info(
      `what keeps the objects of ${retention.length} grown site${retention.length === 1 ? "" : "s"} alive: ${retention.join(", ")}`
    );
  }
  const first = await measureOnce(
    runner,
    script,
    [
      ...measuring,
      ...iterations > 0 ? ["--iterations", String(iterations)] : [],
      ...countingArgs(objectTypes ? "around" : options.objectTypesLater ? "before" : "none")
    ],
    { sameAs, retention }
  );
  return settle(runner, script, options, first);
}
function countingArgs(counting) {
  return counting === "none" ? ["--no-object-types"] : ["--count-objects", counting];
}
async function settle(runner, script, options, first) {
  const { log } = options;
  const failed = (error) => ({ kind: "failed", error });
  const repeats = options.repeats ?? 1;
  const objectTypes = options.objectTypes ?? true;
  const earlier = options.sameAs;
  const measuring = ["--frames", "1", "--repeats", String(repeats)];
  if (!first.snapshot) return failed(first.failure);
  let snapshot = first.snapshot;
  logUnmeasured(log, snapshot.unmeasured);
  for (const scenario of snapshot.scenarios) {
    if (scenario.identicalRuns !== void 0)
      log.info(
        `${scenario.name}: its first call measured exactly what the first run did: ${scenario.identicalRuns} identical runs, no further calls`
      );
  }
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === "script");
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === "ok")) {
    const reused = earlier && sameScenarios(earlier, snapshot) ? earlier : void 0;
    const runs = reused ? [reused, snapshot] : [snapshot];
    let proven = reused !== void 0 && identical(reused, snapshot);
    const plain = countingArgs(objectTypes || options.objectTypesLater ? "before" : "none");
    for (let index = runs.length + 1; index <= repeats && !proven; index += 1) {
      log.info(`measurement ${index} of ${repeats} (a new process)`);
      const run = await measureOnce(runner, script, [...measuring, ...plain]);
      if (!run.snapshot) return failed(run.failure);
      runs.push(run.snapshot);
      proven = reused !== void 0 && identical(reused, run.snapshot);
    }
    if (proven)
      log.info(
        `a new process measured exactly what the first run did: ${runs.length} identical runs${runs.length < repeats ? ", no further repeats" : ""}`
      );
    const own = snapshot;
    snapshot = mergeProcessRepeats(runs);
    for (const scenario of snapshot.scenarios) {
      const mine = own.scenarios.find((s) => s.name === scenario.name);
      if (objectTypes && mine?.objectTypes) scenario.objectTypes = mine.objectTypes;
      if (mine?.retention) scenario.retention = mine.retention;
    }
    if (proven) for (const scenario of snapshot.scenarios) scenario.identicalRuns = runs.length;
  }
  await capturePeakSites(runner, script, options, snapshot);
  return { kind: "measured", snapshot };
}
async function measureScriptAtOnce(script, checkoutDir, options, ahead, decide) {
  const { log } = options;
  if (!existsSync3(join7(checkoutDir, script))) {
    log.info(`${script} does not exist in this commit: nothing to measure`);
    return { first: { kind: "absent" } };
  }
  const runner = await SideRunner.start(checkoutDir, options);
  if ("failure" in runner) return { first: { kind: "failed", error: runner.failure } };
  log.info(
    `${runner.python} ${script} under tracemalloc: the first run and a repeat at the same time (the other side needs no run)${ahead.objectTypes ? "; the repeat counts objects" : ""}`
  );
  let settleSites = () => void 0;
  const sites = new Promise((resolve2) => {
    settleSites = resolve2;
  });
  const started = [];
  try {
    const firstRun = measureOnce(runner, script, [
      "--frames",
      "1",
      "--repeats",
      "1",
      ...countingArgs(options.objectTypesLater ? "before" : "none")
    ]);
    const repeat = runHarness(
      runner,
      script,
      [
        "--frames",
        "1",
        "--repeats",
        String(ahead.repeats),
        ...countingArgs(ahead.objectTypes ? "around" : "none")
      ],
      sites
    );
    started.push(firstRun, repeat);
    for (const run of started) run.catch(() => void 0);
    const first = await firstRun;
    if (!first.snapshot) return { first: { kind: "failed", error: first.failure } };
    const firstOutcome = { kind: "measured", snapshot: first.snapshot };
    const whole = first.snapshot.scenarios.length > 0 && first.snapshot.scenarios.every((s) => s.kind === "script" && s.status === "ok");
    if (!whole) return { first: firstOutcome };
    const deep = await decide(first.snapshot);
    const retention = deep?.retentionSites ?? [];
    if (retention.length > 0)
      log.info(
        `what keeps the objects of ${retention.length} grown site${retention.length === 1 ? "" : "s"} alive: ${retention.join(", ")}`
      );
    settleSites(retention);
    if (!deep || (deep.repeats ?? 1) !== ahead.repeats || (deep.objectTypes ?? true) !== ahead.objectTypes || (options.objectTypesLater ?? false) !== ahead.objectTypes)
      return { first: firstOutcome };
    return {
      first: firstOutcome,
      deep: await settle(
        runner,
        script,
        { ...deep, sameAs: first.snapshot, objectTypesLater: options.objectTypesLater },
        await repeat
      )
    };
  } finally {
    settleSites([]);
    await Promise.allSettled(started);
  }
}
function identical(a, b) {
  return sameScenarios(a, b) && a.scenarios.every((scenario, index) => sameFigures(scenario, b.scenarios[index]));
}
function sameScenarios(a, b) {
  return a.scenarios.length === b.scenarios.length && a.scenarios.every(
    (scenario, index) => scenario.status === "ok" && scenario.name === b.scenarios[index].name && scenario.kind === b.scenarios[index].kind
  );
}
var HOOKS_MISSED = "sites at the peak, with the hooks on near it only";
async function capturePeakSites(runner, script, options, snapshot) {
  const asked = options.peakSites;
  const wanted = snapshot.scenarios.filter(
    (scenario) => scenario.status === "ok" && (asked === true || Array.isArray(asked) && asked.includes(scenario.name))
  );
  if (!asked || wanted.length === 0) return;
  options.log.info(
    `finding the sites at the peak of ${wanted.map((scenario) => scenario.name).join(", ")} (a hooked run)`
  );
  const wholeScript = wanted.find((scenario) => scenario.kind === "script");
  const functions = wanted.filter((scenario) => scenario.kind === "function");
  const workDir = await sideWorkDir(options.env, "allocdiff-peaks-");
  try {
    const targetsFile = join7(workDir, "peak-targets.txt");
    if (functions.length > 0)
      await writeFile4(targetsFile, functions.map((f) => `${f.name} ${f.peakBytes}
`).join(""));
    const iterations = options.iterations ?? 0;
    const hooked = (everywhere) => runHarness(runner, script, [
      "--frames",
      "1",
      "--repeats",
      String(options.repeats ?? 1),
      ...iterations > 0 ? ["--iterations", String(iterations)] : [],
      "--peak-sites",
      "--no-object-types",
      ...wholeScript ? ["--peak-target", String(Math.max(1, wholeScript.peakBytes))] : [],
      ...everywhere ? ["--peak-everywhere"] : [],
      ...functions.length > 0 ? ["--peak-targets", targetsFile] : []
    ]);
    const started = performance.now();
    const took = () => `${((performance.now() - started) / 1e3).toFixed(1)} s`;
    let run = await hooked(false);
    const missed = run.snapshot?.unmeasured.find((note) => note.what === HOOKS_MISSED);
    if (wholeScript && missed) {
      options.log.info(`${missed.why} (${took()}): again with the hooks on throughout`);
      run = await hooked(true);
    }
    const noted = new Set(snapshot.unmeasured.map((note) => JSON.stringify(note)));
    const keep = (note) => {
      if (noted.has(JSON.stringify(note))) return;
      noted.add(JSON.stringify(note));
      snapshot.unmeasured.push(note);
    };
    if (!run.snapshot) {
      const why = `the hooked run failed: ${run.failure?.message ?? "no snapshot"}`;
      options.log.warning(`no sites at the peak (hooked run of ${took()}): ${why}`);
      for (const scenario of wanted)
        keep({ scenario: scenario.name, what: PEAK_SITES_MISSED, why });
      return;
    }
    const found = [];
    for (const scenario of wanted) {
      const peak = run.snapshot.scenarios.find((s) => s.name === scenario.name)?.peak;
      if (peak) {
        scenario.peak = peak;
        found.push(scenario.name);
      }
    }
    if (found.length > 0)
      options.log.info(`sites at the peak of ${found.join(", ")} found in ${took()}`);
    for (const note of run.snapshot.unmeasured) {
      if (note.what !== PEAK_SITES_MISSED) continue;
      options.log.warning(
        `no sites at the peak of ${note.scenario ?? script} (hooked run of ${took()}): ${note.why}`
      );
      keep(note);
    }
  } finally {
    await rm3(workDir, { recursive: true, force: true });
  }
}
async function traceScript(script, checkoutDir, options, sitesFile) {
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ("failure" in runner) return { kind: "failed", error: runner.failure };
  const run = await runHarness(runner, script, [
    "--frames",
    String(options.frames),
    "--repeats",
    "1",
    "--no-object-types",
    "--traceback-sites",
    sitesFile
  ]);
  return run.snapshot ? { kind: "measured", snapshot: run.snapshot } : { kind: "failed", error: run.failure };
}

// src/capture/backend.ts
function backendFor(benchmark, fromRoot) {
  switch (benchmark.kind) {
    case "script":
      return scriptBackend(fromRoot(benchmark.script));
    case "command":
      return commandBackend(benchmark.command, fromRoot(benchmark.workingDirectory));
  }
}
async function traceSites(backend, checkoutDir, options, sites) {
  if (!backend.trace) return void 0;
  const workDir = await sideWorkDir(options.env, "allocdiff-sites-");
  try {
    const sitesFile = join8(workDir, "sites.txt");
    await writeFile5(sitesFile, `${sites.join("\n")}
`);
    options.log.info(
      `tracebacks of ${sites.length} changed site${sites.length === 1 ? "" : "s"} (frames: ${options.frames})`
    );
    const traced = await backend.trace(checkoutDir, options, sitesFile);
    if (traced.kind === "failed") options.log.warning(`no tracebacks: ${traced.error.message}`);
    return traced.kind === "measured" ? traced.snapshot : void 0;
  } finally {
    await rm4(workDir, { recursive: true, force: true });
  }
}

// src/capture/own-code.ts
import { readdir as readdir3, readFile as readFile4, stat as stat2 } from "node:fs/promises";
import { delimiter as delimiter3, join as join9, posix } from "node:path";
var REPOSITORY_ROOTS_VARIABLE = "ALLOCDIFF_REPOSITORY_ROOTS";
var IMPORT_PATHS_VARIABLE = "ALLOCDIFF_IMPORT_PATHS";
function table(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function strings(value) {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}
async function readText(path) {
  try {
    return await readFile4(path, "utf8");
  } catch {
    return void 0;
  }
}
function parentOfPackage(name, dir) {
  const packageParts = name.split(".");
  const dirParts = posix.normalize(dir).split("/").filter(Boolean);
  const tail = dirParts.slice(-packageParts.length);
  if (tail.length !== packageParts.length || tail.some((part, i) => part !== packageParts[i]))
    return void 0;
  return dirParts.slice(0, -packageParts.length).join("/");
}
function packageDirFolders(mapping) {
  const folders = [];
  for (const [name, dir] of Object.entries(mapping ?? {})) {
    if (typeof dir !== "string") continue;
    const folder = name === "" ? dir : parentOfPackage(name, dir);
    if (folder !== void 0) folders.push(folder);
  }
  return folders;
}
function pyprojectFolders(text) {
  let document;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  const tool = table(document.tool) ?? {};
  const folders = [];
  const setuptools = table(tool.setuptools);
  if (setuptools) {
    const packageDir = table(setuptools["package-dir"]);
    folders.push(...packageDirFolders(packageDir));
    const find = table(table(setuptools.packages)?.find);
    folders.push(...strings(find?.where));
    if (Array.isArray(setuptools.packages) || setuptools["py-modules"] !== void 0) {
      const base = packageDir?.[""];
      folders.push(typeof base === "string" ? base : "");
    }
  }
  const poetry = table(tool.poetry);
  for (const entry of Array.isArray(poetry?.packages) ? poetry.packages : []) {
    const from = table(entry)?.from;
    if (table(entry)) folders.push(typeof from === "string" ? from : "");
  }
  const hatch = table(table(tool.hatch)?.build);
  for (const build of [hatch, table(table(hatch?.targets)?.wheel)]) {
    for (const path of strings(build?.packages)) folders.push(posix.dirname(path));
    const sources = build?.sources;
    folders.push(...strings(sources));
    for (const [from, to] of Object.entries(table(sources) ?? {}))
      if (to === "") folders.push(from);
  }
  folders.push(...strings(table(table(tool.pdm)?.build)?.["package-dir"]));
  folders.push(...strings(table(tool.maturin)?.["python-source"]));
  const scikitBuild = table(table(tool["scikit-build"])?.wheel);
  for (const path of strings(scikitBuild?.packages)) folders.push(posix.dirname(path));
  return folders;
}
function setupCfgFolders(text) {
  const values = /* @__PURE__ */ new Map();
  let section = "";
  let key;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim();
      key = void 0;
    } else if (/^\s/.test(raw) && key !== void 0) {
      values.set(key, `${values.get(key)}
${raw.trim()}`);
    } else {
      const separator = raw.search(/[=:]/);
      if (separator < 0) continue;
      key = `${section}/${raw.slice(0, separator).trim()}`;
      values.set(key, raw.slice(separator + 1).trim());
    }
  }
  const mapping = {};
  for (const line of (values.get("options/package_dir") ?? "").split("\n")) {
    const separator = line.indexOf("=");
    if (separator >= 0) mapping[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  const where = values.get("options.packages.find/where");
  return [...packageDirFolders(mapping), ...where ? where.split(/\s+/).filter(Boolean) : []];
}
async function isDirectory(path) {
  try {
    return (await stat2(path)).isDirectory();
  } catch {
    return false;
  }
}
async function isFile(path) {
  try {
    return (await stat2(path)).isFile();
  } catch {
    return false;
  }
}
async function holdsPython(folder) {
  let names;
  try {
    names = await readdir3(folder);
  } catch {
    return false;
  }
  for (const name of names) {
    if (name.endsWith(".py") || await isFile(join9(folder, name, "__init__.py"))) return true;
  }
  return false;
}
async function importPaths(checkoutDir) {
  const pyproject = await readText(join9(checkoutDir, "pyproject.toml"));
  const setupCfg = await readText(join9(checkoutDir, "setup.cfg"));
  const named = [
    ...pyproject === void 0 ? [] : pyprojectFolders(pyproject),
    ...setupCfg === void 0 ? [] : setupCfgFolders(setupCfg)
  ];
  const candidates = named.length > 0 ? named : await holdsPython(join9(checkoutDir, "src")) ? ["src"] : [];
  const paths = [];
  for (const candidate of candidates) {
    const path = posix.normalize(candidate.replaceAll("\\", "/")).replace(/\/+$/, "");
    if (path === "." || path === "" || path.startsWith("/") || path.split("/").includes(".."))
      continue;
    if (path.includes(delimiter3) || paths.includes(path)) continue;
    if (await isDirectory(join9(checkoutDir, path))) paths.push(path);
  }
  return paths;
}
async function ownCodeEnvironment(env, checkoutDir, repositoryRoots) {
  return {
    ...env,
    [REPOSITORY_ROOTS_VARIABLE]: [...new Set(repositoryRoots)].join(delimiter3),
    [IMPORT_PATHS_VARIABLE]: (await importPaths(checkoutDir)).join(delimiter3)
  };
}

// src/capture/measure-sides.ts
import { availableParallelism } from "node:os";

// src/log.ts
var PARTIAL_LINE_DELAY_MS = 500;
var PARTIAL_LINE_LIMIT = 64 * 1024;
function shownPart(line) {
  return line.slice(line.lastIndexOf("\r") + 1);
}
function prefixedLogger(log, prefix, delayMs = PARTIAL_LINE_DELAY_MS) {
  let pending = "";
  let timer;
  const mark = (text) => text.split("\n").map((line) => `${prefix}${line}`).join("\n");
  const flush = () => {
    if (timer !== void 0) clearTimeout(timer);
    timer = void 0;
    const shown2 = shownPart(pending);
    pending = "";
    log.pending?.(prefix, "");
    if (shown2 !== "") log.output(`${prefix}${shown2}
`);
  };
  return {
    flush,
    group(title, body) {
      flush();
      log.info(mark(title));
      return body();
    },
    info(message) {
      flush();
      log.info(mark(message));
    },
    warning(message) {
      flush();
      log.warning(mark(message));
    },
    output(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end >= 0) {
        const lines = pending.slice(0, end).split("\n");
        pending = pending.slice(end + 1);
        log.pending?.(prefix, "");
        log.output(
          lines.map((line) => `${prefix}${shownPart(line.replace(/\r$/, ""))}
`).join("")
        );
        if (timer !== void 0) clearTimeout(timer);
        timer = void 0;
      }
      if (pending === "" || pending.length >= PARTIAL_LINE_LIMIT) flush();
      else if (log.pending) log.pending(prefix, shownPart(pending));
      else timer ??= setTimeout(flush, delayMs).unref();
    }
  };
}

// src/capture/measure-sides.ts
function sequentialReason(options) {
  if (options.parallel === false) return "parallel sides are turned off";
  const cores = options.cores ?? availableParallelism();
  if (cores < 2) return "this machine has one core";
  return void 0;
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
async function onBothSides(log, title, measure, sequential) {
  if (sequential !== void 0) {
    const base2 = await log.group(title("base"), () => measure("base", log));
    const head2 = await log.group(title("head"), () => measure("head", log));
    return { base: base2, head: head2 };
  }
  const both = `${title("base")} and ${title("head").replace(/^.*? (?=head\b)/, "")}, at the same time`;
  const measureSide = async (side) => {
    const sideLog = prefixedLogger(log, `[${side}] `);
    const end = log.progress?.(title(side));
    const started = performance.now();
    const ended = (outcome) => {
      sideLog.flush();
      if (end) end(outcome);
      else
        log.info(
          `[${side}] ${outcome === "done" ? "finished" : "failed"}: ${title(side)} (${seconds(performance.now() - started)})`
        );
    };
    try {
      const result = await measure(side, sideLog);
      ended("done");
      return result;
    } catch (error) {
      ended("failed");
      throw error;
    }
  };
  const [base, head] = await log.group(
    both,
    () => Promise.allSettled([measureSide("base"), measureSide("head")])
  );
  if (base.status === "rejected") throw base.reason;
  if (head.status === "rejected") throw head.reason;
  return { base: base.value, head: head.value };
}

// src/compare/scenario-details.ts
var MAX_OBJECT_TYPES = 200;
var MAX_PEAK_SITES = 50;
function leakSitesOf(scenario) {
  return (scenario?.leak?.sites ?? []).map(
    ({ bytesPerCall, countPerCall, file, line, ...rest }) => ({
      ...rest,
      file,
      line,
      size: Math.round(bytesPerCall),
      count: Math.round(countPerCall)
    })
  );
}
function leakSiteDeltas(base, head, lineMap) {
  if (!base?.leak && !head?.leak) return void 0;
  return compareSites(leakSitesOf(base), leakSitesOf(head), lineMap, { keepUnchanged: true }).sort(
    (a, b) => b.headSize - a.headSize || b.baseSize - a.baseSize
  );
}
function growthByType(scenario) {
  if (!scenario?.objectTypes) return void 0;
  return new Map(scenario.objectTypes.map((entry) => [entry.type, entry.after - entry.before]));
}
function objectTypeDeltas(base, head) {
  const baseGrowth = growthByType(base);
  const headGrowth = growthByType(head);
  if (!baseGrowth && !headGrowth) return void 0;
  const types = /* @__PURE__ */ new Set([...baseGrowth?.keys() ?? [], ...headGrowth?.keys() ?? []]);
  const deltas = [];
  for (const type of types) {
    const b = baseGrowth ? baseGrowth.get(type) ?? 0 : null;
    const h = headGrowth ? headGrowth.get(type) ?? 0 : null;
    const delta = (h ?? 0) - (b ?? 0);
    if (delta !== 0) deltas.push({ type, baseGrowth: b, headGrowth: h, delta });
  }
  return deltas.sort(
    (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)
  ).slice(0, MAX_OBJECT_TYPES);
}
var PEAK_SHARED_SHARE = 0.5;
function peakSiteDeltas(base, head, lineMap, missed = {}) {
  const missedBy = {
    ...base && !base.peak && missed.base !== void 0 ? { base: missed.base } : {},
    ...head && !head.peak && missed.head !== void 0 ? { head: missed.head } : {}
  };
  const anyMissed = missedBy.base !== void 0 || missedBy.head !== void 0;
  if (!base?.peak && !head?.peak && !anyMissed) return void 0;
  const sites = (scenario) => (scenario?.peak?.sites ?? []).map(({ tracebacks: _tracebacks, ...site }) => site);
  const all = compareSites(sites(base), sites(head), lineMap, { keepUnchanged: true });
  const held = (site) => Math.max(site.baseSize, site.headSize);
  const largest = (a, b) => Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) || held(b) - held(a);
  const kept = (keep) => all.filter(keep).sort(largest).slice(0, MAX_PEAK_SITES);
  const peakSites = {
    sites: [
      ...kept((site) => site.sizeDelta > 0),
      ...kept((site) => site.sizeDelta < 0),
      ...kept((site) => site.sizeDelta === 0)
    ].sort(largest)
  };
  if (base?.peak) peakSites.base = { bytes: base.peak.bytes, peakBytes: base.peak.peakBytes };
  if (head?.peak) peakSites.head = { bytes: head.peak.bytes, peakBytes: head.peak.peakBytes };
  if (anyMissed) peakSites.missed = missedBy;
  if (base?.peak && head?.peak) {
    let sharedBytes = 0;
    for (const site of all) sharedBytes += Math.max(0, Math.min(site.baseSize, site.headSize));
    const smaller = Math.min(base.peak.bytes, head.peak.bytes);
    if (smaller > 0 && sharedBytes < PEAK_SHARED_SHARE * smaller) peakSites.apart = { sharedBytes };
  }
  return peakSites;
}

// src/compare/compare.ts
function compareMeasure(name, base, head) {
  const spec = MEASURES[name];
  const read = (side) => side === void 0 || side.status === "failed" && side.repeats.length === 0 ? null : spec.read(side) ?? null;
  const b = read(base);
  const h = read(head);
  if (spec.presence === "measured" && b === null && h === null) return void 0;
  const result = { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
  if (spec.repeat !== void 0) {
    const repeat = spec.repeat;
    recordSpreads(
      result,
      base?.status === "ok" ? repeatSpread(base, name, repeat) : void 0,
      head?.status === "ok" ? repeatSpread(head, name, repeat) : void 0
    );
  } else if (name === "leak") {
    recordSpreads(result, base && leakSpread(base), head && leakSpread(head));
  }
  return result;
}
function compareMeasures(names, base, head) {
  const fields = {};
  for (const name of names) {
    const measure = compareMeasure(name, base, head);
    if (measure) fields[MEASURES[name].field] = measure;
  }
  return fields;
}
function deterministicOf(base, head) {
  const sides = [base, head].filter((side) => side !== void 0).map(isDeterministic);
  if (sides.length === 0 || sides.includes(void 0)) return void 0;
  return sides.every(Boolean);
}
function measuredSide(side) {
  return side?.status === "failed" && side.repeats.length === 0 ? void 0 : side;
}
var ALWAYS = measuresWhere((spec) => spec.presence === "always");
var ONCE_MEASURED = measuresWhere((spec) => spec.presence === "measured");
function compareScenario(name, base, head, lineMap, peaksMissed2 = {}) {
  const failed = [
    head?.status === "failed" ? { side: "head", scenario: head } : void 0,
    base?.status === "failed" ? { side: "base", scenario: base } : void 0
  ].find((entry) => entry !== void 0);
  const status = failed ? "failed" : !base ? "new" : !head ? "removed" : "ok";
  const comparison = {
    name,
    status,
    kind: (head ?? base)?.kind ?? "script",
    repeats: { base: base?.repeats.length ?? 0, head: head?.repeats.length ?? 0 },
    // A side that failed before any measured run has no figures: absent, never 0.
    ...compareMeasures(ALWAYS, measuredSide(base), measuredSide(head)),
    // The tables the snapshots were read into: objects are made for the changed sites only.
    sites: compareSites(siteListOf(base), siteListOf(head), lineMap, {
      ...base ? { baseKind: base.kind } : {},
      ...head ? { headKind: head.kind } : {},
      ...leakRoseSteadily(base) ? { baseLeakSteps: true } : {},
      ...leakRoseSteadily(head) ? { headLeakSteps: true } : {}
    })
  };
  const deterministic = failed ? void 0 : deterministicOf(base, head);
  if (deterministic !== void 0) comparison.deterministic = deterministic;
  const proven = [base, head].filter((side) => side !== void 0).map((s) => s.identicalRuns);
  if (!failed && proven.length > 0 && proven.every((runs) => runs !== void 0))
    comparison.identicalRuns = Math.min(...proven);
  Object.assign(comparison, compareMeasures(ONCE_MEASURED, base, head));
  denyRisesTheLeakCheckDenies(comparison);
  judgeFirstCalls(comparison, base, head);
  const leakSites = leakSiteDeltas(base, head, lineMap);
  if (leakSites) comparison.leakSites = leakSites;
  const objectTypes = objectTypeDeltas(base, head);
  if (objectTypes) comparison.objectTypes = objectTypes;
  const peakSites = peakSiteDeltas(base, head, lineMap, peaksMissed2);
  if (peakSites) comparison.peakSites = peakSites;
  const retention = retentionFindings(head, comparison.sites, lineMap);
  if (retention) comparison.retention = retention;
  if (failed) {
    comparison.error = {
      side: failed.side,
      ...failed.scenario.error ?? { type: "Error", message: "the benchmark failed" }
    };
    if (failed.side === "head" && base?.status === "failed") {
      comparison.baseError = base.error ?? { type: "Error", message: "the benchmark failed" };
    }
  }
  return comparison;
}
function judgeFirstCalls(comparison, base, head) {
  for (const name of MEASURE_NAMES) {
    const { repeat } = MEASURES[name];
    const measure = measureOf(comparison, name);
    if (repeat === void 0 || measure === void 0) continue;
    const cold = coldCallsOf(measure, base, head, repeat);
    if (cold) measure.cold = cold;
  }
}
function denyRisesTheLeakCheckDenies(comparison) {
  const leak = comparison.leak;
  if (!leak) return;
  for (const side of ["base", "head"]) {
    const perCall = leak[side];
    if (perCall === null || perCall > 0) continue;
    const key = side === "base" ? "baseGrowth" : "headGrowth";
    const rises = [
      ...Object.keys(MEASURES).filter((name) => name !== "leak").map((name) => measureOf(comparison, name)).filter((measure) => measure !== void 0),
      ...comparison.sites
    ];
    for (const figure of rises) {
      if (figure[key] === void 0) continue;
      delete figure[key];
      figure.noisy = true;
    }
  }
}
function peaksMissed(snapshot) {
  const why = /* @__PURE__ */ new Map();
  for (const note of snapshot.unmeasured) {
    if (note.what !== PEAK_SITES_MISSED) continue;
    const names = note.scenario === void 0 ? snapshot.scenarios.map((s) => s.name) : [note.scenario];
    for (const name of names) {
      const reasons = why.get(name) ?? [];
      if (!reasons.includes(note.why)) reasons.push(note.why);
      why.set(name, reasons);
    }
  }
  return new Map([...why].map(([name, reasons]) => [name, reasons.join("; ")]));
}
function failedAsAWhole(snapshot) {
  const { scenarios } = snapshot;
  return scenarios.length > 0 && scenarios.every((s) => s.status === "failed" && s.kind !== "test" && s.kind !== "function");
}
function compareSnapshots(base, head, lineMap) {
  const baseByName = new Map(base.scenarios.map((s) => [s.name, s]));
  const headByName = new Map(head.scenarios.map((s) => [s.name, s]));
  const names = [.../* @__PURE__ */ new Set([...head.scenarios.map((s) => s.name), ...baseByName.keys()])];
  const failed = { base: failedAsAWhole(base), head: failedAsAWhole(head) };
  const isTest = (scenario) => scenario?.kind === "test";
  const notRun = names.filter(
    (name) => failed.head && !headByName.has(name) && isTest(baseByName.get(name)) || failed.base && !baseByName.has(name) && isTest(headByName.get(name))
  );
  const left = new Set(notRun);
  const missed = { base: peaksMissed(base), head: peaksMissed(head) };
  const scenarios = names.filter((name) => !left.has(name)).map((name) => {
    const baseWhy = missed.base.get(name);
    const headWhy = missed.head.get(name);
    return compareScenario(name, baseByName.get(name), headByName.get(name), lineMap, {
      ...baseWhy !== void 0 ? { base: baseWhy } : {},
      ...headWhy !== void 0 ? { head: headWhy } : {}
    });
  });
  const whole = scenarios.find((scenario) => scenario.status === "failed");
  if (whole && notRun.length > 0) whole.notRun = { tests: notRun.length };
  const sides = ["base", "head"].filter((side) => failed[side]);
  return { scenarios, ...sides.length > 0 ? { failedAsAWhole: [...sides] } : {} };
}

// src/compare/tracebacks.ts
var TRACED_SITES_PER_SCENARIO = 10;
function baseName(site) {
  return site.baseLine === null ? void 0 : `${site.baseFile ?? site.file}:${site.baseLine}`;
}
function headName(site) {
  return site.line === null || site.silent ? void 0 : siteLocation(site);
}
function tracebackTargets(comparison, perScenario = TRACED_SITES_PER_SCENARIO) {
  const base = /* @__PURE__ */ new Set();
  const head = /* @__PURE__ */ new Set();
  for (const scenario of comparison.scenarios) {
    if (scenario.status === "failed") continue;
    for (const site of scenario.sites.slice(0, perScenario)) {
      const onHead = headName(site);
      if (onHead) head.add(onHead);
      else {
        const onBase = baseName(site);
        if (onBase) base.add(onBase);
      }
    }
  }
  return { base: [...base].sort(), head: [...head].sort() };
}
function tracebacksByScenario(snapshot) {
  const byScenario = /* @__PURE__ */ new Map();
  for (const scenario of snapshot?.scenarios ?? []) {
    const bySite = /* @__PURE__ */ new Map();
    for (const site of scenario.sites) {
      if (site.tracebacks?.length) bySite.set(siteLocation(site), site.tracebacks);
    }
    byScenario.set(scenario.name, bySite);
  }
  return byScenario;
}
function attachTracebacks(comparison, traced) {
  const base = tracebacksByScenario(traced.base);
  const head = tracebacksByScenario(traced.head);
  for (const scenario of comparison.scenarios) {
    for (const site of scenario.sites) {
      const onHead = headName(site);
      const onBase = baseName(site);
      const fromHead = onHead ? head.get(scenario.name)?.get(onHead) : void 0;
      const fromBase = !onHead && onBase ? base.get(scenario.name)?.get(onBase) : void 0;
      if (fromHead) {
        site.tracebacks = fromHead;
        site.tracebackSide = "head";
      } else if (fromBase) {
        site.tracebacks = fromBase;
        site.tracebackSide = "base";
      }
    }
  }
}

// src/sides/line-map.ts
var import_parse_diff = __toESM(require_parse_diff(), 1);
var LineMap = class _LineMap {
  changes = /* @__PURE__ */ new Map();
  /** Per head file, the lines the diff added or edited and their text (stripped). */
  addedLines = /* @__PURE__ */ new Map();
  /** Every path the diff names, on either side. */
  named = /* @__PURE__ */ new Set();
  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  renamed = /* @__PURE__ */ new Set();
  static fromUnifiedDiff(diffText) {
    const map = new _LineMap();
    for (const file of (0, import_parse_diff.default)(diffText)) {
      const headPath = file.deleted ? void 0 : file.to;
      const basePath = file.new ? void 0 : file.from;
      const hunks = file.chunks.map((chunk) => ({
        oldStart: chunk.oldStart,
        oldLines: chunk.oldLines,
        newStart: chunk.newStart,
        newLines: chunk.newLines
      })).sort((a, b) => a.oldStart - b.oldStart);
      for (const path of [basePath, headPath]) if (path !== void 0) map.named.add(path);
      if (basePath !== headPath) {
        for (const path of [basePath, headPath]) if (path !== void 0) map.renamed.add(path);
      }
      if (basePath !== void 0) map.changes.set(basePath, { headPath, hunks });
      if (headPath !== void 0) {
        const added = /* @__PURE__ */ new Map();
        for (const chunk of file.chunks) {
          for (const change of chunk.changes) {
            if (change.type === "add") added.set(change.ln, change.content.slice(1).trim());
          }
        }
        map.addedLines.set(headPath, added);
      }
    }
    return map;
  }
  /**
   * What the diff touches of what a benchmark read: the first of `files` it changes, a file it
   * adds, deletes or renames directly in one of `folders` (listed; `.` is the root), or a module
   * or regular package it adds, deletes or renames directly in one of `importFolders` (which the
   * import system searches); undefined when none.
   */
  firstTouched(read) {
    for (const file of read.files) if (this.named.has(file)) return file;
    const listed = new Set(read.folders);
    const searched = new Set(read.importFolders);
    const parentOf = (path) => {
      const slash = path.lastIndexOf("/");
      return slash < 0 ? "." : path.slice(0, slash);
    };
    for (const path of this.renamed) {
      const folder = parentOf(path);
      if (listed.has(folder)) return `${path} (a folder the benchmark listed)`;
      const module = /\.(py|pyc|pyd|so|pth)$/.test(path) && searched.has(folder);
      const isPackage = path.endsWith("/__init__.py") && searched.has(parentOf(folder));
      if (module || isPackage) return `${path} (importable)`;
    }
    return void 0;
  }
  /** Every path the diff names, on either side. */
  paths() {
    return [...this.named];
  }
  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  onOneSide() {
    return [...this.renamed];
  }
  /** The head position of a base line; undefined when the line was changed or removed. */
  toHead(file, line) {
    const headLine = this.lineOnHead(file, line);
    return headLine === void 0 ? void 0 : { file: this.headPathOf(file), line: headLine };
  }
  /**
   * The line a base line became in `headPathOf(file)`; undefined when it was changed or
   * removed. What `toHead` says, without making an object (it runs for every site).
   */
  lineOnHead(file, line) {
    const change = this.changes.get(file);
    if (!change) return line;
    if (change.headPath === void 0) return void 0;
    let shift = 0;
    for (const hunk of change.hunks) {
      if (hunk.oldLines === 0) {
        if (hunk.oldStart < line) shift += hunk.newLines;
        continue;
      }
      const lastOld = hunk.oldStart + hunk.oldLines - 1;
      if (line < hunk.oldStart) break;
      if (line <= lastOld) return void 0;
      shift += hunk.newLines - hunk.oldLines;
    }
    return line + shift;
  }
  /**
   * The hunk that changed or removed a base line (the same object for every line of it), so its
   * replacement can be looked for among the head lines the hunk added; undefined for a line the
   * diff left alone and for a line of a deleted file.
   */
  hunkOf(file, line) {
    const change = this.changes.get(file);
    if (!change || change.headPath === void 0) return void 0;
    for (const hunk of change.hunks) {
      if (line < hunk.oldStart) break;
      if (line < hunk.oldStart + hunk.oldLines) return hunk;
    }
    return void 0;
  }
  /** The head path a base file became (itself when unchanged), undefined if deleted. */
  headPathOf(file) {
    const change = this.changes.get(file);
    return change ? change.headPath : file;
  }
  /** True when the head line was added or changed by the diff ("introduced here"). */
  isChangedOnHead(file, line) {
    return this.addedLines.get(file)?.has(line) ?? false;
  }
  /** The text (stripped) of a head line the diff added or edited; undefined for other lines. */
  addedText(file, line) {
    return this.addedLines.get(file)?.get(line);
  }
};

// src/sides/working-tree.ts
import { copyFile, lstat, mkdtemp as mkdtemp3, rm as rm5, stat as stat3, utimes } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join10 } from "node:path";
async function readWorkingTree(git, parent) {
  const dir = await mkdtemp3(join10(tmpdir4(), "allocdiff-index-"));
  const indexFile = join10(dir, "index");
  try {
    try {
      const index = await git.indexPath();
      await copyFile(index, indexFile);
      const { atime, mtime } = await stat3(index);
      await utimes(indexFile, atime, mtime);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      await git.readTreeInto(indexFile, parent);
    }
    const { tree, skipped } = await git.workingTreeTree(indexFile);
    return { parent, tree, changed: tree !== await git.treeOf(parent), skipped };
  } finally {
    await rm5(dir, { recursive: true, force: true });
  }
}
function commitWorkingTree(git, workingTree) {
  return git.commitTree(
    workingTree.tree,
    workingTree.parent,
    "allocdiff: the working tree, uncommitted changes included"
  );
}
var LARGE_UNTRACKED_BYTES = 1e7;
async function untrackedSize(git) {
  const root = await git.topLevel();
  const paths = await git.untrackedFiles();
  const sizes = await Promise.all(
    paths.map(
      (path) => lstat(join10(root, path)).then(
        (stats) => stats.isFile() ? stats.size : 0,
        () => 0
        // gone since git listed it
      )
    )
  );
  const byEntry = /* @__PURE__ */ new Map();
  let bytes = 0;
  paths.forEach((path, index) => {
    const slash = path.indexOf("/");
    const entry = slash === -1 ? path : path.slice(0, slash + 1);
    byEntry.set(entry, (byEntry.get(entry) ?? 0) + sizes[index]);
    bytes += sizes[index];
  });
  const largest = [...byEntry].map(([path, size]) => ({ path, bytes: size })).sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, 3);
  return { bytes, largest };
}

// src/sides/worktrees.ts
import { mkdtemp as mkdtemp4, readdir as readdir4, readFile as readFile5, realpath as realpath2, rm as rm6, rmdir } from "node:fs/promises";
import { hostname, tmpdir as tmpdir5 } from "node:os";
import { basename, dirname as dirname2, join as join11 } from "node:path";
var ROOT_PREFIX = "allocdiff-";
function lockReason() {
  return `allocdiff run ${process.pid} on ${hostname()}`;
}
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
async function removeAbandonedCheckouts(git) {
  const entries = join11(await git.commonDir(), "worktrees");
  const names = await readdir4(entries).catch(() => []);
  const owner = /^allocdiff run (\d+) on (.*)$/;
  for (const name of names) {
    const entry = join11(entries, name);
    const lock = await readFile5(join11(entry, "locked"), "utf8").catch(() => "");
    const match = owner.exec(lock.trim());
    if (!match || match[2] !== hostname() || running(Number(match[1]))) continue;
    const gitFile = await readFile5(join11(entry, "gitdir"), "utf8").catch(() => "");
    const checkout = gitFile.trim() === "" ? void 0 : dirname2(gitFile.trim());
    if (checkout && basename(dirname2(checkout)).startsWith(ROOT_PREFIX)) {
      await git.removeWorktree(checkout).catch(() => void 0);
      await rmdir(dirname2(checkout)).catch(() => void 0);
    }
    await rm6(entry, { recursive: true, force: true });
  }
}
async function checkoutSides(git, baseSha, headSha, tempRoot = process.env.RUNNER_TEMP || tmpdir5()) {
  await removeAbandonedCheckouts(git);
  const root = await mkdtemp4(join11(await realpath2(tempRoot), ROOT_PREFIX));
  const id = basename(root).slice(ROOT_PREFIX.length);
  const baseDir = join11(root, `base-${id}`);
  const headDir = join11(root, `head-${id}`);
  let disposing;
  const dispose = () => disposing ??= (async () => {
    for (const dir of [baseDir, headDir]) {
      await git.removeWorktree(dir).catch(() => void 0);
    }
    await rm6(root, { recursive: true, force: true });
  })();
  const added = await Promise.allSettled([
    git.addWorktree(baseDir, baseSha, lockReason()),
    git.addWorktree(headDir, headSha, lockReason())
  ]);
  const failed = added.find((result) => result.status === "rejected");
  if (failed) {
    await dispose();
    throw failed.reason;
  }
  return { baseDir, headDir, dispose };
}
async function verifyBaseCheckout(baseDir, baseSha) {
  const scratch = await mkdtemp4(join11(tmpdir5(), "allocdiff-verify-"));
  let changed;
  try {
    changed = await new Git(baseDir).changedFromCommit(baseSha, join11(scratch, "index"));
  } finally {
    await rm6(scratch, { recursive: true, force: true });
  }
  if (changed.length === 0) return;
  const shown2 = changed.slice(0, 10).map((path) => JSON.stringify(path));
  throw new RunFailure(
    `the base checkout was modified during the run: ${changed.length} file(s) of the base commit ${baseSha.slice(0, 7)} changed or removed (${shown2.join(", ")}${changed.length > 10 ? `, and ${changed.length - 10} more` : ""}). Its figures may be those of other code, so nothing is reported: the head side's code (benchmark or setup) can write there, as the same user. If base's own benchmark or setup writes these files, make it write outside the checkout (e.g. to a temporary folder).`
  );
}

// src/pipeline.ts
var FILE_COMMANDS = [
  "GITHUB_ENV",
  "GITHUB_OUTPUT",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY"
];
async function isolatePullRequestCode(git, sideDirs, log) {
  const temp = await mkdtemp5(join12(await realpath3(tmpdir6()), "allocdiff-tmp-"));
  const tmp = { base: join12(temp, "base"), head: join12(temp, "head") };
  await Promise.all([mkdir3(tmp.base, { mode: 448 }), mkdir3(tmp.head, { mode: 448 })]);
  const commonDir = await git.commonDir();
  const config = join12(temp, "git-config");
  await writeFile6(config, await git.configWithoutCredentials(), { mode: 384 });
  const fileCommands = FILE_COMMANDS.flatMap((name) => {
    const file = process.env[name];
    return file ? [dirname3(file)] : [];
  });
  const shared = {
    readOnly: [commonDir, config, ...fileCommands],
    covered: [[config, join12(commonDir, "config")]]
  };
  const own = (side) => ({
    readOnly: [sideDirs[side].checkout, sideDirs[side].environment ?? [], tmp[side]].flat(),
    covered: []
  });
  const protect = {
    base: protectBoth(shared, own("head")),
    head: protectBoth(shared, own("base"))
  };
  const { mode, note } = isolationHere();
  if (mode === "none" && process.env.GITHUB_ACTIONS === "true") log.warning(note);
  else log.info(note);
  return { temp, tmp, protect };
}
async function runAllocdiff(settings, log, {
  cache: given,
  early: earlyGit
} = {}) {
  if (settings.configFile) {
    log.info(
      `configuration: ${settings.configFile}` + (settings.settingsFrom ? ` of ${settings.settingsFrom} (a change is judged by the settings from before it)` : "")
    );
  }
  const env = runEnvironment(process.env, settings.passEnv, settings.shard);
  const wanted = given ?? (settings.cacheDir ? { store: directoryStore(settings.cacheDir), save: () => true } : void 0);
  const asking = wanted && SideCache.facts({
    python: settings.python,
    env,
    benchmark: JSON.stringify(settings.benchmark),
    setup: settings.setup,
    // The CLI's folder also remembers the interpreter's answer, checked before each use.
    ...!given && settings.cacheDir ? { rememberIn: settings.cacheDir } : {}
  });
  asking?.catch(() => void 0);
  const git = new Git(settings.repoDir);
  const startedEarly = earlyGit && earlyGit.repoDir === settings.repoDir && earlyGit.base === settings.base && earlyGit.head === settings.head;
  const atOnce = startedEarly ? await earlyGit.resolved : await git.topLevelAndCommits([settings.base, settings.head]);
  const topLevel = atOnce?.topLevel ?? await git.topLevel();
  const projectDir = await realpath3(settings.repoDir);
  const fromRoot = (path) => relative(topLevel, resolve(projectDir, path)).split(sep).join("/");
  const { shard } = settings;
  const backend = shard ? shardedBackend(backendFor(settings.benchmark, fromRoot), shard) : backendFor(settings.benchmark, fromRoot);
  if (shard) {
    log.info(
      `shard ${shardText(shard)}: only the scenarios whose name falls to shard ${shard.index} of ${shard.count} are measured`
    );
  }
  let early;
  const { baseSha, headSha, measuredHead, workingTree } = await log.group(
    "Resolving base and head",
    async () => {
      const baseSha2 = atOnce?.commits[0] ?? await resolveCommit(git, settings.base, "base");
      const headSha2 = atOnce?.commits[1] ?? await resolveCommit(git, settings.head, "head");
      log.info(`base ${settings.base} = ${baseSha2}`);
      early = {
        head: headSha2,
        diff: atOnce?.diff ?? git.diff(baseSha2, headSha2),
        ...wanted ? { baseEntries: atOnce?.baseEntries ?? git.rootEntries(baseSha2) } : {}
      };
      for (const work of [early.diff, early.baseEntries]) work?.catch(() => void 0);
      const head = await headOrWorkingTree(git, settings, headSha2, log, atOnce?.changes);
      if (head.measuredHead === baseSha2) {
        log.warning(
          `base and head are the same commit (${baseSha2.slice(0, 7)}): only noise can differ; give --base the commit to compare with (e.g. main), or make changes to measure`
        );
      }
      return { baseSha: baseSha2, headSha: headSha2, ...head };
    }
  );
  const diffing = early && early.head === measuredHead ? early.diff : git.diff(baseSha, measuredHead);
  const rootEntries = {};
  if (wanted) rootEntries.base = early?.baseEntries ?? git.rootEntries(baseSha);
  const skipAllowed = settings.skipUnchanged && !settings.setup && settings.benchmark.kind === "script";
  const checkingOut = skipAllowed && wanted ? void 0 : checkoutSides(git, baseSha, measuredHead);
  for (const work of [diffing, rootEntries.base, checkingOut]) work?.catch(() => void 0);
  const orRemove = async (work) => {
    try {
      return await work;
    } catch (error) {
      await checkingOut?.then((sides2) => sides2.dispose()).catch(() => void 0);
      throw error;
    }
  };
  const cache = wanted && SideCache.open({
    store: wanted.store,
    // A working tree's commit is made for this run only: no later run asks for it.
    save: (side) => wanted.save(side) && !(side === "head" && workingTree),
    facts: await orRemove(asking),
    log
  });
  const commits = { base: baseSha, head: measuredHead };
  const cachedSides = {};
  const lookups = /* @__PURE__ */ new Map();
  const keyFields = async (side, sideOptions) => cache.fieldsOf(commits[side], await (rootEntries[side] ??= git.rootEntries(commits[side])), {
    ...sideOptions,
    only: settings.benchmark.kind === "command" ? sideOptions.only : void 0
  });
  const fromCache = async (side, sideOptions) => {
    if (!cache) return void 0;
    const fields = await keyFields(side, sideOptions);
    const key = `${SideCache.keyOf(fields)} ${JSON.stringify(peakScenarios(sideOptions.peakSites))}`;
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = cache.load(side, fields, peakScenarios(sideOptions.peakSites), sideOptions.log);
      lookups.set(key, lookup);
    }
    const hit = await lookup;
    if (hit) cachedSides[side] = cachedText(side, commits[side], hit.savedAt);
    return hit && { kind: "measured", snapshot: hit.snapshot };
  };
  const options = {
    ...captureSettingsOf(settings),
    // A backend that does not measure in depth has no sites at the peak.
    peakSites: backend.inDepth && settings.peakSites === true,
    env,
    log
  };
  const deep = backend.inDepth && (settings.repeats > 1 || settings.objectTypes || settings.peakSites !== false);
  const firstPassOf = (sideOptions) => deep ? {
    ...sideOptions,
    repeats: 1,
    objectTypes: false,
    objectTypesLater: sideOptions.objectTypes ?? true,
    peakSites: false
  } : sideOptions;
  const alwaysRead = [
    backend.name,
    ...settings.configFile ? [fromRoot(settings.configFile)] : []
  ];
  const labels = {
    base: baseSha.slice(0, 7),
    head: workingTree ? "working tree" : headSha.slice(0, 7)
  };
  const [diffText, baseServed] = await orRemove(
    Promise.all([
      diffing,
      skipAllowed && cache ? log.group(
        `Looking up base ${labels.base} in the cache`,
        () => fromCache("base", { ...firstPassOf(options), log })
      ) : void 0
    ])
  );
  const lineMap = LineMap.fromUnifiedDiff(diffText);
  if (baseServed) {
    const noChange = unchangedReads(baseServed.snapshot, lineMap, alwaysRead);
    if (noChange) {
      log.info(`no change: ${noChange}`);
      const measured = { base: baseServed, head: baseServed };
      const compared = comparedSides(backend, measured, lineMap, settings, void 0);
      return reportRun(settings, log, compared, {
        baseSha,
        headSha,
        workingTree,
        repeatsUsed: deep || !backend.inDepth ? 1 : settings.repeats,
        iterationsUsed: settings.iterations,
        noChange,
        cachedSides
      });
    }
  }
  if (wanted) {
    rootEntries.head ??= git.rootEntries(measuredHead);
    rootEntries.head.catch(() => void 0);
  }
  const sides = await (checkingOut ?? checkoutSides(git, baseSha, measuredHead));
  let environments;
  let privateTemp;
  const firstDone = /* @__PURE__ */ new Set();
  let interrupted;
  try {
    if (settings.setup) environments = await SideEnvironments.create(settings.python);
    const isolated = await isolatePullRequestCode(
      git,
      {
        base: { checkout: sides.baseDir, environment: environments?.base.dir },
        head: { checkout: sides.headDir, environment: environments?.head.dir }
      },
      log
    );
    privateTemp = isolated.temp;
    const dirs = { base: sides.baseDir, head: sides.headDir };
    await backend.check?.(dirs);
    const keep = async (side, sideOptions, outcome) => {
      if (cache) {
        const fields = await keyFields(side, sideOptions);
        await cache.save(
          side,
          fields,
          peakScenarios(sideOptions.peakSites),
          outcome,
          sideOptions.log
        );
      }
      return outcome;
    };
    const measureSide = async (side, sideOptions) => {
      const hit = await fromCache(side, sideOptions);
      if (hit) return hit;
      return keep(side, sideOptions, await backend.measure(dirs[side], sideOptions));
    };
    const roots = [topLevel, sides.baseDir, sides.headDir];
    const envs = {
      base: { ...await ownCodeEnvironment(env, sides.baseDir, roots), TMPDIR: isolated.tmp.base },
      head: { ...await ownCodeEnvironment(env, sides.headDir, roots), TMPDIR: isolated.tmp.head }
    };
    const { protect } = isolated;
    canTurnOffAddressRandomization(envs.head).catch(() => void 0);
    const sequential = sequentialReason({ parallel: settings.parallel });
    log.info(
      sequential === void 0 ? "base and head are measured at the same time, on different cores" : `base and head are measured one after the other: ${sequential}`
    );
    const autoPeaks = backend.inDepth && settings.peakSites === "auto";
    const measureAll = (title, sideOptions, earlier, headOnly, done) => onBothSides(
      log,
      (side) => `${title} ${side} ${labels[side]}`,
      async (side, sideLog) => {
        const first = earlier?.[side];
        const outcome = await measureSide(side, {
          ...sideOptions,
          env: envs[side],
          protect: protect[side],
          log: sideLog,
          environment: environments?.[side],
          ...first?.kind === "measured" ? { sameAs: first.snapshot } : {},
          ...side === "head" ? headOnly : {}
        });
        done?.add(side);
        return outcome;
      },
      sequential
    );
    const stoppedDuring = (during, figures) => (error) => {
      if (!stopReason()) throw error;
      const signal = stopSignal();
      interrupted = { ...signal ? { signal } : {}, during, figures };
      log.warning(
        `stopped during ${during}: the report holds ` + (figures === "first-run" ? "both sides' first runs, not measured in depth" : `the run's figures, without what ${during} adds`)
      );
      return void 0;
    };
    const outcomeContext = { benchmark: backend.name, frames: settings.frames };
    const sideOptionsOf = (side, sideOptions, sideLog = log) => ({
      ...sideOptions,
      env: envs[side],
      protect: protect[side],
      log: sideLog,
      environment: environments?.[side]
    });
    const deepPlan = (first, marked = []) => {
      if (first.failedAsAWhole) {
        log.info(
          `no measuring in depth: the ${first.failedAsAWhole.join(" and ")} benchmark failed as a whole`
        );
        return void 0;
      }
      const peaks = autoPeaks ? peaksChanged(first, settings.minimumChange) : [];
      const leakCheck = settings.iterations === 0 && (functionRetainedChanged(first) || marked.length > 0);
      const more = settings.repeats > 1 || settings.objectTypes || options.peakSites === true;
      const retentionSites = retentionTargets(first.scenarios, settings.retentionPaths);
      const walking = retentionScenarios(first.scenarios, settings.retentionPaths);
      if (!more && peaks.length === 0 && !leakCheck && retentionSites.length === 0)
        return void 0;
      const differing = differingScenarios(first);
      const only = [.../* @__PURE__ */ new Set([...differing, ...marked])];
      const counting = countedTests(first, only);
      const deepOptions = {
        ...options,
        ...autoPeaks ? { peakSites: peaks } : {},
        ...leakCheck ? { iterations: AUTOMATIC_LEAK_CALLS } : {},
        ...counting ? { objectTypesOf: counting.counted } : {},
        only,
        onlyForMarkers: marked.filter((name) => !differing.includes(name))
      };
      return { options: deepOptions, leakCheck, retentionSites, walking, counting };
    };
    const countedTests = (first, only) => {
      const most = settings.objectTypesTests;
      if (!settings.objectTypes || most === 0) return void 0;
      const wanted2 = new Set(only);
      const tests = first.scenarios.filter((s) => s.kind === "test" && wanted2.has(s.name));
      const kept = tests.filter((s) => (s.retained.delta ?? 0) !== 0);
      const counted = [...kept].sort(byRetainedChange).slice(0, most);
      const notCounted = tests.length - counted.length;
      if (notCounted === 0) return void 0;
      const names = counted.map((s) => s.name);
      const why = countedTestsNote(counted.length, tests.length, tests.length - kept.length);
      log.info(
        `${why}${names.length > 0 ? `: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", \u2026" : ""}` : ""}`
      );
      return { counted: names, note: { count: notCounted, why } };
    };
    let atOnce2;
    const measureHeadAtOnce = async (baseFirst, headOptions, measureAtOnce) => {
      let served;
      const result = await measureAtOnce(
        dirs.head,
        headOptions,
        { repeats: settings.repeats, objectTypes: settings.objectTypes },
        async (headFirst) => {
          const first = compareSnapshots(
            snapshotOf(baseFirst, outcomeContext),
            snapshotOf({ kind: "measured", snapshot: headFirst }, outcomeContext),
            lineMap
          );
          const plan = sidesAgree(first) ? void 0 : deepPlan(first);
          if (!plan) return void 0;
          const earlier = provable(
            { base: baseFirst, head: { kind: "measured", snapshot: headFirst } },
            first
          );
          const sameAs = (side) => {
            const outcome = earlier[side];
            return outcome.kind === "measured" ? { sameAs: outcome.snapshot } : {};
          };
          const base = await fromCache("base", {
            ...sideOptionsOf("base", plan.options),
            ...sameAs("base")
          });
          if (!base) return void 0;
          const head = {
            ...sideOptionsOf("head", plan.options),
            ...sameAs("head"),
            ...plan.retentionSites.length > 0 ? { retentionSites: plan.retentionSites, retentionScenarios: plan.walking } : {}
          };
          served = { base, leakCheck: plan.leakCheck, head };
          return head;
        }
      );
      await keep("head", headOptions, result.first);
      atOnce2 = {};
      if (served && result.deep) {
        await keep("head", served.head, result.deep);
        atOnce2.deep = { base: served.base, head: result.deep, leakCheck: served.leakCheck };
      }
      return result.first;
    };
    const headAtOnce = async (baseFirst, firstOptions2) => {
      const { measureAtOnce } = backend;
      if (!deep || !cache || !measureAtOnce || settings.repeats < 2) return void 0;
      if (sequential !== void 0 || baseFirst.kind !== "measured") return void 0;
      const { scenarios } = baseFirst.snapshot;
      if (scenarios.length === 0 || scenarios.some((s) => s.kind !== "script")) return void 0;
      const headOptions = sideOptionsOf("head", firstOptions2);
      const cachedHead = await fromCache("head", headOptions);
      if (cachedHead) return cachedHead;
      return log.group(
        `Measuring head ${labels.head}: its first run and deep pass at once`,
        () => measureHeadAtOnce(baseFirst, headOptions, measureAtOnce)
      );
    };
    const configFiles = settings.configFile ? [fromRoot(settings.configFile)] : [];
    const baseOptions = () => ({
      ...options,
      env: envs.base,
      protect: protect.base,
      log,
      environment: environments?.base
    });
    const selection = await chooseTests(settings, backend, lineMap, configFiles, log, {
      ruleOut: () => backend.ruleOutTests(dirs, lineMap.paths(), configFiles, baseOptions()),
      readBase: (skipFiles) => backend.readTests(dirs.base, { ...baseOptions(), skipFiles }),
      // Both sides' pytest starts and collects meanwhile, on the cores the reads pass leaves:
      // their first runs then need no start of their own (sides at once, nothing cached).
      beforeReads: (skipFiles) => {
        if (!backend.prepare || sequential !== void 0 || cache) return;
        for (const side of ["base", "head"]) {
          backend.prepare(dirs[side], {
            ...sideOptionsOf(side, firstPassOf(options), prefixedLogger(log, `[${side}] `)),
            skipFiles
          });
        }
      }
    });
    if (selection) {
      if (selection.kind !== "all") options.skipTests = selection.skip;
      options.skipFiles = selection.skipFiles;
    }
    const firstOptions = firstPassOf(options);
    const skippable = skipAllowed && (sequential !== void 0 || baseServed !== void 0);
    let noChange;
    let measured;
    if (skippable) {
      const measureOne = (side) => log.group(`Measuring ${side} ${labels[side]}`, async () => {
        const outcome = await measureSide(side, {
          ...firstOptions,
          env: envs[side],
          protect: protect[side],
          log,
          environment: environments?.[side]
        });
        firstDone.add(side);
        return outcome;
      });
      const base = baseServed ?? await measureOne("base");
      noChange = base.kind === "measured" ? unchangedReads(base.snapshot, lineMap, alwaysRead) : void 0;
      if (noChange) log.info(`no change: ${noChange}`);
      const head = noChange ? base : (baseServed && await headAtOnce(baseServed, firstOptions)) ?? await measureOne("head");
      measured = { base, head };
    } else if (selection?.kind === "none") {
      const none = { kind: "measured", snapshot: emptySnapshot(settings.frames) };
      measured = { base: none, head: none };
    } else {
      const baseFirst = deep && cache && backend.measureAtOnce ? await fromCache("base", sideOptionsOf("base", firstOptions)) : void 0;
      const head = baseFirst && await headAtOnce(baseFirst, firstOptions);
      measured = baseFirst && head ? { base: baseFirst, head } : await measureAll("Measuring", firstOptions, void 0, void 0, firstDone);
    }
    const firstPass = measured;
    let measuredInDepth = false;
    let objectsNotCounted;
    let repeatsUsed = deep || !backend.inDepth ? 1 : settings.repeats;
    let iterationsUsed = settings.iterations;
    let agreed;
    if (deep) {
      const firstSnapshots = {
        base: snapshotOf(measured.base, outcomeContext),
        head: snapshotOf(measured.head, outcomeContext)
      };
      const first = compareSnapshots(firstSnapshots.base, firstSnapshots.head, lineMap);
      const marked = noChange || selection?.kind === "none" ? [] : testsMarkedForDepth(markerBudgets(firstSnapshots.base, firstSnapshots.head)).filter(
        (name) => first.scenarios.some((s) => s.name === name && s.status !== "failed")
      );
      if (marked.length > 0) {
        log.info(
          `${marked.length} test${marked.length === 1 ? "" : "s"} measured in depth for ${marked.length === 1 ? "its" : "their"} leak budget markers, changed or not: ${marked.slice(0, 5).join(", ")}${marked.length > 5 ? ", \u2026" : ""}`
        );
      }
      if (noChange || selection?.kind === "none") {
        agreed = first;
      } else if (sidesAgree(first) && options.peakSites === true) {
        measured = await measureAll("Finding the sites at the peak on", {
          ...options,
          repeats: 1,
          objectTypes: false
        });
      } else if (sidesAgree(first) && marked.length === 0) {
        agreed = first;
        log.info(
          "base and head measured the same in a first run each: no repeats, object counts or peak sites needed"
        );
      } else {
        const plan = deepPlan(first, marked);
        if (plan) {
          const done = atOnce2?.deep;
          const deepened = done ? { base: done.base, head: done.head } : await measureAll(
            `Measuring in depth (repeats: ${settings.repeats}${plan.leakCheck ? `, leak check: ${AUTOMATIC_LEAK_CALLS} calls` : ""})`,
            plan.options,
            provable(measured, first),
            plan.retentionSites.length > 0 ? { retentionSites: plan.retentionSites, retentionScenarios: plan.walking } : void 0
          ).catch(stoppedDuring("measuring in depth", "first-run"));
          const missed = ["base", "head"].flatMap((side) => {
            const outcome = deepened?.[side];
            const note = outcome?.kind === "measured" && outcome.snapshot.unmeasured.find((n) => n.what === DEPTH_MISSED);
            return note ? [`${side}: ${note.why}`] : [];
          });
          if (missed.length > 0) {
            interrupted = {
              during: "measuring in depth",
              figures: "first-run",
              why: missed.join("; ")
            };
            log.warning(
              `measuring in depth did not finish (${interrupted.why}): the report compares both sides' first runs, not measured in depth`
            );
          }
          if (deepened && missed.length === 0) {
            measured = withFirstCalls(firstPass, deepened);
            repeatsUsed = settings.repeats;
            measuredInDepth = true;
            objectsNotCounted = plan.counting?.note;
            if (plan.leakCheck) iterationsUsed = AUTOMATIC_LEAK_CALLS;
          } else {
            agreed = first;
          }
        } else {
          agreed = first;
        }
      }
    }
    for (const side of ["base", "head"]) {
      const first = firstPass[side];
      if (!cache || !wanted?.deepen?.(side) || !deep || measuredInDepth || noChange) continue;
      if (interrupted) continue;
      if (first.kind !== "measured") continue;
      await log.group(
        `Measuring in depth for the cache ${side} ${labels[side]}`,
        () => measureSide(side, {
          ...options,
          peakSites: settings.peakSites !== false,
          env: envs[side],
          protect: protect[side],
          log,
          environment: environments?.[side],
          sameAs: first.snapshot
        })
      );
    }
    const compared = comparedSides(backend, measured, lineMap, settings, agreed, selection);
    const { comparison } = compared;
    if (settings.frames > 1 && backend.trace && !interrupted) {
      const targets = tracebackTargets(comparison);
      const untraced = (side) => settings.setup !== void 0 && side in cachedSides;
      for (const side of ["base", "head"]) {
        if (untraced(side) && targets[side].length > 0)
          log.info(
            `no tracebacks on ${side}: its measurement came from the cache, and setup has not run in its checkout`
          );
      }
      const wanted2 = (side) => untraced(side) ? [] : targets[side];
      const only = comparison.scenarios.filter((s) => s.status !== "failed" && s.sites.length > 0).map((s) => s.name);
      const none = { base: void 0, head: void 0 };
      const traced = targets.base.length + targets.head.length === 0 ? none : await onBothSides(
        log,
        (side) => `Tracebacks on ${side} ${labels[side]}`,
        (side, sideLog) => wanted2(side).length > 0 ? traceSites(
          backend,
          dirs[side],
          {
            ...options,
            env: envs[side],
            protect: protect[side],
            log: sideLog,
            environment: environments?.[side],
            only
          },
          wanted2(side)
        ) : Promise.resolve(void 0),
        sequential
      ).catch(stoppedDuring("finding tracebacks", "complete"));
      attachTracebacks(comparison, traced ?? none);
    }
    await (interrupted ? backend.release?.().catch(() => void 0) : backend.release?.());
    await verifyBaseCheckout(sides.baseDir, baseSha);
    sides.dispose().catch(() => void 0);
    environments?.dispose().catch(() => void 0);
    if (privateTemp) rm7(privateTemp, { recursive: true, force: true }).catch(() => void 0);
    return await reportRun(settings, log, compared, {
      baseSha,
      headSha,
      workingTree,
      // No test ran on either side: there were no repeats nor leak check to report.
      ...selection?.kind === "none" ? {} : { repeatsUsed, iterationsUsed },
      noChange,
      selection,
      cachedSides,
      objectsNotCounted,
      ...interrupted ? { interrupted } : {}
    });
  } catch (error) {
    if (stopReason() && !interrupted) {
      const ended = ["base", "head"].filter((side) => firstDone.has(side));
      const what = [
        "stopped before either side was measured",
        `stopped before both sides were measured: only ${ended[0]}'s first run ended`,
        "stopped after both sides' first runs, before they were compared"
      ];
      log.info(`${what[ended.length]}: no report is written`);
    }
    throw error;
  } finally {
    await backend.release?.().catch(() => void 0);
    await Promise.all([
      sides.dispose(),
      environments?.dispose(),
      privateTemp && rm7(privateTemp, { recursive: true, force: true })
    ]);
  }
}
function comparedSides(backend, measured, lineMap, settings, agreed, selection) {
  const { shard } = settings;
  const nothing = backend.nothingMeasured(measured.base, measured.head);
  if (nothing !== void 0 && selection?.kind !== "none") throw new UsageError(nothing);
  const sided = sideSnapshots(measured, { benchmark: backend.name, frames: settings.frames });
  const { base, head } = shard ? { base: snapshotInShard(sided.base, shard), head: snapshotInShard(sided.head, shard) } : sided;
  const markers = markerBudgets(base, head);
  const compared = agreed ?? compareSnapshots(base, head, lineMap);
  const { comparison, dropped: ignoredSites } = withoutIgnoredSites(compared, settings.ignore);
  return { base, head, markers, compared, comparison, ignoredSites };
}
async function reportRun(settings, log, { base, head, markers, compared, comparison, ignoredSites }, run) {
  const { shard } = settings;
  const { baseSha, headSha, workingTree, noChange, selection, cachedSides } = run;
  const held = headSitesOf(head, settings.ignore);
  const checked = checkBudgets(comparison, settings.budgets, markers.rules, held);
  const budgets = checked.results;
  const warnings = [...markers.warnings, ...shard ? [] : checked.warnings];
  for (const warning of warnings) log.warning(warning);
  if (shard) {
    for (const warning of checked.warnings) {
      log.info(`in this shard: ${warning} (the merge warns if no shard checked it)`);
    }
  }
  const shown2 = withoutSmallSites(comparison, settings.minimumChange);
  const described = head.scenarios.length > 0 && head.python.version ? head : base;
  const report = buildReport({
    allocdiffVersion: VERSION,
    key: settings.key,
    verdict: decideVerdict(comparison, budgets, warnings),
    ...settings.repository ? { repository: settings.repository } : {},
    ...settings.serverUrl ? { serverUrl: settings.serverUrl } : {},
    ...settings.pullRequest !== void 0 ? { pullRequest: settings.pullRequest } : {},
    base: { sha: baseSha, ref: settings.base },
    head: { sha: headSha, ref: settings.head, ...workingTree ? { workingTree } : {} },
    environment: {
      python: described.python.version || void 0,
      implementation: described.python.implementation || void 0,
      platform: described.platform || void 0,
      frames: settings.frames,
      ...run.repeatsUsed !== void 0 ? { repeats: run.repeatsUsed } : {},
      ...run.iterationsUsed !== void 0 ? { iterations: run.iterationsUsed } : {}
    },
    comparison: shown2.comparison,
    budgets,
    warnings,
    ...settings.configFile ? { configFile: settings.configFile } : {},
    hiddenSites: {
      ignored: ignoredSites,
      belowMinimumChange: shown2.dropped,
      minimumChange: settings.minimumChange
    }
  });
  if (noChange) report.noChange = `no change: ${noChange}`;
  const by = settings.selectTests === "auto" ? "default" : "setting";
  if (selection?.kind === "all" && selection.notRun) {
    report.testsNotRun = { count: 0, why: selection.notRun, by };
  } else if (selection && selection.kind !== "all") {
    if (selection.skip.length + selection.skipFiles.length > 0) {
      report.testsNotRun = { count: selection.skip.length, why: selection.why, by };
    }
  }
  if (run.objectsNotCounted) report.objectsNotCounted = run.objectsNotCounted;
  if (run.interrupted) {
    report.interrupted = run.interrupted;
    if (report.verdict === "pass") report.verdict = "warn";
  }
  const cached = ["base", "head"].flatMap((side) => cachedSides[side] ?? []);
  if (cached.length > 0) report.cached = cached;
  if (shard) {
    const { overrides, rules } = checked.unchecked;
    report.shard = {
      ...shard,
      settings: settingsDigest(settings),
      ...overrides.length + rules.length > 0 ? { unchecked: checked.unchecked } : {}
    };
  }
  if (settings.proposed && settings.settingsFrom) {
    report.settingsChange = judgeProposed(
      report,
      compared,
      settings.proposed,
      settings.settingsFrom,
      markers.headRules,
      head
    );
    log.warning(settingsChangeText(report.settingsChange));
  }
  const outputs = await writeOutputs(settings, report, renderOptions(settings));
  return { report, outputs, markdown: outputs.comment.content, summary: outputs.summary.content };
}
async function chooseTests(settings, backend, lineMap, always, log, passes) {
  const asked = settings.selectTests;
  if (asked === true && settings.benchmark.kind !== "command") {
    log.warning(
      `select-tests: true is not applied: it selects the tests of a pytest command (command: "python -m pytest \u2026", with no setup), and this run measures the script ${settings.benchmark.script}, all of it`
    );
    return void 0;
  }
  if (settings.benchmark.kind !== "command" || asked === false || !backend.readTests) {
    return void 0;
  }
  if (settings.setup) {
    log.info("every test is traced: with a setup, what a test runs may be installed code");
    return void 0;
  }
  if (asked === "auto" && !isPytestAlone(settings.benchmark.command)) {
    log.info(
      "every process is traced: tests are selected by default only when the command is pytest alone (pytest \u2026, python -m pytest \u2026); select-tests: true selects the tests of this one"
    );
    return void 0;
  }
  if (asked === "auto") log.info(SELECTED_BY_DEFAULT);
  const command = settings.benchmark.command;
  const ruled = backend.ruleOutTests ? await log.group("Ruling out test files from the source of both sides", async () => {
    const found = await passes.ruleOut();
    if ("failure" in found) {
      log.warning(`no test file ruled out from the source: ${found.failure}`);
      return void 0;
    }
    log.info(
      found.everything ?? found.otherTests ? `no test file ruled out: ${found.everything ?? found.otherTests}` : `${found.ruledOut.length} of ${found.testFiles} test files ruled out (${staticEvidence(found)})`
    );
    const kept = Object.entries(found.kept);
    for (const [file, why] of kept.slice(0, 50)) log.info(`kept ${file}: ${why}`);
    if (kept.length > 50) log.info(`kept ${kept.length - 50} more test files`);
    return found.everything ?? found.otherTests ? void 0 : found;
  }) : void 0;
  const nothing = ruled && nothingReachable(ruled, command);
  if (nothing) {
    log.info(`no test is run: ${nothing.why}`);
    return nothing;
  }
  return log.group("Recording what each test reads on base", async () => {
    passes.beforeReads?.(ruled?.ruledOut ?? []);
    const reads = await passes.readBase(ruled?.ruledOut ?? []);
    if (reads === void 0) {
      log.info("no pytest test ran: every process is traced");
      return void 0;
    }
    if ("failure" in reads) {
      log.warning(`every test is traced: what each test reads was not recorded: ${reads.failure}`);
      return void 0;
    }
    const selection = selectTests(reads, lineMap, always, ruled);
    log.info(
      selection.kind === "all" ? `every test is traced: ${selection.why}` : `${selection.run.length} tests of base to trace on both sides (and any head adds); ${selection.why}`
    );
    return selection;
  });
}
function countedTestsNote(counted, measured, unchanged) {
  const explains = "the counts, made before and after a call, explain what a call keeps";
  if (counted === 0)
    return `objects by type not counted for the ${measured} tests measured in depth: their retained memory did not change in a first run (${explains})`;
  const which = measured - unchanged > counted ? "whose retained memory changed most in a first run" : "whose retained memory changed in a first run";
  const rest = measured - counted;
  const they = unchanged === rest ? "they" : `${unchanged} of them`;
  const why = unchanged === 0 ? "" : ` (${they} kept the same memory on both sides: ${explains})`;
  return `objects by type counted for the ${counted} of ${measured} tests measured in depth ${which}, not for the other ${rest}${why}`;
}
var SELECTED_BY_DEFAULT = "tests selected by default (the command is pytest, no setup): only those that can read what this pull request changes are traced; select-tests: false traces every test";
function unchangedReads(base, lineMap, always) {
  if (!base.reads || base.scenarios.some((s) => s.status !== "ok")) return void 0;
  const files = /* @__PURE__ */ new Set([...base.reads.files, ...always]);
  if (lineMap.firstTouched({ ...base.reads, files }) !== void 0) return void 0;
  const count2 = (n, what) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `this pull request touches nothing the benchmark reads: on base it read ${count2(files.size, "file")} of the repository (the script and config file included) and listed ${count2(base.reads.folders.length, "folder")}, and the diff changes none of them, so head's figures are base's`;
}
function withFirstCalls(first, deep) {
  const kept = (side) => {
    const [earlier, later] = [first[side], deep[side]];
    return earlier.kind === "measured" && later.kind === "measured" ? { ...later, snapshot: keepFirstCalls(earlier.snapshot, later.snapshot) } : later;
  };
  return { base: kept("base"), head: kept("head") };
}
function provable(measured, first) {
  const agreeing = new Set(first.scenarios.filter(scenarioAgrees).map((s) => s.name));
  const only = (outcome) => outcome.kind === "measured" ? {
    kind: "measured",
    snapshot: {
      ...outcome.snapshot,
      scenarios: outcome.snapshot.scenarios.filter(
        (s) => s.kind !== "function" || agreeing.has(s.name)
      )
    }
  } : outcome;
  return { base: only(measured.base), head: only(measured.head) };
}
async function headOrWorkingTree(git, settings, headSha, log, changes) {
  const commit = { measuredHead: headSha };
  const named = `head ${settings.head} = ${headSha}`;
  if (settings.workingTree === void 0 || !await (changes ?? git.workingTreeHasChanges())) {
    log.info(named);
    return commit;
  }
  if (settings.workingTree === "mention" || await git.commitOf("HEAD") !== headSha) {
    log.info(named);
    log.info(
      `the working tree's uncommitted changes are not measured: head is the commit ${settings.head} (without --head, allocdiff measures the working tree)`
    );
    return commit;
  }
  const untracked = await untrackedSize(git);
  if (untracked.bytes >= LARGE_UNTRACKED_BYTES) {
    const largest = untracked.largest.map((entry) => `${entry.path} ${formatBytes(entry.bytes)}`);
    log.warning(
      `the working tree's untracked files hold ${formatBytes(untracked.bytes)} (${largest.join(", ")}): head measures them, so git copies them into the repository's objects (until its garbage collection removes them) and into head's checkout. Ignore what the benchmark does not need (.gitignore, .git/info/exclude), or measure the last commit alone with --head HEAD.`
    );
  }
  const tree = await readWorkingTree(git, headSha).catch((error) => {
    throw new RunFailure(
      `the working tree could not be read to measure it as head: ${errorMessage(error)}. --head HEAD measures the last commit instead.`
    );
  });
  for (const skipped of tree.skipped) {
    log.warning(`left out of the working tree: ${skipped}`);
  }
  if (!tree.changed) {
    log.info(`${named} (the working tree has the same files)`);
    return commit;
  }
  log.info(
    `head: working tree on top of ${headSha.slice(0, 7)} (its changes not yet committed, untracked files included; --head HEAD measures the commit alone)`
  );
  return { measuredHead: await commitWorkingTree(git, tree), workingTree: true };
}

export {
  runAllocdiff,
  countedTestsNote
};
