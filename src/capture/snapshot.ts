/**
 * The snapshot: the contract between the Python harness (python/allocdiff_harness) and the
 * TypeScript side. One document per side (per harness process), declared once below as
 * `snapshotDocument`: the types are inferred from it, the decoder (decode.ts) checks every file
 * against it, and python/allocdiff_harness/snapshot.schema.json is written from it (`npm run
 * schema:snapshot`), for the harness, which takes its version from that file, and its tests,
 * which check every snapshot they make against it. Adding a field is one edit here. Bump
 * SNAPSHOT_SCHEMA on any incompatible change; a file of another version is refused.
 *
 * Schema 4 (this file) differs from schema 3 only in the file's layout (the document is the
 * same; python/allocdiff_harness/snapshot.py, `encode_file`, writes it):
 * - **Header.** The first line is the document as compact UTF-8 JSON, padded with spaces so that
 *   it ends, newline included, at a multiple of 8 bytes, with `binaryBytes` (last): the number of
 *   bytes after that line. A reader that finds another `schema` there refuses the file (a
 *   schema-3 file is one JSON document, whose `schema` comes first).
 * - **Binary columns.** In the header, each site table is `{rows, at, repeats?, tracebacks?}`:
 *   its six columns are at byte `at` after the header line (a multiple of 8), little-endian,
 *   one after the other: `size` and `count` as 64-bit floats (whole numbers), `file` and `line`
 *   as unsigned and `text` and `function` as signed 32-bit integers (`NO_STRING` for none).
 * - **Binary strings.** `strings` is `{count, at}`: `count` unsigned 32-bit ends, then the
 *   strings' UTF-8 bytes one after the other (string I ends at byte ends[I] of them).
 * A reader uses the columns in place (typed arrays over the file's bytes) and decodes a string
 * when it is first needed; it parses no number and makes no object for a site it does not read.
 *
 * Schema 3 differs from schema 2 only in how site lists are stored:
 * - **Columns.** `sites` and `peak.sites` are a `RawSiteTable`: one array per field, row N
 *   being site N, instead of one object per site (a third of the bytes, and parsing builds
 *   no object per site). Leak sites and traceback frames stay objects.
 *
 * Within schema 3, `rssBytes` (per repeat, and the scenario's repeat 1) was added as an optional
 * field: a snapshot without it has no peak RSS measured, which every reader takes as "not
 * measured", so older snapshots and readers stay compatible. `retention` (per scenario) was
 * added the same way: absent, no retention paths were looked for.
 *
 * Schema 2 differs from schema 1 in:
 * - **String table.** `file`, `text` and `function` of every site, peak site, leak site and
 *   traceback frame are integer indexes into the document's `strings` array, on disk. A reader
 *   replaces each index by `strings[index]` once, after `JSON.parse`; the `Snapshot*` types
 *   below describe the document *after* that step, the `Raw*`/`Encoded*` ones the file.
 * - **Function scenarios** (`kind: 'function'`), in-process `repeats`, per-site `sizes`/`counts`,
 *   `peak` (sites at the high-water mark), `objectTypes`, `leak`, per-site `tracebacks`,
 *   `error.phase`, top-level `repeats`/`iterations`/`timings`, and `unmeasured[].scenario`.
 * Unchanged: every schema-1 field keeps its name and meaning.
 */
import * as z from 'zod';

export const SNAPSHOT_SCHEMA = 'allocdiff.snapshot/4';

/** The string-table index written where a site has no `text` or `function`. */
export const NO_STRING = -1;

/** A whole number of bytes or blocks: finite, within JavaScript's exact integers. */
const whole = z.int();
/** The same, never negative. */
const amount = z.int().nonnegative();
/** Seconds: finite, never negative. */
const seconds = z.number().nonnegative();
/** An index into the document's `strings`. */
const stringIndex = z.int().nonnegative();
/** The same, or `NO_STRING`. */
const optionalStringIndex = z.int().min(NO_STRING);

/** Where a site is, as written on disk: `file`, `text`, `function` index `strings`. */
const encodedLocation = {
  /** Normalised path: repo-relative, `site-packages/…`, `<stdlib>/…`, or as Python gave it. */
  file: stringIndex,
  line: amount,
  /** The source line's text (stripped), when it could be read. */
  text: stringIndex.optional(),
  /**
   * Qualified name of the enclosing function (`LRU.put`), `<module>` at top level; absent when
   * the source could not be parsed.
   */
  function: stringIndex.optional(),
};

