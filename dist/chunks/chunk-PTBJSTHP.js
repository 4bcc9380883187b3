import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  budgetMetricsText
} from "./chunk-REFG7THN.js";

// src/config/declarations.ts
var REPEATS = { min: 1, max: 100 };
var FRAMES_MAXIMUM = { max: 65535, why: "tracemalloc's limit" };
var ITERATIONS = { min: 3, max: 1e5 };
var TIMEOUT_MINUTES = { max: 24 * 60 };
var RETENTION_SITES_MAXIMUM = { max: 20, why: "each site costs a walk of the heap" };
var SETTINGS = {
  /** What the action does: measure and comment, or one of the two stages. */
  mode: {
    input: "mode",
    default: "full",
    description: "full (default): measure base and head and comment, in one job. measure: on pull_request, measure and write the report, the comment and the pull request's identity to the folder in the artifact-path output, for actions/upload-artifact (no write token needed; safe for fork pull requests). report: on workflow_run, download that artifact from the triggering run, validate it, find the pull request through the API and comment; it never checks out or runs pull-request code. merge: the same for a run whose measure jobs each measured a shard (input shard): every shard's artifact is checked and they are merged into one report and comment. See the README for the workflow files.",
    meaning: "`full`: measure and comment in one job; `measure` and `report`: the [two-stage setup](#pull-requests-from-forks-the-two-stage-setup); `merge`: its report job for a [suite split across runners](#a-suite-split-across-runners)"
  },
  /**
   * `mode: measure` (or the CLI) on one runner of a suite split across runners: this runner's
   * part of the scenarios, `K/N` (src/capture/shard.ts). Not a config-file key: it differs
   * from one job of the matrix to the next.
   */
  shard: {
    input: "shard",
    flag: { name: "shard", arg: "K/N" },
    help: "measure only shard K of N of the scenarios (bench_ functions, pytest tests), chosen by a hash of their names, e.g. 2/4",
    description: "Measure only part K of N of the scenarios (bench_ functions, pytest tests), e.g. 2/4 or ${{ matrix.shard }}/${{ strategy.job-total }}: a scenario belongs to one shard, chosen by a hash of its name, the same on base and head and on every runner. With mode measure, the artifact is named for the shard, and a mode merge job merges them. Empty (default): every scenario.",
    meaning: "this runner's part of the scenarios, `K/N` (a [suite split across runners](#a-suite-split-across-runners))",
    shownDefault: "all"
  },
  /** The base commit, as a ref or SHA. */
  base: {
    input: "base",
    flag: { name: "base", arg: "REF" },
    help: "base commit, branch or tag (required)",
    description: "Base commit or ref. Default: the pull request's base (pull_request) or the commit before the push (push). Required on other events such as workflow_dispatch.",
    meaning: "the commit or ref to compare against",
    shownDefault: "from the event"
  },
  /** The head commit, as a ref or SHA. */
  head: {
    input: "head",
    flag: { name: "head", arg: "REF" },
    help: "head commit, branch or tag (default: HEAD, or, when the working tree has uncommitted changes or untracked files that are not ignored, the working tree on top of HEAD); --head HEAD measures the commit alone",
    description: "Head commit or ref. Default: the pull request's head, or the pushed commit.",
    meaning: "the commit or ref to measure",
    shownDefault: "from the event"
  },
  /** Benchmark script, relative to the project folder; at most one of `script` and `command`. */
  script: {
    key: "script",
    input: "script",
    flag: { name: "script", arg: "PATH", projectPath: true },
    parse: (kit) => kit.text('the benchmark file, e.g. "benchmarks/memory.py"'),
    group: "benchmark",
    alternative: {
      short: "a benchmark file",
      what: "the benchmark file",
      inputWhat: "the path of the memory benchmark",
      example: "benchmarks/memory.py"
    },
    help: "the benchmark script (required, unless the config file names it)",
    description: 'The memory benchmark: a Python file run as __main__ under tracemalloc in a checkout of each commit, e.g. benchmarks/memory.py. Relative to the repository root. Required here or as "script" in the config file.',
    meaning: "the benchmark file, relative to the repository root",
    value: "the benchmark file",
    shownDefault: "(this or `command`)"
  },
  /**
   * Shell command run in each checkout (in the counterpart of the project folder): every Python
   * process it starts is measured (command mode; see src/capture/command-backend.ts).
   */
  command: {
    key: "command",
    input: "command",
    flag: { name: "command", arg: "CMD" },
    parse: (kit) => kit.shellCommand('a shell command, e.g. "pytest tests/perf"'),
    group: "benchmark",
    alternative: {
      short: "a shell command to measure",
      what: "a command whose Python processes are measured",
      example: "pytest tests/perf"
    },
    help: 'instead of a script: a shell command run in each checkout, e.g. "python -m mypkg.bench" or "pytest tests/perf"; each Python process it starts is measured (with pytest, each test is a scenario)',
    description: `Instead of a script: a shell command run in a checkout of each commit (in the working directory's place there), e.g. "python -m mypkg.bench" or "pytest tests/perf". Every Python process it starts is measured (a sitecustomize on PYTHONPATH that chains the project's own), subprocesses included; with pytest, each test is a scenario named by its node id. Give script or command, here or in the config file.`,
    meaning: "instead of `script`: a shell command whose Python processes are measured ([command mode](#command-mode-and-pytest-mode))",
    value: "a shell command whose Python processes are measured",
    shownDefault: "(this or `script`)"
  },
  /** Shell command run in each checkout before the benchmark (e.g. `pip install -e .`). */
  setup: {
    key: "setup",
    input: "setup",
    flag: { name: "setup", arg: "CMD" },
    parse: (kit) => kit.shellCommand('a shell command, e.g. "pip install -e ."'),
    capture: true,
    help: 'shell command run in each checkout first, e.g. "pip install -e .", in a virtual environment per side (your Python is left as it is)',
    description: `Shell command run in each checkout before the benchmark, e.g. "pip install -e .". It runs in a virtual environment of the side's own (made with python -m venv --system-site-packages), which the benchmark then runs in too, with the same stripped environment as the benchmark (no tokens).`,
    meaning: "shell command run in each checkout first, e.g. `pip install -e .`, in a [Python environment of the side's own](#setup-a-python-environment-per-side)",
    value: "shell command run in each checkout first, in the side's own Python environment"
  },
  /** The Python interpreter that runs the benchmark. */
  python: {
    key: "python",
    input: "python",
    flag: { name: "python", arg: "EXE" },
    parse: (kit) => kit.text('a Python interpreter, e.g. "python3.12"'),
    default: "python3",
    capture: true,
    help: "Python interpreter (default: python3)",
    description: "Python interpreter that runs the benchmark (use actions/setup-python first). Default: python3, or the config file's.",
    meaning: "interpreter that runs the benchmark",
    value: "interpreter"
  },
  /**
   * tracemalloc frames per traceback. The measurements always use 1; above 1, a second run per
   * side traces only the top changed sites with this many frames.
   */
  frames: {
    key: "frames",
    input: "frames",
    flag: { name: "frames", arg: "N" },
    parse: (kit) => kit.wholeNumber(1, FRAMES_MAXIMUM),
    default: 1,
    capture: true,
    help: "tracemalloc frames per traceback (default: 1); above 1, the top changed sites get tracebacks from a second, traced run per side",
    description: "tracemalloc frames kept per allocation (tracemalloc.start(frames)). Above 1, the top changed sites get tracebacks from a second run per side that traces only them, so the measuring runs stay at one frame. Default: 1, or the config file's.",
    meaning: "tracemalloc frames per allocation; above 1, the top changed sites get [tracebacks](#tracebacks)",
    value: `tracemalloc frames per allocation, a whole number from 1 to ${FRAMES_MAXIMUM.max}`
  },
  /** Measurements per side: in-process calls of a `bench_*` function, processes of a script. */
  repeats: {
    key: "repeats",
    input: "repeats",
    flag: { name: "repeats", arg: "N" },
    parse: (kit) => kit.checkedNumber({
      expected: `a whole number from ${REPEATS.min} to ${REPEATS.max}`,
      accepts: (n) => Number.isSafeInteger(n) && n >= REPEATS.min && n <= REPEATS.max,
      pattern: /^\d+$/
    }),
    // Two measurements are the fewest that can show noise; a function's first call is a cold
    // one (caches, free lists), so telling noise from warm-up takes two more. See the README.
    default: 3,
    capture: true,
    help: "measurements per side, to tell leaks and noise apart (default: 3)",
    description: "Measurements per side: in-process calls of each bench_* function, separate processes of a whole script. Sites and totals that differ between them are shown as noisy with their range and never fail a budget on their own. 1 to 100. Default: 3, or the config file's.",
    meaning: "measurements per side, to tell [noise](#repeats-and-noise) from real change",
    value: "measurements per side, 1 to 100"
  },
  /** Leak-check calls per `bench_*` function; 0 = no leak check. */
  iterations: {
    key: "iterations",
    input: "iterations",
    flag: { name: "iterations", arg: "N" },
    parse: (kit) => kit.checkedNumber({
      expected: `0 (no leak check) or a whole number from ${ITERATIONS.min} to ${ITERATIONS.max} (call 1 is warm-up; growth must go on over the calls after it)`,
      accepts: (n) => Number.isSafeInteger(n) && (n === 0 || n >= ITERATIONS.min && n <= ITERATIONS.max),
      pattern: /^\d+$/
    }),
    default: 0,
    capture: true,
    help: "leak check: N more calls of each bench_* function (default: 0, off)",
    description: `Leak check: each bench_* function is called this many more times and the memory retained after each call is recorded per site; steady growth is reported as bytes per call (the "leak" budget metric). 0 (off) or at least 3. Default: 0, or the config file's.`,
    meaning: "[leak check](#leak-check): further calls of each `bench_*` function (0 = off, else \u2265 3)",
    value: "leak-check calls per `bench_*` function: 0 (off) or 3 to 100000"
  },
  /** Minutes one side may take before its processes are killed and it is reported failed. */
  timeoutMinutes: {
    key: "timeout-minutes",
    input: "timeout-minutes",
    flag: { name: "timeout-minutes", arg: "M" },
    parse: (kit) => kit.checkedNumber({
      expected: `a number of minutes above 0 and at most ${TIMEOUT_MINUTES.max}, e.g. 30 or 0.5`,
      accepts: (n) => Number.isFinite(n) && n > 0 && n <= TIMEOUT_MINUTES.max,
      pattern: /^(\d+\.?\d*|\.\d+)$/
    }),
    default: 30,
    capture: true,
    help: "minutes a side may take before it is stopped and reported failed (default: 30)",
    description: "Minutes one side (setup and benchmark runs) may take; then its processes are killed and the side is reported failed with the last lines of its output, the other side still shown. Fractions allowed. Default: 30, or the config file's.",
    meaning: "minutes a side may take before it is stopped and [reported failed](#failures-and-timeouts)",
    value: "minutes per side, a number above 0 (fractions allowed), at most 1440"
  },
  /** Find which sites held memory at the peak (an extra, hooked run per side). */
  peakSites: {
    key: "peak-sites",
    input: "peak-sites",
    flag: { name: "peak-sites", arg: "WHEN", toggle: true },
    parse: (kit) => kit.peakSites,
    default: "auto",
    capture: true,
    help: "find the sites that held memory at the peak (a hooked run per side): always, never, or (=auto) where a scenario's peak changed (default: auto)",
    description: "When to find which sites held memory at the peak (an extra, hooked run per side), so a peak regression names its line: auto (for the scenarios whose peak changed), true (always) or false (never). Default: auto, or the config file's.",
    meaning: "when to find the [sites at the peak](#sites-at-the-peak) (an extra, hooked run per side): `auto` where a scenario's peak changed, `true` always, `false` never",
    value: "`auto`, `true` or `false`"
  },
  /** Base and head at once: true, false, or unset for "when there are two cores or more". */
  parallel: {
    key: "parallel",
    input: "parallel",
    flag: { name: "parallel", arg: "BOOL", toggle: true },
    parse: (kit) => kit.boolean,
    help: "measure base and head at once, or one after the other (default: at once on 2 or more cores)",
    description: "true: measure base and head at the same time, on different cores; false: one after the other. Default: at the same time on a machine with two cores or more (each side's setup installs into its own environment), or the config file's.",
    meaning: "`true`/`false`: measure base and head at the same time on different cores; by default they are, `setup` or not (each side has its [own environment](#setup-a-python-environment-per-side))",
    value: "`true` or `false`",
    shownDefault: "`true` on 2+ cores"
  },
  /** Count live objects by type before and after each scenario. */
  objectTypes: {
    key: "object-types",
    input: "object-types",
    flag: { name: "object-types", arg: "BOOL", toggle: true },
    parse: (kit) => kit.boolean,
    default: true,
    capture: true,
    help: "count live objects by type before and after each scenario (default: true)",
    description: "false: do not count live objects by type (gc.get_objects() grouped by type) before and after each scenario. Default: true, or the config file's.",
    meaning: "`false`: do not count [objects by type](#objects-by-type)",
    value: "`true` or `false`"
  },
  /** pytest: the tests measured in depth whose objects are counted, worst first; 0: every one. */
  objectTypesTests: {
    key: "object-types-tests",
    input: "object-types-tests",
    flag: { name: "object-types-tests", arg: "N" },
    parse: (kit) => kit.wholeNumber(0),
    default: 5,
    help: "pytest: count objects by type for the N tests measured in depth whose retained memory changed most in a first run (default: 5; 0: every test)",
    description: "With a pytest command, the deep pass counts live objects by type (two walks of the whole heap per test) only for the N tests among those it measures whose retained memory changed most in the first run (a test whose peak alone changed is not counted: the counts, made before and after a call, explain what it keeps); the report says how many others were not counted. 0: every test measured in depth. Default: 5, or the config file's.",
    meaning: "pytest: the tests measured in depth whose retained memory changed, most first, whose [objects by type](#objects-by-type) are counted (0: every test measured in depth)",
    value: "a whole number \u2265 0"
  },
  /** Grown head sites whose objects' retention paths are looked for; 0: none. */
  retentionPaths: {
    key: "retention-paths",
    input: "retention-paths",
    flag: { name: "retention-paths", arg: "N" },
    parse: (kit) => kit.wholeNumber(0, RETENTION_SITES_MAXIMUM),
    default: 3,
    help: "when retained memory grew, what keeps the objects of the top N grown sites alive (default: 3; 0: off)",
    description: "When a scenario retained more on head than on base, the deep pass on head also finds what keeps the objects of its top N grown sites alive: the chain of references from a module global, class attribute, default argument, closure, the benchmark's globals or a pytest test's fixture, and the changed line that filled the container. 0: off. Default: 3, or the config file's.",
    meaning: "when retained memory grew, the top grown sites whose objects get [retention paths](#kept-alive-by) (0: off)",
    value: `a whole number from 0 to ${RETENTION_SITES_MAXIMUM.max}`
  },
  /** Skip head when the pull request changes nothing the benchmark read on base. */
  skipUnchanged: {
    key: "skip-unchanged",
    input: "skip-unchanged",
    flag: { name: "skip-unchanged", arg: "BOOL", toggle: true },
    parse: (kit) => kit.boolean,
    default: true,
    help: "skip head when the diff touches nothing base read, sides one after the other (default: true)",
    description: "false: always measure head. With a script, no setup, and sides measured one after the other, a diff that changes no file the benchmark opened or imported on base (nor a folder it listed, the script or the config file) leaves head unrun: its figures are base's. Default: true, or the config file's.",
    meaning: "`false`: always measure head; by default, a pull request that [touches nothing the benchmark reads](#no-change-skipped) is not measured again",
    value: "`true` or `false`"
  },
  /**
   * pytest: measure only the tests whose reads the pull request touches. `auto` (the default)
   * selects when the command is pytest alone and there is no setup, and traces everything
   * otherwise, quietly.
   */
  selectTests: {
    key: "select-tests",
    input: "select-tests",
    flag: { name: "select-tests", arg: "WHEN", toggle: true },
    parse: (kit) => kit.autoOrBoolean,
    default: "auto",
    help: "pytest: trace only the tests that read what the diff changes; --no-select-tests traces every test (default: auto, selected when the command is pytest alone, with no setup)",
    description: "Whether to trace only the pytest tests the diff can have changed. auto (the default): when the command is pytest alone (pytest \u2026, python -m pytest \u2026) and there is no setup, test files that import or name nothing the diff changes are not collected, base runs once untraced recording the files each test ran or opened, and only the tests that read a changed file (and new ones) are traced on both sides, the others reported as not run. true: the same with any command and no setup. false: every test traced on both sides. Default: auto, or the config file's.",
    meaning: "`auto`: when the command is pytest alone and there is no `setup`, trace only the tests that [read what the pull request changes](#pytest-test-selection); `false`: every test",
    value: "`auto`, `true` or `false`"
  },
  /** Where measurements are kept between runs: the Actions cache, or the CLI's folder. */
  cache: {
    input: "cache",
    flag: { name: "cache", arg: "DIR", toggle: true },
    help: "keep each side's measurement in this folder, keyed by commit, interpreter, settings and setup's inputs, and reuse it (--cache alone: $XDG_CACHE_HOME/allocdiff; default: off)",
    description: "false: do not use the Actions cache. Default: true, each side's measurement is looked up there first, keyed by its commit, the interpreter, the platform, allocdiff's version, the settings that change what is measured and setup's input files; a push to the default branch saves both sides, a pull request its base (in the pull request's own cache scope).",
    meaning: "`false`: measure every side; by default a side already measured with the same key is [taken from the cache](#reusing-measurements-the-cache)",
    shownDefault: "`true` (CLI: off)"
  },
  /** Which verdicts fail the run. */
  failOn: {
    key: "fail-on",
    input: "fail-on",
    flag: { name: "fail-on", arg: "LEVEL" },
    parse: (kit) => kit.failOn,
    default: "fail",
    reportMode: true,
    help: "fail (default), warn or never: which verdict makes the exit status non-zero",
    description: "Which verdict fails the step: fail (a fail-level budget exceeded or the head benchmark failed), warn (also warnings: warn-level or noisy budgets, budgets that could not be checked, a base side that failed), or never. Default: fail, or the config file's (mode report reads no config file: this input, or fail).",
    meaning: "which verdict fails the step: `fail`, `warn` or `never`",
    value: "`fail`, `warn` or `never`"
  },
  /** Bytes: sites whose size changed by less are not shown. */
  minimumChange: {
    key: "minimum-change",
    input: "minimum-change",
    flag: { name: "minimum-change", arg: "SIZE" },
    parse: (kit) => kit.size,
    default: 0,
    help: "sites whose size changed by less are not shown, e.g. 1KB (default: 0)",
    description: "Sites whose size changed by less than this are not shown (budgets still check them), e.g. 1KB. Default: 0 (every changed site), or the config file's.",
    meaning: "sites whose size changed by less are not shown, e.g. `1KB`",
    value: "a size: sites whose size changed by less are not shown"
  },
  /** Globs over site paths: matching sites are neither shown nor checked. */
  ignore: {
    key: "ignore",
    input: "ignore",
    flag: { name: "ignore", arg: "GLOB", multiple: true },
    parse: (kit) => kit.globs,
    default: [],
    help: "sites whose file matches are neither shown nor checked (repeatable)",
    description: 'Globs over allocation-site paths (repository-relative, site-packages/..., <stdlib>/...), one per line or comma-separated: matching sites are neither shown nor checked by budgets, e.g. "site-packages/**, tests/**".',
    meaning: "globs of allocation sites to leave out, one per line or comma-separated",
    value: "a glob or a list of globs over site paths"
  },
  /** Budget rules for every scenario. */
  budgets: {
    key: "budgets",
    input: "budget",
    flag: { name: "budget", arg: "RULES" },
    parse: (kit) => kit.budgets,
    default: [],
    help: `budget rules, e.g. "peak: +5%, 64MB; retained: +100KB; site: +10KiB (warn)"; metrics: ${budgetMetricsText()}; limits: N<unit> (ceiling), +N<unit> (growth), +N% (relative growth), -N% (improvement floor); units B, KB, MB, GB (1000^n), KiB, MiB, GiB (1024^n); count limits: N, +N`,
    description: `Size budgets, "metric: limit[, limit] [(warn)]" separated by ";" or newlines, e.g. "peak: +5%, 64MB; retained: +100KB; site: +10KiB (warn)". Metrics: ${budgetMetricsText(true)}. Limits: N<unit> (ceiling), +N<unit> (max growth), +N% (max relative growth), -N% (improvement floor); count limits are N and +N. Units: B, KB/MB/GB (powers of 1000), KiB/MiB/GiB (powers of 1024). Replaces the config file's general budgets. Empty: the config file's, or report only.`,
    meaning: "size budgets in the inline form (below); replaces the config file's general budgets",
    value: "the rules for every scenario: inline text, or a table of metric = rules"
  },
  /** Per-scenario budgets; `origin` is the key path, e.g. `scenarios."bench_*"`. */
  scenarios: {
    key: "scenarios",
    parse: (kit) => kit.scenarios,
    default: [],
    value: "per-scenario budgets: a table of scenario glob = `{budgets = \u2026}`"
  },
  /** Changed sites listed per scenario and direction (grew, shrank); the rest are folded. */
  top: {
    key: "top",
    input: "top",
    flag: { name: "top", arg: "N" },
    parse: (kit) => kit.wholeNumber(0),
    default: 10,
    settingsName: "topSites",
    help: "changed sites listed per scenario, grown and shrunk each (default: 10)",
    description: "Changed allocation sites listed per scenario in the comment, the largest growths and the largest shrinks (up to this many each); the rest are folded, and the job summary lists them all. Default: 10, or the config file's.",
    meaning: "changed sites listed per scenario in the comment, growths and shrinks each; the rest are folded, and the job summary lists all",
    value: "changed sites listed per scenario, growths and shrinks each, a whole number \u2265 0"
  },
  /** When the action writes the pull-request comment. */
  comment: {
    key: "comment",
    input: "comment",
    parse: (kit) => kit.commentPolicy,
    default: "always",
    publishing: true,
    reportMode: true,
    description: "When to write the pull-request comment: always, on-change (only when some memory figure changed; an existing comment is still updated when things return to normal), on-regression (only when something got worse; an existing comment is still updated), or never. The job summary is written every time. Default: always, or the config file's.",
    meaning: "when to comment: `always`, `on-change` (only when a figure changed), `on-regression` (only when something got worse), `never`; with `on-change` and `on-regression`, an earlier comment is still updated when things are back to normal",
    value: "`always`, `on-change`, `on-regression` or `never`"
  },
  /**
   * A pull-request label with which a maintainer accepts a change that fails its check. An
   * input only: a config file is part of the change, and a change must not accept itself.
   */
  acceptLabel: {
    input: "accept-label",
    description: "A pull-request label that accepts a change over budget: when the pull request has it (read from the API when the step runs), a verdict that would fail the step is reported as accepted, with the label, and the step passes. Adding a label needs triage access, which the author of a fork pull request does not have. Run the workflow on the labeled and unlabeled pull_request types too. Empty (default): no label accepts anything.",
    meaning: "a pull-request label with which a maintainer accepts a change over budget (`verdict` output `accepted`); an input only, never read from the config file",
    shownDefault: "(none)"
  },
  /**
   * Where the workflow keeps the HTML report, for a link in the comment. An input and a flag
   * only: the workflow, not the change, knows where it uploads the report.
   */
  htmlUrl: {
    input: "html-url",
    flag: { name: "html-url", arg: "URL" },
    help: "link the HTML report from the comment: its http(s) URL, or run for the GitHub Actions run's page, where its artifacts are listed (default: no link)",
    description: "Where the workflow keeps the HTML report (the html output), for a link at the foot of the comment: an http(s) URL, or run for this workflow run's page, where the run's artifacts are listed (upload the html output with actions/upload-artifact in the same job). Empty (default): no link.",
    meaning: "a link to the [HTML report](#the-html-report) at the foot of the comment: an http(s) URL, or `run` for this run's page, which lists its artifacts (upload the `html` output)",
    shownDefault: "(none)"
  },
  /** The config file to read instead of looking for one. */
  config: {
    input: "config",
    flag: { name: "config", arg: "FILE" },
    help: "config file (default: allocdiff.yml, .github/allocdiff.yml or [tool.allocdiff] in pyproject.toml, looked for up to the repository root)",
    description: "Config file, relative to the working directory: YAML (allocdiff.yml) or TOML (a pyproject.toml's [tool.allocdiff] table). Default: allocdiff.yml, .github/allocdiff.yml or pyproject.toml with [tool.allocdiff], looked for from the working directory up to the repository root. Inputs win over the file.",
    meaning: "the config file, relative to the working directory",
    shownDefault: "found, see below"
  },
  /** Sticky-comment key, so several allocdiff runs can share a pull request. */
  key: {
    input: "key",
    flag: { name: "key", arg: "KEY" },
    default: "default",
    help: "report key, when several reports share a pull request (default: default)",
    description: "Key of the sticky comment (default: default). Give each allocdiff step on the same pull request its own key. In the two-stage setup, the measure and report steps must use the same key.",
    meaning: "key of the sticky comment; give each allocdiff step on a PR its own"
  },
  /**
   * Further environment variables the benchmark and `setup` receive, by name. Not a config-file
   * key: the file is the pull request's, which must not widen what its own code receives.
   */
  passEnv: {
    input: "env",
    flag: { name: "env", arg: "NAME", multiple: true },
    help: "pass this environment variable on to the benchmark and setup too (they receive only an allow-list: PATH, HOME, LANG, PYTHON*, VIRTUAL_ENV, ...); may be given more than once",
    description: "Names of further environment variables the benchmark and setup receive (spaces, commas or new lines between them). Without it they receive only an allow-list (PATH, HOME, LANG, LC_*, TZ, PYTHON*, VIRTUAL_ENV, CONDA_*, compiler and proxy settings), never a secret. Only here, not in the config file, which the pull request can change.",
    meaning: "names of further environment variables the benchmark and `setup` receive (see the [threat model](#threat-model))",
    shownDefault: "none"
  },
  /** The git checkout of the project, or a folder inside it. */
  repoDir: {
    input: "working-directory",
    flag: { name: "repo", arg: "DIR" },
    help: "the git repository (default: the current directory)",
    description: "The git checkout of the project. Default: the workspace.",
    meaning: "the git checkout of the project",
    shownDefault: "the workspace"
  },
  /** Where the CLI writes the JSON report (the action: in the runner's temporary folder). */
  jsonPath: {
    flag: { name: "json", arg: "FILE" },
    help: "write the JSON report here, or to stdout with - (default: report.json in a new private folder <tmp>/allocdiff-XXXXXX, printed at the end)"
  },
  /** Where the CLI writes the Markdown comment; the full report goes beside it. */
  markdownPath: {
    flag: { name: "markdown", arg: "FILE" },
    help: "write the Markdown comment here, or to stdout with - (default: report.md in that folder)"
  },
  /** The token for the GitHub API: only publishing receives it. */
  githubToken: {
    input: "github-token",
    actionDefault: "${{ github.token }}",
    description: "Token used only for the GitHub API: to write the pull-request comment (pull-requests: write) and, in mode report, to download the measuring run's artifact (actions: read). Never passed to the benchmark or setup; mode measure does not use it.",
    meaning: "used only for the API (the comment; in `report` mode the artifact too); never given to the benchmark"
  }
};
var DECLARATIONS = Object.entries(
  SETTINGS
);
var CONFIG_NAMES = DECLARATIONS.flatMap(
  ([name, setting]) => setting.key === void 0 ? [] : [name]
);
function declarationOf(name) {
  return SETTINGS[name];
}
function settingOfKey(key) {
  return DECLARATIONS.find(([, setting]) => setting.key === key)?.[1];
}
function defaultOf(setting) {
  return Array.isArray(setting.default) ? [...setting.default] : setting.default;
}

export {
  SETTINGS,
  DECLARATIONS,
  CONFIG_NAMES,
  declarationOf,
  settingOfKey,
  defaultOf
};
