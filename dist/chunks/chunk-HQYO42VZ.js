import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  _enum,
  _null,
  array,
  boolean,
  int,
  literal,
  number,
  strictObject,
  string,
  tuple,
  union
} from "./chunk-EIY6L42B.js";

// src/capture/snapshot.ts
var SNAPSHOT_SCHEMA = "allocdiff.snapshot/4";
var NO_STRING = -1;
var whole = int();
var amount = int().nonnegative();
var seconds = number().nonnegative();
var stringIndex = int().nonnegative();
var optionalStringIndex = int().min(NO_STRING);
var encodedLocation = {
  /** Normalised path: repo-relative, `site-packages/…`, `<stdlib>/…`, or as Python gave it. */
  file: stringIndex,
  line: amount,
  /** The source line's text (stripped), when it could be read. */
  text: stringIndex.optional(),
  /**
   * Qualified name of the enclosing function (`LRU.put`), `<module>` at top level; absent when
   * the source could not be parsed.
   */
  function: stringIndex.optional()
};
var siteTraceback = strictObject({
  /** Net bytes (after − before) allocated along this path; always > 0. */
  size: whole,
  count: whole,
  /**
   * Like the `File "…", line N, in f` entries of `Traceback.format()`: oldest first, most
   * recent call last; the last frame is the site itself.
   */
  frames: array(strictObject(encodedLocation)),
  /** True when tracemalloc's frame limit (`frames`) cut older frames off. */
  truncated: literal(true).optional()
});
var siteTable = strictObject({
  file: array(stringIndex),
  line: array(amount),
  /** `NO_STRING` where the site has no text. */
  text: array(optionalStringIndex),
  function: array(optionalStringIndex),
  /**
   * Bytes allocated at the site and still alive at the end, net (after − before: negative when
   * the scenario freed more there than it allocated). For a function with repeats, repeat 1.
   */
  size: array(whole),
  /** Number of memory blocks behind `size` (net, repeat 1). */
  count: array(whole),
  /**
   * `[row, sizes, counts]`: `size` and `count` of every repeat, in order, for the sites whose
   * repeats did not all give the same value (a site seen in only some repeats has 0 in the
   * others).
   */
  repeats: array(tuple([amount, array(whole), array(whole)])).optional(),
  /** `[row, tracebacks]`: the largest call paths to the site, largest first (at most 5). */
  tracebacks: array(tuple([amount, array(siteTraceback)])).optional()
});
var SITE_COLUMNS = ["file", "line", "text", "function", "size", "count"];
var peakSnapshot = strictObject({
  /** Traced bytes above the start level when the snapshot was taken (hook overhead aside). */
  bytes: whole,
  /** True peak of the hooked call/run, above its start level (the hooks' own snapshots excluded). */
  peakBytes: amount,
  /**
   * Bytes allocated at each site since the start of the call/script and alive at that moment
   * (> 0), largest first. Their sum is ≤ `bytes`.
   */
  sites: siteTable
});
var objectTypeCount = strictObject({
  /** `type(o).__qualname__`, prefixed with its module unless builtin: `bytearray`, `app.cache.Node`, `__main__.Item`. */
  type: string(),
  before: amount,
  after: amount
});
var leakSite = strictObject({
  ...encodedLocation,
  /** (retained after call N − retained after call 1) / (N − 1); > 0. May be fractional. */
  bytesPerCall: number(),
  /** The same for the number of blocks; may be fractional or 0. */
  countPerCall: number(),
  /** Bytes retained at this site after each call 1..N, relative to before call 1. */
  retainedBytes: array(whole)
});
var leakCheck = strictObject({
  iterations: amount,
  /** Total retained bytes (all sites) after each call 1..N, relative to before call 1. */
  retainedBytes: array(whole),
  /** Sum of `sites[].bytesPerCall`; 0 when nothing leaks. */
  bytesPerCall: number(),
  /** Leaking sites only, fastest first. */
  sites: array(leakSite)
});
var RETENTION_ROOT_KINDS = [
  "module global",
  "benchmark global",
  "class attribute",
  "default argument",
  "closure",
  "function attribute",
  "return value",
  "fixture",
  "frame",
  "thread",
  "gc.garbage",
  "unreachable",
  "not found"
];
var retentionStep = strictObject({
  ...encodedLocation,
  /** Its type, named like `objectTypes` names types. */
  type: string()
});
var retentionPath = strictObject({
  /**
   * `module global` (`app.cache._history`), `benchmark global` (a global of the benchmark
   * script), `class attribute` (`app.cache.Registry.items`), `default argument`
   * (`app.events.on(seen=…)`), `closure` (a closure cell: `app.make.<locals>.inner.<closure>.seen`),
   * `function attribute`, `return value` (the measured call's), `fixture` (the value of a pytest
   * test's fixture; the root is its name and scope: `db (session)`), `frame` or `thread` (a local
   * of a running frame, another thread's); `gc.garbage` (unreachable cycles the collector saved
   * there), `unreachable` (no Python object reaches them: a reference cycle the collector did not
   * free, or C code), `not found` (the walk's limits came first).
   */
  kind: _enum(RETENTION_ROOT_KINDS),
  /** The root, named: `app.cache._history`, `catalog`, `worker (app/jobs.py:12)`; empty when none. */
  root: string(),
  /**
   * The innermost named container on the path, which holds the objects: the last attribute or
   * global before items of lists, dicts and tuples: `app.cache.LRU.history` (an instance
   * attribute of an `app.cache.LRU`); the root when no attribute follows it.
   */
  holder: string(),
  /** The holder's type: `list`, `dict`, `collections.OrderedDict`. */
  holderType: string(),
  /** The holder's own name (`history`), as code that fills it would spell it; may be empty. */
  name: string(),
  /** The chain from the root to the first sample on it: `catalog.cache.history[…][1]`. */
  path: string(),
  /** Sampled objects on this path. */
  sampled: amount,
  /** The site's retained bytes and blocks, shared out over its paths by their samples. */
  bytes: amount,
  count: amount,
  /**
   * Objects on the path (root and the sample left out) that the scenario allocated, root first,
   * with where (the innermost frame): the holder's container, the tuple `append` stored. For
   * `unreachable`: the cycle's members that refer to the samples, nearest first, each line once.
   */
  via: array(retentionStep),
  /** `unreachable`: the types of the objects that refer to the samples, most first. */
  cycle: array(strictObject({ type: string(), objects: amount })).optional(),
  /**
   * A site whose bytes are item storage (its `storage` is `found`): the items of the containers
   * the path leads to (the holder: a list, dict, set, deque, or an instance's `__dict__`).
   */
  items: amount.optional()
});
var retention = strictObject({
  /** Time the walk took. */
  seconds,
  /** Largest retained size first. */
  sites: array(
    strictObject({
      ...encodedLocation,
      /** Live objects found that were allocated at the site (tracked ones, and what they hold). */
      objects: amount,
      sampled: amount,
      /** The walk's limits stopped it before every sample met a root. */
      limited: literal(true).optional(),
      /**
       * No live object was allocated at the site: its bytes are taken to be the item storage of
       * containers (the item array a `list.append` or a `dict` store grows, which is no object),
       * those whose storage has the exact size of one of the site's blocks, the ones the line
       * names first. `found`: the paths lead to them (the samples); `none`: no such container
       * reaches a root (one path, `not found`); `several`: more of them reach a root than the site
       * has blocks and the line names none, so which one grew cannot be told (one path, `not
       * found`). A site with no sample carries all its bytes on that one path.
       */
      storage: _enum(["found", "none", "several"]).optional(),
      /** Most samples first. */
      paths: array(retentionPath)
    })
  )
});
var scenarioError = strictObject({
  /** Exception class name, e.g. `ValueError`, or `SystemExit`. */
  type: string(),
  message: string(),
  /** Formatted Python traceback (last lines), when there was one. */
  traceback: string().optional(),
  /**
   * Function scenarios only: `setup` when the module's top level failed (or an earlier
   * function was interrupted), so this function never ran; `call` when a call of it failed.
   */
  phase: _enum(["setup", "call"]).optional(),
  /** Last lines of the benchmark's output, added by the TypeScript side. */
  output: string().optional()
});
var repeatTotals = strictObject({
  /** Peak traced memory above the level just before the call (script: its start). */
  peakBytes: amount,
  retainedBytes: whole,
  retainedCount: whole,
  durationSeconds: seconds,
  /**
   * The process's resident set size at its highest during the call (the run), above its
   * resident size when the call started, in bytes: memory tracemalloc does not see (C
   * extensions, `mmap`) included. Absent where it could not be measured (never 0 for that): no
   * `/proc/self/status` (Linux only), a high-water mark that could not be reset and that an
   * earlier scenario set higher, or command mode.
   */
  rssBytes: amount.optional()
});
var markerValue = union([
  string(),
  number(),
  boolean(),
  _null(),
  strictObject({ type: string(), repr: string() })
]);
var budgetMarker = strictObject({
  /** `allocdiff`, `limit_memory` or `limit_leaks`. */
  name: string(),
  /** Positional arguments, in order. */
  args: array(markerValue),
  /** Keyword arguments, `[name, value]`, in the order written. */
  kwargs: array(tuple([string(), markerValue]))
});
var scenario = strictObject({
  /**
   * Script: its normalised path. Function: the function's name (`bench_parse`). Process: what
   * it ran (a script's normalised path, `-m pkg.bench`, `-c`). Test: its pytest node id.
   */
  name: string(),
  /**
   * `function`: one top-level `bench_*` function of the script's own module; the module's top
   * level ran first as setup and is not measured. `script`: the whole script (no such function).
   * Command mode: `process`, the Python processes of a command that ran the same thing, each
   * from startup to exit; `test`, the call phase of one pytest test.
   */
  kind: _enum(["script", "function", "process", "test"]),
  status: _enum(["ok", "failed"]),
  error: scenarioError.optional(),
  /** Repeat 1: peak traced memory above the level at the scenario's (call's) start, in bytes. */
  peakBytes: amount,
  /** Repeat 1: sum of `size` over `sites` (after − before, harness frames filtered out). */
  retainedBytes: whole,
  retainedCount: whole,
  durationSeconds: seconds,
  /** Repeat 1: its `rssBytes`, when measured. */
  rssBytes: amount.optional(),
  /**
   * Every in-process repeat, in order; `[0]` is what the fields above repeat. A function's
   * return value is held until its after snapshot, so it is retained. Length 1 for a script
   * (repeat a script with more processes and merge); 0 when a function never ran (setup failed).
   */
  repeats: array(repeatTotals).optional(),
  /** Largest `size` first, then file, then line. */
  sites: siteTable,
  peak: peakSnapshot.optional(),
  /** Types whose live count changed across repeat 1, largest change first (default on). */
  objectTypes: array(objectTypeCount).optional(),
  leak: leakCheck.optional(),
  retention: retention.optional(),
  /**
   * Command mode: how many processes were merged into this scenario. Their sizes add up, per
   * site and in the totals (`peakBytes` is the sum of each process's own peak).
   */
  processes: int().positive().optional(),
  /** pytest mode: the test's budget markers, nearest first (left out when it has none). */
  budgetMarkers: array(budgetMarker).optional(),
  /**
   * Runs, each a process of its own, that measured exactly these figures (repeat 1's peak,
   * retained bytes and blocks, and every site): an earlier run's were handed to this one
   * (`--same-as`, or the processes of a whole script), and its next measurement matched them,
   * so no further repeats were needed. Absent otherwise.
   */
  identicalRuns: int().min(2).optional()
});
var foreignModule = strictObject({
  /** Its name in `sys.modules`: `mypkg.catalog`. */
  module: string(),
  /** Absolute, symlinks resolved. */
  file: string()
});
var snapshotDocument = strictObject({
  schema: literal(SNAPSHOT_SCHEMA),
  harness: strictObject({ version: string() }),
  python: strictObject({ version: string(), implementation: string() }),
  platform: string(),
  /** tracemalloc frames per traceback (`--frames`). */
  frames: int().positive(),
  /** `--repeats`: measured calls per function scenario. */
  repeats: int().positive().optional(),
  /** `--iterations`: leak-check calls per function scenario; 0 = no leak check. */
  iterations: amount.optional(),
  timings: strictObject({
    /** The script's top level (for function scenarios: their setup). */
    setupSeconds: seconds,
    /** Everything measured, hooks and snapshots included (not the writing of this file). */
    totalSeconds: seconds
  }).optional(),
  scenarios: array(scenario),
  strings: array(string()),
  /** Things the harness could not measure, and why; `scenario` names the one concerned. */
  unmeasured: array(strictObject({ what: string(), why: string(), scenario: string().optional() })).optional(),
  /**
   * Present only when the side imported code of the repository from outside its own
   * checkout (from the workspace or the other side's checkout, e.g. through an editable
   * install the harness could not redirect): each such module and the real path of its file.
   * Every scenario of the side is then failed, with an error of type `ForeignImport` that
   * names them and says what to change.
   */
  foreignModules: array(foreignModule).optional(),
  /**
   * What the benchmark read inside its checkout (python/allocdiff_harness/reads.py): files it
   * opened or imported, folders it listed, and the folders of `sys.path` (which the import
   * system lists), relative to the checkout (`.` for itself). Existence checks (`os.stat`)
   * are not audited, and so not here.
   */
  reads: strictObject({
    files: array(string()),
    folders: array(string()),
    importFolders: array(string())
  }).optional()
}).meta({
  title: "allocdiff snapshot",
  description: "What the allocdiff harness measured on one side: written by python/allocdiff_harness, read by the TypeScript side. Generated from src/capture/snapshot.ts."
});
var SnapshotStrings = class _SnapshotStrings {
  constructor(count, list, ends, bytes) {
    this.count = count;
    this.list = list;
    this.ends = ends;
    this.bytes = bytes;
  }
  count;
  list;
  ends;
  bytes;
  /** The strings of a file decoded so far (most never are). */
  decoded = /* @__PURE__ */ new Map();
  /** The strings of a document's `strings` list. */
  static fromList(list) {
    return new _SnapshotStrings(list.length, list, void 0, void 0);
  }
  /** The strings of a file: string I is `bytes` from `ends[I - 1]` (0 for the first) to `ends[I]`. */
  static fromBytes(ends, bytes) {
    return new _SnapshotStrings(ends.length, void 0, ends, bytes);
  }
  /** String `index`; undefined when the table has no such string. */
  get(index) {
    if (this.list) return this.list[index];
    if (!(index >= 0 && index < this.count) || !Number.isInteger(index)) return void 0;
    let text = this.decoded.get(index);
    if (text === void 0) {
      const ends = this.ends;
      text = this.bytes.toString("utf8", index === 0 ? 0 : ends[index - 1], ends[index]);
      this.decoded.set(index, text);
    }
    return text;
  }
};
var SiteArray = class {
  constructor(sites) {
    this.sites = sites;
  }
  sites;
  get length() {
    return this.sites.length;
  }
  fileOf(position) {
    return this.sites[position].file;
  }
  fileKeys = void 0;
  get lines() {
    return (this.figures ??= this.figuresOf()).lines;
  }
  get sizes() {
    return (this.figures ??= this.figuresOf()).sizes;
  }
  get counts() {
    return (this.figures ??= this.figuresOf()).counts;
  }
  figures;
  figuresOf() {
    return {
      lines: this.sites.map((site) => site.line),
      sizes: this.sites.map((site) => site.size),
      counts: this.sites.map((site) => site.count)
    };
  }
  textOf(position) {
    return this.sites[position].text;
  }
  functionOf(position) {
    return this.sites[position].function;
  }
  varies(position) {
    const site = this.sites[position];
    return site.sizes !== void 0 || site.counts !== void 0;
  }
  site(position) {
    return this.sites[position];
  }
  withRepeats() {
    return this.sites.filter((site) => site.sizes !== void 0 || site.counts !== void 0);
  }
};
var SiteTable = class {
  constructor(columns, strings, repeats, tracebacks) {
    this.columns = columns;
    this.strings = strings;
    this.repeats = repeats;
    this.tracebacks = tracebacks;
    this.length = columns.line.length;
  }
  columns;
  strings;
  repeats;
  tracebacks;
  length;
  fileOf(position) {
    return this.strings.get(this.columns.file[position]);
  }
  /** The files' string indexes. */
  get fileKeys() {
    return this.columns.file;
  }
  get lines() {
    return this.columns.line;
  }
  get sizes() {
    return this.columns.size;
  }
  get counts() {
    return this.columns.count;
  }
  textOf(position) {
    const index = this.columns.text[position];
    return index < 0 ? void 0 : this.strings.get(index);
  }
  functionOf(position) {
    const index = this.columns.function[position];
    return index < 0 ? void 0 : this.strings.get(index);
  }
  varies(position) {
    return this.repeats.size > 0 && this.repeats.has(position);
  }
  site(position) {
    const { columns, strings } = this;
    const text = columns.text[position];
    const functionIndex = columns.function[position];
    const site = {
      file: strings.get(columns.file[position]),
      line: columns.line[position],
      text: text < 0 ? void 0 : strings.get(text),
      function: functionIndex < 0 ? void 0 : strings.get(functionIndex),
      size: columns.size[position],
      count: columns.count[position]
    };
    const repeats = this.repeats.size > 0 ? this.repeats.get(position) : void 0;
    if (repeats) {
      site.sizes = repeats[0];
      site.counts = repeats[1];
    }
    const tracebacks = this.tracebacks.size > 0 ? this.tracebacks.get(position) : void 0;
    if (tracebacks) site.tracebacks = tracebacks;
    return site;
  }
  withRepeats() {
    return [...this.repeats.keys()].map((row) => this.site(row));
  }
  /** Every site, as objects. */
  toArray() {
    const sites = new Array(this.length);
    for (let row = 0; row < this.length; row += 1) sites[row] = this.site(row);
    return sites;
  }
};
var tables = /* @__PURE__ */ new WeakMap();
function setSiteTable(owner, table) {
  tables.set(owner, table);
  let sites;
  Object.defineProperty(owner, "sites", {
    enumerable: true,
    configurable: true,
    get: () => sites ??= table.toArray(),
    set: (value) => {
      tables.delete(owner);
      Object.defineProperty(owner, "sites", {
        value,
        enumerable: true,
        configurable: true,
        writable: true
      });
    }
  });
}
function siteListOf(owner) {
  if (owner === void 0) return new SiteArray([]);
  return tables.get(owner) ?? new SiteArray(owner.sites);
}

export {
  SNAPSHOT_SCHEMA,
  NO_STRING,
  siteTable,
  SITE_COLUMNS,
  RETENTION_ROOT_KINDS,
  snapshotDocument,
  SnapshotStrings,
  SiteArray,
  SiteTable,
  setSiteTable,
  siteListOf
};