/**
 * One call path to a site (only for sites listed in `--traceback-sites`). Frames of the
 * harness, runpy, tracemalloc and the import system are left out; paths that are the same
 * once they are left out are merged.
 */
const siteTraceback = z.strictObject({
  /** Net bytes (after − before) allocated along this path; always > 0. */
  size: whole,
  count: whole,
  /**
   * Like the `File "…", line N, in f` entries of `Traceback.format()`: oldest first, most
   * recent call last; the last frame is the site itself.
   */
  frames: z.array(z.strictObject(encodedLocation)),
  /** True when tracemalloc's frame limit (`frames`) cut older frames off. */
  truncated: z.literal(true).optional(),
});

/**
 * A site list as the harness writes it (python/allocdiff_harness/columns.py): the fields every
 * site has as columns of equal length (row N is site N), the rare ones as `[row, …]` entries
 * for the rows that have them (left out when none does).
 */
export const siteTable = z.strictObject({
  file: z.array(stringIndex),
  line: z.array(amount),
  /** `NO_STRING` where the site has no text. */
  text: z.array(optionalStringIndex),
  function: z.array(optionalStringIndex),
  /**
   * Bytes allocated at the site and still alive at the end, net (after − before: negative when
   * the scenario freed more there than it allocated). For a function with repeats, repeat 1.
   */
  size: z.array(whole),
  /** Number of memory blocks behind `size` (net, repeat 1). */
  count: z.array(whole),
  /**
   * `[row, sizes, counts]`: `size` and `count` of every repeat, in order, for the sites whose
   * repeats did not all give the same value (a site seen in only some repeats has 0 in the
   * others).
   */
  repeats: z.array(z.tuple([amount, z.array(whole), z.array(whole)])).optional(),
  /** `[row, tracebacks]`: the largest call paths to the site, largest first (at most 5). */
  tracebacks: z.array(z.tuple([amount, z.array(siteTraceback)])).optional(),
});

/**
 * The `what` of an `unmeasured` note that says why a scenario has no sites at the peak though
 * they were asked for (the harness's scenarios.py and command.py write it; a failed hooked run
 * is noted so too).
 */
export const PEAK_SITES_MISSED = 'sites at the peak';

/**
 * The `what` of the `unmeasured` note on a side whose deep pass ended before it measured (it
 * timed out, the command failed as a whole): its figures are the first run's.
 */
export const DEPTH_MISSED = 'measurement in depth';

/** The columns every site table has, one whole number per site each. */
export const SITE_COLUMNS = ['file', 'line', 'text', 'function', 'size', 'count'] as const;

/**
 * Which sites held memory at the high-water mark (only with `--peak-sites`). Found by an extra
 * pass under profile + line hooks that snapshots when the traced level comes within 5 % of a
 * reference peak (then again at every further 0.5 %): for a function, the peak of its last
 * measured repeat (the pass is one or two extra calls after the repeats); for a whole script,
 * `--peak-target` (the `peakBytes` of an earlier plain run) or, without it, a search that
 * re-snapshots at every 5 % of growth. A peak inside a single C call (e.g. `compile`) is
 * caught at the call's return (tracemalloc's high-water mark says it was passed): `bytes` is
 * then that peak, the bytes above the level at the return counted at the calling line. One
 * inside a single bytecode can only be caught at the level before or after it: compare `bytes`
 * with `peakBytes` to see how much of the peak the sites explain. Memory held by filtered
 * frames (the import system, the harness) is in `bytes` but in no site. For a pytest test, the
 * hooked call is its first, made again in a copy of the process forked before it.
 */
const peakSnapshot = z.strictObject({
  /** Traced bytes above the start level when the snapshot was taken (hook overhead aside). */
  bytes: whole,
  /** True peak of the hooked call/run, above its start level (the hooks' own snapshots excluded). */
  peakBytes: amount,
  /**
   * Bytes allocated at each site since the start of the call/script and alive at that moment
   * (> 0), largest first. Their sum is ≤ `bytes`.
   */
  sites: siteTable,
});

/** Live objects of one type before and after repeat 1 of a scenario (the whole script). */
const objectTypeCount = z.strictObject({
  /** `type(o).__qualname__`, prefixed with its module unless builtin: `bytearray`, `app.cache.Node`, `__main__.Item`. */
  type: z.string(),
  before: amount,
  after: amount,
});

/** A site whose retained memory keeps growing over the leak-check calls. */
const leakSite = z.strictObject({
  ...encodedLocation,
  /** (retained after call N − retained after call 1) / (N − 1); > 0. May be fractional. */
  bytesPerCall: z.number(),
  /** The same for the number of blocks; may be fractional or 0. */
  countPerCall: z.number(),
  /** Bytes retained at this site after each call 1..N, relative to before call 1. */
  retainedBytes: z.array(whole),
});

/**
 * Leak check (function scenarios, with `--iterations N`, N ≥ 3): N further calls after the
 * repeats (and the peak pass), return values dropped, a snapshot after each. Call 1 is
 * warm-up. A site leaks when its retained bytes grew over both halves of calls 2..N (so a
 * one-off, like a dict resized once or a cache filled on call 3, is not a leak; one that
 * happens every few calls is); its rate is the average over calls 2..N (exact for a steady
 * leak, including the amortised growth of the container it leaks into).
 */
const leakCheck = z.strictObject({
  iterations: amount,
  /** Total retained bytes (all sites) after each call 1..N, relative to before call 1. */
  retainedBytes: z.array(whole),
  /** Sum of `sites[].bytesPerCall`; 0 when nothing leaks. */
  bytesPerCall: z.number(),
  /**
   * The calls kept memory as a steady leak does: every call after the first kept more, no site
   * lost bytes from one call to the next, and at each site most calls kept exactly the same
   * (the others resized a container the leak fills). Absent from older files: not known.
   */
  steady: z.boolean().optional(),
  /** Leaking sites only, fastest first. */
  sites: z.array(leakSite),
});

/** `holderType` of the cache of a `functools.lru_cache` function (retention.py's LRU_CACHE). */
export const LRU_CACHE = 'functools.lru_cache';

/** The kinds of root a retention path starts from (see `retentionPath`). */
export const RETENTION_ROOT_KINDS = [
  'module global',
  'benchmark global',
  'class attribute',
  'default argument',
  'closure',
  'function attribute',
  'return value',
  'fixture',
  'frame',
  'thread',
  'gc.garbage',
  'unreachable',
  'not found',
] as const;

/** A live object on a retention path that the scenario allocated, and where. */
const retentionStep = z.strictObject({
  ...encodedLocation,
  /** Its type, named like `objectTypes` names types. */
  type: z.string(),
});

/**
 * What keeps some of a site's sampled objects alive: the shortest chain of references from a
 * root to them, named, and the samples it holds.
 */
const retentionPath = z.strictObject({
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
  kind: z.enum(RETENTION_ROOT_KINDS),
  /** The root, named: `app.cache._history`, `catalog`, `worker (app/jobs.py:12)`; empty when none. */
  root: z.string(),
  /**
   * The innermost named container on the path, which holds the objects: the last attribute or
   * global before items of lists, dicts and tuples: `app.cache.LRU.history` (an instance
   * attribute of an `app.cache.LRU`); the root when no attribute follows it.
   */
  holder: z.string(),
  /**
   * The holder's type: `list`, `dict`, `collections.OrderedDict`; `LRU_CACHE` for the cache of a
   * `functools.lru_cache` function (its results, kept by C code under no name; `holder` is the
   * function).
   */
  holderType: z.string(),
  /** The holder's own name (`history`), as code that fills it would spell it; may be empty. */
  name: z.string(),
  /** The chain from the root to the first sample on it: `catalog.cache.history[…][1]`. */
  path: z.string(),
  /** Sampled objects on this path. */
  sampled: amount,
  /** The site's retained bytes and blocks, shared out over its paths by their samples. */
  bytes: amount,
  count: amount,
  /**
   * Objects on the path (root and the sample left out) that the scenario allocated, root first,
   * with where (the innermost frame): the holder's container, the tuple `append` stored. The
   * cache of an lru_cache function, whenever it was made, is a step of type `LRU_CACHE` where
   * its decorator is (or the line that called `lru_cache`, when traced). For
   * `unreachable`: the cycle's members that refer to the samples, nearest first, each line once.
   */
  via: z.array(retentionStep),
  /** `unreachable`: the types of the objects that refer to the samples, most first. */
  cycle: z.array(z.strictObject({ type: z.string(), objects: amount })).optional(),
  /**
   * A site whose bytes are item storage (its `storage` is `found`): the items of the containers
   * the path leads to (the holder: a list, dict, set, deque, or an instance's `__dict__`).
   */
  items: amount.optional(),
});

/**
 * Retention paths (`--retention-sites`, first measurement of the scenario): for each site
 * asked for, what keeps its live objects alive. Objects are told to be the site's by their
 * allocation traceback; at most 24 are sampled per site, spread over the order the collector
 * lists them in, and `gc` referrers are followed back from them (at most 40 steps, 20,000
 * objects) to a root.
 */
const retention = z.strictObject({
  /** Time the walk took. */
  seconds,
  /** Largest retained size first. */
  sites: z.array(
    z.strictObject({
      ...encodedLocation,
      /** Live objects found that were allocated at the site (tracked ones, and what they hold). */
      objects: amount,
      sampled: amount,
      /** The walk's limits stopped it before every sample met a root. */
      limited: z.literal(true).optional(),
      /**
       * No live object was allocated at the site: its bytes are taken to be the item storage of
       * containers (the item array a `list.append` or a `dict` store grows, which is no object),
       * those whose storage has the exact size of one of the site's blocks, the ones the line
       * names first. `found`: the paths lead to them (the samples); `none`: no such container
       * reaches a root (one path, `not found`); `several`: more of them reach a root than the site
       * has blocks and the line names none, so which one grew cannot be told (one path, `not
       * found`). `held`: no such container of its own, but the containers the objects found at
       * other sites hang from (the lists `_history[…]` holds) have storage of its size: the paths
       * lead to them, under their holder, and a path's `holderType` is theirs. `untraced`: at
       * least half of its blocks have the size of live instances of a class that this Python
       * traces no allocation line for (before 3.12, an instance that keeps its attributes
       * inline): the site's objects may be those (one path, `not found`: `holderType` their type,
       * `items` how many there are). A site with no sample carries all its bytes on that one
       * path.
       */
      storage: z.enum(['found', 'none', 'several', 'held', 'untraced']).optional(),
      /** Most samples first. */
      paths: z.array(retentionPath),
    }),
  ),
});

const scenarioError = z.strictObject({
  /** Exception class name, e.g. `ValueError`, or `SystemExit`. */
  type: z.string(),
  message: z.string(),
  /** Formatted Python traceback (last lines), when there was one. */
  traceback: z.string().optional(),
  /**
   * Function scenarios only: `setup` when the module's top level failed (or an earlier
   * function was interrupted), so this function never ran; `call` when a call of it failed.
   */
  phase: z.enum(['setup', 'call']).optional(),
  /** Last lines of the benchmark's output, added by the TypeScript side. */
  output: z.string().optional(),
});

/** Totals of one in-process repeat. */
const repeatTotals = z.strictObject({
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
  rssBytes: amount.optional(),
});

/**
 * A value given to a pytest marker, as the harness saw it: text, a number, `true`/`false` or
 * `null` as such; anything else (a function, a list) as its Python type and `repr`.
 */
const markerValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.strictObject({ type: z.string(), repr: z.string() }),
]);

/**
 * A budget marker on a pytest test, its arguments as written (parsed by the TypeScript side,
 * with the budget syntax): `@pytest.mark.allocdiff(peak="64MB")`, `limit_memory("24 MB")`,
 * `limit_leaks("1 MB")`.
 */
const budgetMarker = z.strictObject({
  /** `allocdiff`, `limit_memory` or `limit_leaks`. */
  name: z.string(),
  /** Positional arguments, in order. */
  args: z.array(markerValue),
  /** Keyword arguments, `[name, value]`, in the order written. */
  kwargs: z.array(z.tuple([z.string(), markerValue])),
});

const scenario = z.strictObject({
  /**
   * Script: its normalised path. Function: the function's name (`bench_parse`). Process: what
   * it ran (a script's normalised path, `-m pkg.bench`, `-c`). Test: its pytest node id.
   */
  name: z.string(),
  /**
   * `function`: one top-level `bench_*` function of the script's own module; the module's top
   * level ran first as setup and is not measured. `script`: the whole script (no such function).
   * Command mode: `process`, the Python processes of a command that ran the same thing, each
   * from startup to exit; `test`, the call phase of one pytest test.
   */
  kind: z.enum(['script', 'function', 'process', 'test']),
  status: z.enum(['ok', 'failed']),
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
  repeats: z.array(repeatTotals).optional(),
  /** Largest `size` first, then file, then line. */
  sites: siteTable,
  peak: peakSnapshot.optional(),
  /** Types whose live count changed across repeat 1, largest change first (default on). */
  objectTypes: z.array(objectTypeCount).optional(),
  leak: leakCheck.optional(),
  retention: retention.optional(),
  /**
   * Command mode: how many processes were merged into this scenario. Their sizes add up, per
   * site and in the totals (`peakBytes` is the sum of each process's own peak).
   */
  processes: z.int().positive().optional(),
  /** pytest mode: the test's budget markers, nearest first (left out when it has none). */
  budgetMarkers: z.array(budgetMarker).optional(),
  /**
   * Runs, each a process of its own, that measured exactly these figures (repeat 1's peak,
   * retained bytes and blocks, and every site): an earlier run's were handed to this one
   * (`--same-as`, or the processes of a whole script), and its next measurement matched them,
   * so no further repeats were needed. Absent otherwise.
   */
  identicalRuns: z.int().min(2).optional(),
  /**
   * pytest mode: the test's first call in earlier runs of this side (the first run's, which a
   * deep pass measured the test again after), each a cold call as `repeats[0]` is: the figures
   * that call is checked against, as the later calls of the same process (warm ones) cannot
   * be. Set by allocdiff when it merges a deep pass; absent otherwise.
   */
  coldCalls: z.array(repeatTotals).optional(),
});

/** A module a side imported from outside its own checkout. */
const foreignModule = z.strictObject({
  /** Its name in `sys.modules`: `mypkg.catalog`. */
  module: z.string(),
  /** Absolute, symlinks resolved. */
  file: z.string(),
});

/**
 * The document as the harness builds it (on disk: its header line and binary columns, see the
 * top of this file), keys in this order:
 * schema, harness, python, platform, frames, repeats, iterations, timings, scenarios,
 * strings, unmeasured (and `foreignModules` when there are any), reads. `strings` holds each
 * distinct file name, source text and function name once, in order of first use
 * (deterministic for a deterministic run); sites, frames and leak sites refer to them by index.
 */
export const snapshotDocument = z
  .strictObject({
    schema: z.literal(SNAPSHOT_SCHEMA),
    harness: z.strictObject({ version: z.string() }),
    python: z.strictObject({ version: z.string(), implementation: z.string() }),
    platform: z.string(),
    /** tracemalloc frames per traceback (`--frames`). */
    frames: z.int().positive(),
    /** `--repeats`: measured calls per function scenario. */
    repeats: z.int().positive().optional(),
    /** `--iterations`: leak-check calls per function scenario; 0 = no leak check. */
    iterations: amount.optional(),
    timings: z
      .strictObject({
        /** The script's top level (for function scenarios: their setup). */
        setupSeconds: seconds,
        /** Everything measured, hooks and snapshots included (not the writing of this file). */
        totalSeconds: seconds,
      })
      .optional(),
    scenarios: z.array(scenario),
    strings: z.array(z.string()),
    /**
     * Things the harness could not measure, and why; `scenario` names the one concerned. The
     * sites at the peak that were asked for but not found have `what` `PEAK_SITES_MISSED`.
     */
    unmeasured: z
      .array(z.strictObject({ what: z.string(), why: z.string(), scenario: z.string().optional() }))
      .optional(),
    /**
     * Present only when the side imported code of the repository from outside its own
     * checkout (from the workspace or the other side's checkout, e.g. through an editable
     * install the harness could not redirect): each such module and the real path of its file.
     * Every scenario of the side is then failed, with an error of type `ForeignImport` that
     * names them and says what to change.
     */
    foreignModules: z.array(foreignModule).optional(),
    /**
     * What the benchmark read inside its checkout (python/allocdiff_harness/reads.py): files it
     * opened or imported, folders it listed, and the folders of `sys.path` (which the import
     * system lists), relative to the checkout (`.` for itself). Existence checks (`os.stat`)
     * are not audited, and so not here.
     */
    reads: z
      .strictObject({
        files: z.array(z.string()),
        folders: z.array(z.string()),
        importFolders: z.array(z.string()),
      })
      .optional(),
  })
  .meta({
    title: 'allocdiff snapshot',
    description:
      'What the allocdiff harness measured on one side: written by python/allocdiff_harness, ' +
      'read by the TypeScript side. Generated from src/capture/snapshot.ts.',
  });

/** The JSON Schema of the file, as python/allocdiff_harness/snapshot.schema.json holds it. */
export function snapshotJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(snapshotDocument, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The document as the harness builds it (see `snapshotDocument`). */
export type RawSnapshot = z.infer<typeof snapshotDocument>;
export type RawScenario = z.infer<typeof scenario>;
export type RawSiteTable = z.infer<typeof siteTable>;
export type RawSiteTraceback = z.infer<typeof siteTraceback>;

/** A string-table index, as written on disk in place of a string. */
export type StringIndex = number;

/** The strings of an encoded location put back in place: what a reader works with. */
type Decoded<T> = Omit<T, 'file' | 'text' | 'function'> & SnapshotLocation;

/** Where a site is: what every kind of site (and traceback frame) has, strings resolved. */
export interface SnapshotLocation {
  /** Normalised path: repo-relative, `site-packages/…`, `<stdlib>/…`, or as Python gave it. */
  file: string;
  line: number;
  /** The source line's text (stripped), when it could be read (else undefined or absent). */
  text?: string;
  /**
   * Qualified name of the enclosing function (`LRU.put`), `<module>` at top level; undefined
   * or absent when the source could not be parsed.
   */
  function?: string;
}

/** One frame of a traceback, like a `File "…", line N, in f` entry of `Traceback.format()`. */
export type TracebackFrame = SnapshotLocation;

/** One call path to a site (see `siteTraceback`), its frames' strings resolved. */
export type SiteTraceback = Omit<RawSiteTraceback, 'frames'> & { frames: TracebackFrame[] };

/** One allocation site: where tracemalloc attributed the memory, and how much is still held. */
export interface SnapshotSite extends SnapshotLocation {
  /**
   * Bytes allocated at this site during the scenario and still alive at its end, net
   * (after − before: negative when the scenario freed more here than it allocated). For a
   * function scenario with repeats, this is **repeat 1** (the first, cold call).
   */
  size: number;
  /** Number of memory blocks behind `size` (net, repeat 1). */
  count: number;
  /**
   * Present only when the in-process repeats did not all give the same value: `size` and
   * `count` of every repeat, in order (`sizes[0] === size`). Absent means identical in every
   * repeat (or a single repeat). A site seen in only some repeats has 0 in the others.
   */
  sizes?: number[];
  counts?: number[];
  /** The largest call paths to this site, largest first (at most 5); see SiteTraceback. */
  tracebacks?: SiteTraceback[];
}

/** A site holding memory at the moment the peak snapshot was taken. */
export interface PeakSite extends SnapshotLocation {
  /** Bytes allocated here since the start of the call/script and alive at that moment; > 0. */
  size: number;
  count: number;
  tracebacks?: SiteTraceback[];
}

/** Which sites held memory at the high-water mark (see `peakSnapshot`). */
export type PeakSnapshot = Omit<z.infer<typeof peakSnapshot>, 'sites'> & { sites: PeakSite[] };
export type ObjectTypeCount = z.infer<typeof objectTypeCount>;
export type LeakSite = Decoded<z.infer<typeof leakSite>>;
/** Leak check (see `leakCheck`), its sites' strings resolved. */
export type LeakCheck = Omit<z.infer<typeof leakCheck>, 'sites'> & { sites: LeakSite[] };
export type RetentionRootKind = (typeof RETENTION_ROOT_KINDS)[number];
/** An object on a retention path, its strings resolved. */
export type RetentionStep = Decoded<z.infer<typeof retentionStep>>;
/** A retention path (see `retentionPath`), its strings resolved. */
export type RetentionPath = Omit<z.infer<typeof retentionPath>, 'via'> & { via: RetentionStep[] };
type RawRetentionSite = z.infer<typeof retention>['sites'][number];
/** What keeps one site's objects alive, strings resolved. */
export type RetentionSite = Decoded<Omit<RawRetentionSite, 'paths'>> & { paths: RetentionPath[] };
/** Retention paths of a scenario (see `retention`), strings resolved. */
export type Retention = { seconds: number; sites: RetentionSite[] };
export type ScenarioError = z.infer<typeof scenarioError>;
export type RepeatTotals = z.infer<typeof repeatTotals>;
export type BudgetMarker = z.infer<typeof budgetMarker>;
export type MarkerValue = z.infer<typeof markerValue>;

/** A scenario as read: site lists as objects, strings resolved, `repeats` always there. */
export type SnapshotScenario = Omit<
  RawScenario,
  'sites' | 'peak' | 'leak' | 'repeats' | 'retention'
> & {
  /** Every in-process repeat, in order (see `scenario`); empty when none ran. */
  repeats: RepeatTotals[];
  /** Largest `size` first, then file, then line. */
  sites: SnapshotSite[];
  peak?: PeakSnapshot;
  leak?: LeakCheck;
  retention?: Retention;
};

/** A snapshot as read: what the optional envelope fields default to filled in, no `strings`. */
export type Snapshot = Omit<
  RawSnapshot,
  'scenarios' | 'strings' | 'repeats' | 'iterations' | 'timings' | 'unmeasured'
> & {
  repeats: number;
  iterations: number;
  timings: NonNullable<RawSnapshot['timings']>;
  scenarios: SnapshotScenario[];
  unmeasured: NonNullable<RawSnapshot['unmeasured']>;
};

/** A module a side imported from outside its own checkout. */
export type ForeignModule = z.infer<typeof foreignModule>;

// ---------------------------------------------------------------------------------------------
// Site lists as read. A snapshot's site list is kept as its columns, typed arrays (views over
// the file's bytes, or made from a document's lists), with its strings decoded on first use. A
// scenario's `sites` is made from its table the first time it is read; compare reads the table
// itself (`siteListOf`) and makes an object only for the sites whose figures differ.

/** A snapshot's string table, by index. */
export class SnapshotStrings {
  /** The strings of a file decoded so far (most never are). */
  private readonly decoded = new Map<number, string>();

  private constructor(
    readonly count: number,
    private readonly list: readonly string[] | undefined,
    private readonly ends: Uint32Array | undefined,
    private readonly bytes: Buffer | undefined,
  ) {}

  /** The strings of a document's `strings` list. */
  static fromList(list: readonly string[]): SnapshotStrings {
    return new SnapshotStrings(list.length, list, undefined, undefined);
  }

  /** The strings of a file: string I is `bytes` from `ends[I - 1]` (0 for the first) to `ends[I]`. */
  static fromBytes(ends: Uint32Array, bytes: Buffer): SnapshotStrings {
    return new SnapshotStrings(ends.length, undefined, ends, bytes);
  }

  /** String `index`; undefined when the table has no such string. */
  get(index: number): string | undefined {
    if (this.list) return this.list[index];
    if (!(index >= 0 && index < this.count) || !Number.isInteger(index)) return undefined;
    let text = this.decoded.get(index);
    if (text === undefined) {
      const ends = this.ends!;
      text = this.bytes!.toString('utf8', index === 0 ? 0 : ends[index - 1]!, ends[index]!);
      this.decoded.set(index, text);
    }
    return text;
  }
}

/** What compare reads of a list of sites, by position: the fast figures, and a site on demand. */
export interface SiteList {
  readonly length: number;
  fileOf(position: number): string;
  /**
   * By position: a number that is the same for two sites of one file (a table's string index),
   * or undefined when the list has none.
   */
  readonly fileKeys: ArrayLike<number> | undefined;
  /** By position: each site's line, size and count. */
  readonly lines: ArrayLike<number>;
  readonly sizes: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
  textOf(position: number): string | undefined;
  functionOf(position: number): string | undefined;
  /** Whether the site's in-process repeats differed (it has `sizes`/`counts`). */
  varies(position: number): boolean;
  /** The site at `position`, as an object. */
  site(position: number): SnapshotSite;
  /** The sites whose in-process repeats differed (those with `sizes`/`counts`). */
  withRepeats(): SnapshotSite[];
}

/** A list of site objects (as tests and merged repeats make them) read as a `SiteList`. */
export class SiteArray implements SiteList {
  constructor(private readonly sites: readonly SnapshotSite[]) {}
  get length(): number {
    return this.sites.length;
  }
  fileOf(position: number): string {
    return this.sites[position]!.file;
  }
  readonly fileKeys = undefined;
  get lines(): ArrayLike<number> {
    return (this.figures ??= this.figuresOf()).lines;
  }
  get sizes(): ArrayLike<number> {
    return (this.figures ??= this.figuresOf()).sizes;
  }
  get counts(): ArrayLike<number> {
    return (this.figures ??= this.figuresOf()).counts;
  }
  private figures: { lines: number[]; sizes: number[]; counts: number[] } | undefined;
  private figuresOf() {
    return {
      lines: this.sites.map((site) => site.line),
      sizes: this.sites.map((site) => site.size),
      counts: this.sites.map((site) => site.count),
    };
  }
  textOf(position: number): string | undefined {
    return this.sites[position]!.text;
  }
  functionOf(position: number): string | undefined {
    return this.sites[position]!.function;
  }
  varies(position: number): boolean {
    const site = this.sites[position]!;
    return site.sizes !== undefined || site.counts !== undefined;
  }
  site(position: number): SnapshotSite {
    return this.sites[position]!;
  }
  withRepeats(): SnapshotSite[] {
    return this.sites.filter((site) => site.sizes !== undefined || site.counts !== undefined);
  }
}

/** `sizes` and `counts` of every repeat of a site whose repeats differed. */
export type SiteRepeats = readonly [sizes: number[], counts: number[]];

/** The site columns of one table (row N is site N), checked by the decoder. */
export interface SiteColumns {
  size: Float64Array;
  count: Float64Array;
  /** String indexes. */
  file: Uint32Array;
  line: Uint32Array | Float64Array;
  /** String indexes, `NO_STRING` (-1) where the site has none. */
  text: Int32Array;
  function: Int32Array;
}

/** One site table: its columns, its strings, and its rare fields by row. */
export class SiteTable implements SiteList {
  readonly length: number;

  constructor(
    private readonly columns: SiteColumns,
    private readonly strings: SnapshotStrings,
    private readonly repeats: ReadonlyMap<number, SiteRepeats>,
    private readonly tracebacks: ReadonlyMap<number, SiteTraceback[]>,
  ) {
    this.length = columns.line.length;
  }

  fileOf(position: number): string {
    return this.strings.get(this.columns.file[position]!)!;
  }
  /** The files' string indexes. */
  get fileKeys(): Uint32Array {
    return this.columns.file;
  }
  get lines(): Uint32Array | Float64Array {
    return this.columns.line;
  }
  get sizes(): Float64Array {
    return this.columns.size;
  }
  get counts(): Float64Array {
    return this.columns.count;
  }
  textOf(position: number): string | undefined {
    const index = this.columns.text[position]!;
    return index < 0 ? undefined : this.strings.get(index);
  }
  functionOf(position: number): string | undefined {
    const index = this.columns.function[position]!;
    return index < 0 ? undefined : this.strings.get(index);
  }
  varies(position: number): boolean {
    return this.repeats.size > 0 && this.repeats.has(position);
  }

  site(position: number): SnapshotSite {
    const { columns, strings } = this;
    const text = columns.text[position]!;
    const functionIndex = columns.function[position]!;
    // Every site gets the same six keys, in one literal: one object shape, built in one go
    // (a missing text or function is an undefined value, which JSON leaves out).
    const site = {
      file: strings.get(columns.file[position]!)!,
      line: columns.line[position]!,
      text: text < 0 ? undefined : strings.get(text),
      function: functionIndex < 0 ? undefined : strings.get(functionIndex),
      size: columns.size[position]!,
      count: columns.count[position]!,
    } as SnapshotSite;
    const repeats = this.repeats.size > 0 ? this.repeats.get(position) : undefined;
    if (repeats) {
      site.sizes = repeats[0];
      site.counts = repeats[1];
    }
    const tracebacks = this.tracebacks.size > 0 ? this.tracebacks.get(position) : undefined;
    if (tracebacks) site.tracebacks = tracebacks;
    return site;
  }

  withRepeats(): SnapshotSite[] {
    return [...this.repeats.keys()].map((row) => this.site(row));
  }

  /** Every site, as objects. */
  toArray(): SnapshotSite[] {
    const sites = new Array<SnapshotSite>(this.length);
    for (let row = 0; row < this.length; row += 1) sites[row] = this.site(row);
    return sites;
  }
}

/** The tables behind the `sites` of scenarios and peaks not yet replaced. */
const tables = new WeakMap<object, SiteTable>();

/**
 * Gives `owner` (a scenario, or its `peak`) a `sites` made from `table` when first read (then
 * kept). Assigning `sites` replaces it, and the table is no longer the owner's.
 */
export function setSiteTable(owner: { sites: readonly SnapshotSite[] }, table: SiteTable): void {
  tables.set(owner, table);
  let sites: SnapshotSite[] | undefined;
  Object.defineProperty(owner, 'sites', {
    enumerable: true,
    configurable: true,
    get: () => (sites ??= table.toArray()),
    set: (value: SnapshotSite[]) => {
      tables.delete(owner);
      Object.defineProperty(owner, 'sites', {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    },
  });
}

/** The sites of `owner` as compare reads them: its table when it has one, else its list. */
export function siteListOf(owner: { sites: readonly SnapshotSite[] } | undefined): SiteList {
  if (owner === undefined) return new SiteArray([]);
  return tables.get(owner) ?? new SiteArray(owner.sites);
}
