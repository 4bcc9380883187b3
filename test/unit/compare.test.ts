import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../src/compare/compare.js';
import { compareSites } from '../../src/compare/sites.js';
import { LineMap } from '../../src/sides/line-map.js';
import { scenario, site, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');

/** Three imports inserted after line 4: every base line from 5 on is 3 lines lower on head. */
const threeLinesInsertedAtTop = LineMap.fromUnifiedDiff(`diff --git a/app/cache.py b/app/cache.py
index 1111111..2222222 100644
--- a/app/cache.py
+++ b/app/cache.py
@@ -4,0 +5,3 @@ import os
+import sys
+import json
+import re
`);

/** Line 10 wrapped in a `with` block: its text (stripped) is the same, one line lower. */
const line10Rewrapped = LineMap.fromUnifiedDiff(`diff --git a/app/cache.py b/app/cache.py
index 1111111..2222222 100644
--- a/app/cache.py
+++ b/app/cache.py
@@ -10 +10,2 @@ class LRU:
-        buf = bytearray(n)
+        with self.lock:
+            buf = bytearray(n)
`);

/** A new line 21 (after base line 20). */
const line21Added = LineMap.fromUnifiedDiff(`diff --git a/app/cache.py b/app/cache.py
index 1111111..2222222 100644
--- a/app/cache.py
+++ b/app/cache.py
@@ -20,0 +21 @@ class LRU:
+        self.history.append(key)
`);

const pureRename = LineMap.fromUnifiedDiff(`diff --git a/app/old.py b/app/new.py
similarity index 100%
rename from app/old.py
rename to app/new.py
`);

/** Renamed, with base line 3 re-indented (so changed) and a line inserted above line 8. */
const renameWithEdits = LineMap.fromUnifiedDiff(`diff --git a/app/old.py b/app/new.py
similarity index 90%
rename from app/old.py
rename to app/new.py
index 1111111..2222222 100644
--- a/app/old.py
+++ b/app/new.py
@@ -3 +3,2 @@ def load():
-    data = read()
+    if True:
+        data = read()
@@ -7,0 +9 @@ def load():
+    log()
`);

const deletedFile = LineMap.fromUnifiedDiff(`diff --git a/app/gone.py b/app/gone.py
deleted file mode 100644
index 1111111..0000000
--- a/app/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-import os
-CACHE = {}
`);

describe('compareSnapshots: scenarios', () => {
  it('matches scenarios by name and calls one on both sides "ok"', () => {
    const result = compareSnapshots(
      snapshot([scenario('a'), scenario('b')]),
      snapshot([scenario('b'), scenario('a')]),
      noChanges,
    );
    expect(result.scenarios.map((s) => [s.name, s.status])).toEqual([
      ['b', 'ok'],
      ['a', 'ok'],
    ]);
    expect(result.scenarios.every((s) => s.error === undefined)).toBe(true);
  });

  it('calls a scenario only on head "new" and one only on base "removed"', () => {
    const result = compareSnapshots(
      snapshot([scenario('old')]),
      snapshot([scenario('fresh')]),
      noChanges,
    );
    const byName = Object.fromEntries(result.scenarios.map((s) => [s.name, s.status]));
    expect(byName).toEqual({ fresh: 'new', old: 'removed' });
  });

  it('calls a scenario "failed" when head failed, and the error says it was head', () => {
    const error = { type: 'MemoryError', message: 'out of memory', traceback: 'Traceback…' };
    const result = compareSnapshots(
      snapshot([scenario('bench')]),
      snapshot([scenario('bench', [], { status: 'failed', error })]),
      noChanges,
    );
    expect(result.scenarios[0].status).toBe('failed');
    expect(result.scenarios[0].error).toEqual({ side: 'head', ...error });
  });

  it('calls a scenario "failed" when base failed, and the error says it was base', () => {
    const error = { type: 'SetupFailed', message: 'setup exited with code 1' };
    const result = compareSnapshots(
      snapshot([scenario('bench', [], { status: 'failed', error })]),
      snapshot([scenario('bench')]),
      noChanges,
    );
    expect(result.scenarios[0].status).toBe('failed');
    expect(result.scenarios[0].error).toEqual({ side: 'base', ...error });
  });

  it('blames head when both sides failed (head is what the PR ships), and keeps base’s error', () => {
    const failed = (message: string) =>
      scenario('bench', [], { status: 'failed', error: { type: 'ValueError', message } });
    const result = compareSnapshots(
      snapshot([failed('base broke')]),
      snapshot([failed('head broke')]),
      noChanges,
    );
    expect(result.scenarios[0].error).toMatchObject({ side: 'head', message: 'head broke' });
    expect(result.scenarios[0].baseError).toEqual({ type: 'ValueError', message: 'base broke' });
  });

  it('has no base error when only one side failed', () => {
    const error = { type: 'ValueError', message: 'broke' };
    for (const [base, head] of [
      [scenario('bench', [], { status: 'failed', error }), scenario('bench')],
      [scenario('bench'), scenario('bench', [], { status: 'failed', error })],
    ]) {
      const result = compareSnapshots(snapshot([base]), snapshot([head]), noChanges);
      expect(result.scenarios[0].status).toBe('failed');
      expect(result.scenarios[0].baseError).toBeUndefined();
    }
  });

  it('still names a cause when a failed side recorded no error', () => {
    const result = compareSnapshots(
      snapshot([scenario('bench')]),
      snapshot([scenario('bench', [], { status: 'failed' })]),
      noChanges,
    );
    expect(result.scenarios[0].error).toMatchObject({ side: 'head' });
    expect(result.scenarios[0].error?.type).not.toBe('');
    expect(result.scenarios[0].error?.message).not.toBe('');
  });

  it('a failed new scenario is "failed", not "new"', () => {
    const result = compareSnapshots(
      snapshot([]),
      snapshot([scenario('bench', [], { status: 'failed', error: { type: 'E', message: 'm' } })]),
      noChanges,
    );
    expect(result.scenarios[0].status).toBe('failed');
  });

  it('measures peak and retained on both sides, with head − base as the delta', () => {
    const result = compareSnapshots(
      snapshot([scenario('bench', [], { peakBytes: 5_000, retainedBytes: 700 })]),
      snapshot([scenario('bench', [], { peakBytes: 4_000, retainedBytes: 1_900 })]),
      noChanges,
    );
    expect(result.scenarios[0].peak).toEqual({ base: 5_000, head: 4_000, delta: -1_000 });
    expect(result.scenarios[0].retained).toEqual({ base: 700, head: 1_900, delta: 1_200 });
  });

  it('has null for the missing side and for the delta of a new or removed scenario', () => {
    const result = compareSnapshots(
      snapshot([scenario('old', [], { peakBytes: 10, retainedBytes: 3 })]),
      snapshot([scenario('fresh', [], { peakBytes: 20, retainedBytes: 4 })]),
      noChanges,
    );
    const fresh = result.scenarios.find((s) => s.name === 'fresh')!;
    const old = result.scenarios.find((s) => s.name === 'old')!;
    expect(fresh.peak).toEqual({ base: null, head: 20, delta: null });
    expect(fresh.retained).toEqual({ base: null, head: 4, delta: null });
    expect(old.peak).toEqual({ base: 10, head: null, delta: null });
    expect(old.retained).toEqual({ base: 3, head: null, delta: null });
  });

  it('keeps why a side has no sites at the peak, from its notes, per scenario', () => {
    const peak = { bytes: 900, peakBytes: 1_000, sites: [site('app/a.py', 3, 800)] };
    const base = snapshot([scenario('bench', [], { peak }), scenario('other')]);
    const head = snapshot([scenario('bench'), scenario('other')]);
    const why = 'the peak hooks never saw the traced memory near its peak';
    head.unmeasured.push(
      { scenario: 'bench', what: 'sites at the peak', why },
      { scenario: 'bench', what: 'objects by type', why: 'not asked' },
    );
    const [bench, other] = compareSnapshots(base, head, noChanges).scenarios;
    expect(bench.peakSites?.missed).toEqual({ head: why });
    expect(bench.peakSites?.sites).toMatchObject([{ file: 'app/a.py', line: 3, headSize: 0 }]);
    expect(other.peakSites).toBeUndefined();
    // A side with sites has missed nothing, even when a note said so for an earlier run.
    base.unmeasured.push({ scenario: 'bench', what: 'sites at the peak', why: 'earlier' });
    expect(compareSnapshots(base, head, noChanges).scenarios[0].peakSites?.missed).toEqual({
      head: why,
    });
    // A note that names no scenario is the whole run's: its one whole script.
    const script = snapshot([scenario('bench.py')]);
    script.unmeasured.push({ what: 'sites at the peak', why });
    expect(
      compareSnapshots(snapshot([scenario('bench.py')]), script, noChanges).scenarios[0].peakSites,
    ).toEqual({ sites: [], missed: { head: why } });
  });

  it('lists every site of a new scenario as added', () => {
    const result = compareSnapshots(
      snapshot([]),
      snapshot([scenario('fresh', [site('app/a.py', 3, 64)])]),
      noChanges,
    );
    expect(result.scenarios[0].sites).toMatchObject([
      { file: 'app/a.py', line: 3, baseLine: null, sizeDelta: 64 },
    ]);
  });
});

describe('compareSites: site identity across commits', () => {
  it('does not list a site whose size and count are the same on both sides', () => {
    const sites = [site('app/cache.py', 10, 4_096, { count: 3 })];
    expect(compareSites(sites, sites, noChanges)).toEqual([]);
  });

  it('pairs sites by line however far apart their lines are, and lines that come twice', () => {
    const lines = [1, 7, 2 ** 40, 5_000_000, 0];
    const base = lines.map((line, index) => site('app/far.py', line, 100 + index));
    const head = lines.map((line, index) => site('app/far.py', line, 100 + index + (line % 2)));
    // Found on head, the unchanged ones (far lines among them) are not listed as gone and new.
    expect(
      compareSites(base, head, noChanges).map((delta) => [delta.line, delta.sizeDelta]),
    ).toEqual([
      [1, 1],
      [7, 1],
    ]);
    // A table that names one line twice (never written by the harness): the later site counts
    // for the line, as it always has.
    const twice = [site('app/cache.py', 10, 100), site('app/cache.py', 10, 300)];
    expect(
      compareSites([site('app/cache.py', 10, 300)], twice, noChanges).map((delta) => [
        delta.line,
        delta.baseSize,
        delta.headSize,
      ]),
    ).toEqual([[10, 0, 100]]);
  });

  it('lists a site whose count changed even when its size did not', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 4_096, { count: 3 })],
      [site('app/cache.py', 10, 4_096, { count: 4 })],
      noChanges,
    );
    expect(deltas).toMatchObject([{ sizeDelta: 0, countDelta: 1, baseCount: 3, headCount: 4 }]);
  });

  it('reports the deltas and both sides of a changed site', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 1_000, { count: 2, function: 'LRU.put', text: 'x = []' })],
      [site('app/cache.py', 10, 1_500, { count: 5, function: 'LRU.put', text: 'x = []' })],
      noChanges,
    );
    expect(deltas).toEqual([
      {
        file: 'app/cache.py',
        line: 10,
        baseLine: 10,
        function: 'LRU.put',
        text: 'x = []',
        sizeDelta: 500,
        countDelta: 3,
        baseSize: 1_000,
        headSize: 1_500,
        baseCount: 2,
        headCount: 5,
        changedLine: false,
      },
    ]);
  });

  it('treats a site that only moved down as the same site: nothing listed', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 4_096, { text: 'buf = bytearray(n)' })],
      [site('app/cache.py', 13, 4_096, { text: 'buf = bytearray(n)' })],
      threeLinesInsertedAtTop,
    );
    expect(deltas).toEqual([]);
  });

  it('lists a moved site that grew as ONE entry, with its base and head lines', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 4_096)],
      [site('app/cache.py', 13, 8_192)],
      threeLinesInsertedAtTop,
    );
    expect(deltas).toEqual([
      expect.objectContaining({
        file: 'app/cache.py',
        line: 13,
        baseLine: 10,
        sizeDelta: 4_096,
        changedLine: false,
      }),
    ]);
  });

  it('does not pair a moved base site with whatever now sits on its old line number', () => {
    // Base line 10 is head line 13; head line 10 is a different (unchanged) site.
    const deltas = compareSites(
      [site('app/cache.py', 10, 100), site('app/cache.py', 7, 200)],
      [site('app/cache.py', 13, 100), site('app/cache.py', 10, 200)],
      threeLinesInsertedAtTop,
    );
    expect(deltas).toEqual([]);
  });

  it('matches a site on a changed line by file, function and source text', () => {
    const base = site('app/cache.py', 10, 4_096, {
      function: 'LRU.put',
      text: 'buf = bytearray(n)',
    });
    const same = { ...base, line: 11 };
    expect(compareSites([base], [same], line10Rewrapped)).toEqual([]);

    const grown = { ...same, size: 6_000 };
    expect(compareSites([base], [grown], line10Rewrapped)).toEqual([
      expect.objectContaining({ line: 11, baseLine: 10, sizeDelta: 1_904, changedLine: true }),
    ]);
  });

  it('does not match a changed line to the same text in another function', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 4_096, { function: 'LRU.put', text: 'buf = bytearray(n)' })],
      [site('app/cache.py', 11, 4_096, { function: 'LRU.get', text: 'buf = bytearray(n)' })],
      line10Rewrapped,
    );
    expect(deltas).toHaveLength(2);
    expect(deltas).toContainEqual(
      expect.objectContaining({ line: null, baseLine: 10, sizeDelta: -4_096 }),
    );
    expect(deltas).toContainEqual(
      expect.objectContaining({ line: 11, baseLine: null, sizeDelta: 4_096 }),
    );
  });

  it('does not match a changed line by content when there is no source text', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 4_096, { function: 'LRU.put' })],
      [site('app/cache.py', 11, 4_096, { function: 'LRU.put' })],
      line10Rewrapped,
    );
    expect(deltas.map((d) => [d.line, d.baseLine])).toEqual(
      expect.arrayContaining([
        [null, 10],
        [11, null],
      ]),
    );
  });

  it('pairs identical lines one to one', () => {
    const moved = LineMap.fromUnifiedDiff(`diff --git a/app/a.py b/app/a.py
--- a/app/a.py
+++ b/app/a.py
@@ -10,2 +9,0 @@ def f():
-    x = []
-    x = []
@@ -30,0 +29,2 @@ def f():
+    x = []
+    x = []
`);
    const fields = { function: 'f', text: 'x = []' };
    const deltas = compareSites(
      [site('app/a.py', 10, 56, fields), site('app/a.py', 11, 56, fields)],
      [site('app/a.py', 29, 56, fields), site('app/a.py', 30, 56, fields)],
      moved,
    );
    expect(deltas).toEqual([]);
  });

  it('follows a renamed file', () => {
    const deltas = compareSites(
      [site('app/old.py', 5, 100)],
      [site('app/new.py', 5, 300)],
      pureRename,
    );
    expect(deltas).toEqual([
      expect.objectContaining({
        file: 'app/new.py',
        baseFile: 'app/old.py',
        line: 5,
        baseLine: 5,
        sizeDelta: 200,
      }),
    ]);
  });

  it('follows a renamed file whose lines moved and changed', () => {
    const fields = { function: 'load', text: 'data = read()' };
    const deltas = compareSites(
      [site('app/old.py', 3, 100, fields), site('app/old.py', 8, 50)],
      [site('app/new.py', 4, 100, fields), site('app/new.py', 10, 50)],
      renameWithEdits,
    );
    expect(deltas).toEqual([]);
  });

  it('has baseLine null for a site only on head, marked when the diff added its line', () => {
    const deltas = compareSites(
      [],
      [
        site('app/cache.py', 21, 800, { count: 10, text: 'self.history.append(key)' }),
        site('app/cache.py', 5, 40),
      ],
      line21Added,
    );
    expect(deltas).toEqual([
      {
        file: 'app/cache.py',
        line: 21,
        baseLine: null,
        text: 'self.history.append(key)',
        sizeDelta: 800,
        countDelta: 10,
        baseSize: 0,
        headSize: 800,
        baseCount: 0,
        headCount: 10,
        changedLine: true,
      },
      expect.objectContaining({ line: 5, baseLine: null, changedLine: false }),
    ]);
  });

  it('keeps the head line of a site whose unchanged line stops allocating, in a renamed file', () => {
    const deltas = compareSites([site('app/old.py', 5, 100)], [], pureRename);
    expect(deltas).toEqual([
      expect.objectContaining({
        file: 'app/new.py',
        baseFile: 'app/old.py',
        line: 5,
        baseLine: 5,
        sizeDelta: -100,
        headSize: 0,
        changedLine: false,
        silent: true,
      }),
    ]);
  });

  it('keeps the base path for a site in a deleted file', () => {
    const deltas = compareSites([site('app/gone.py', 2, 232)], [], deletedFile);
    expect(deltas).toEqual([
      expect.objectContaining({ file: 'app/gone.py', line: null, baseLine: 2, sizeDelta: -232 }),
    ]);
    expect(deltas[0].baseFile).toBeUndefined();
  });

  it('marks only lines the diff added as changed', () => {
    const deltas = compareSites(
      [site('app/cache.py', 10, 100), site('app/cache.py', 3, 100)],
      [site('app/cache.py', 13, 900), site('app/cache.py', 3, 900), site('app/cache.py', 6, 9)],
      threeLinesInsertedAtTop,
    );
    const changed = Object.fromEntries(deltas.map((d) => [d.line, d.changedLine]));
    expect(changed).toEqual({ 3: false, 13: false, 6: true });
  });

  it('sorts by the size of the change, largest first, growth and shrinkage alike', () => {
    const deltas = compareSites(
      [site('app/a.py', 1, 1_000), site('app/b.py', 2, 10), site('app/c.py', 3, 500)],
      [site('app/a.py', 1, 1_010), site('app/b.py', 2, 210), site('app/c.py', 3, 0)],
      noChanges,
    );
    expect(deltas.map((d) => [d.file, d.sizeDelta])).toEqual([
      ['app/c.py', -500],
      ['app/b.py', 200],
      ['app/a.py', 10],
    ]);
  });

  it('breaks ties by file, then line', () => {
    const deltas = compareSites(
      [],
      [site('app/b.py', 1, 64), site('app/a.py', 9, 64), site('app/a.py', 2, 64)],
      noChanges,
    );
    expect(deltas.map((d) => `${d.file}:${d.line}`)).toEqual([
      'app/a.py:2',
      'app/a.py:9',
      'app/b.py:1',
    ]);
  });
});

/** Base line 12 edited in place: one line replaced by one line, a line inserted above it. */
const line12Edited = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -3,0 +4 @@ import os
+import sys
@@ -12 +13 @@ def load(n):
-    data = bytearray(n)
+    payload = bytearray(n)
`);

/** Base lines 20 and 21 rewritten in place (two lines for two); line 30 removed. */
const twoLinesRewritten = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -20,2 +20,2 @@ def load(n):
-    head = [0] * n
-    tail = {}
+    rows = list(range(n))
+    index = dict()
@@ -30 +29,0 @@ def load(n):
-    cache = {}
`);

/** Base line 40 split over three head lines (40 to 42). */
const lineSplit = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -40 +40,3 @@ def parse(text):
-    parts = text.split(',')
+    # split on commas
+    parts = text.split(
+        ',')
`);

describe('compareSites: lines edited in place and lines that stop allocating', () => {
  const load = (line: number, size: number, text: string, extra = {}) =>
    site('app/load.py', line, size, { function: 'load', text, ...extra });

  it('pairs an edited line with the line it replaced: the same allocation nets to zero', () => {
    const deltas = compareSites(
      [load(12, 2_400_000, 'data = bytearray(n)', { count: 2 })],
      [load(13, 2_400_000, 'payload = bytearray(n)', { count: 2 })],
      line12Edited,
    );
    expect(deltas).toEqual([]);
  });

  it('lists an edited line that allocates more once, with the true delta, marked changed', () => {
    const deltas = compareSites(
      [load(12, 1_000, 'data = bytearray(n)')],
      [load(13, 3_000, 'payload = bytearray(n)')],
      line12Edited,
    );
    expect(deltas).toEqual([
      expect.objectContaining({
        file: 'app/load.py',
        line: 13,
        baseLine: 12,
        text: 'payload = bytearray(n)',
        sizeDelta: 2_000,
        baseSize: 1_000,
        headSize: 3_000,
        changedLine: true,
      }),
    ]);
    expect(deltas[0].silent).toBeUndefined();
  });

  it('lists the same allocation at the peak once, edited line and all', () => {
    const peakOf = (line: number, text: string) => ({
      bytes: 5_000,
      peakBytes: 5_000,
      sites: [load(line, 5_000, text)],
    });
    const [result] = compareSnapshots(
      snapshot([scenario('bench', [], { peak: peakOf(12, 'data = bytearray(n)') })]),
      snapshot([scenario('bench', [], { peak: peakOf(13, 'payload = bytearray(n)') })]),
      line12Edited,
    ).scenarios;
    expect(result.peakSites?.sites).toEqual([
      expect.objectContaining({ line: 13, baseLine: 12, baseSize: 5_000, headSize: 5_000 }),
    ]);
  });

  it('says when the two peaks came at different moments: they hold little at the same sites', () => {
    const peakOf = (sites: ReturnType<typeof load>[]) => {
      const bytes = sites.reduce((sum, s) => sum + s.size, 0);
      return { bytes, peakBytes: bytes, sites };
    };
    const compared = (base: ReturnType<typeof load>[], head: ReturnType<typeof load>[]) =>
      compareSnapshots(
        snapshot([scenario('test', [], { peak: peakOf(base) })]),
        snapshot([scenario('test', [], { peak: peakOf(head) })]),
        noChanges,
      ).scenarios[0].peakSites!;
    const table = load(2, 1_000, 'TABLE = {}');
    // Base peaks while line 6's list is alive, head (whose second list grew) while line 9's
    // is: line 6 is the same code on both sides.
    const apart = compared(
      [load(6, 14_000, 'parsed = parse(text)'), table],
      [load(9, 22_000, 'grouped = group(rows)'), load(6, 50, 'parsed = parse(text)'), table],
    );
    expect(apart.apart).toEqual({ sharedBytes: 1_050 });
    // Head peaks at the same moment, with more alive: most of base's peak is held alike.
    const together = compared(
      [load(6, 14_000, 'parsed = parse(text)'), table],
      [load(6, 14_000, 'parsed = parse(text)'), load(9, 22_000, 'grouped = group(rows)'), table],
    );
    expect(together.apart).toBeUndefined();
  });

  it('pairs the lines of a hunk by position when it replaced as many lines as it added', () => {
    // The texts do not look alike: the position in the hunk is what pairs them.
    const deltas = compareSites(
      [load(20, 800, 'head = [0] * n'), load(21, 200, 'tail = {}')],
      [load(20, 800, 'rows = list(range(n))'), load(21, 232, 'index = dict()')],
      twoLinesRewritten,
    );
    expect(deltas).toEqual([
      expect.objectContaining({ line: 21, baseLine: 21, sizeDelta: 32, changedLine: true }),
    ]);
  });

  it('does not pair an edited line with a line of another function', () => {
    const deltas = compareSites(
      [load(12, 1_000, 'data = bytearray(n)')],
      [load(13, 1_000, 'payload = bytearray(n)', { function: 'save' })],
      line12Edited,
    );
    expect(deltas.map((d) => [d.line, d.baseLine, d.sizeDelta])).toEqual([
      [null, 12, -1_000],
      [13, null, 1_000],
    ]);
  });

  it('pairs a line split over several with the added line that reads most like it', () => {
    const deltas = compareSites(
      [site('app/load.py', 40, 900, { function: 'parse', text: "parts = text.split(',')" })],
      [
        site('app/load.py', 41, 900, { function: 'parse', text: 'parts = text.split(' }),
        site('app/load.py', 42, 64, { function: 'parse', text: "',')" }),
      ],
      lineSplit,
    );
    expect(deltas).toEqual([
      expect.objectContaining({ line: 42, baseLine: null, sizeDelta: 64, changedLine: true }),
    ]);
  });

  it('prefers the closer size between added lines that read alike', () => {
    const deltas = compareSites(
      [site('app/load.py', 40, 900, { function: 'parse', text: 'x = f(a)' })],
      [
        site('app/load.py', 40, 100, { function: 'parse', text: 'x = f(b)' }),
        site('app/load.py', 42, 950, { function: 'parse', text: 'x = f(c)' }),
      ],
      lineSplit,
    );
    expect(deltas.map((d) => [d.line, d.baseLine, d.sizeDelta])).toEqual([
      [40, null, 100],
      [42, 40, 50],
    ]);
  });

  it('pairs the lines of a large rewritten hunk with the added lines near them', () => {
    // 400 lines became 401: too many sites to compare each with each.
    const removed = Array.from({ length: 400 }, (_, i) => `-v${i} = make(${i})`);
    const added = Array.from({ length: 401 }, (_, i) => `+w${i} = make(${i})`);
    const rewritten = LineMap.fromUnifiedDiff(
      `diff --git a/gen.py b/gen.py\n--- a/gen.py\n+++ b/gen.py\n@@ -1,400 +1,401 @@\n${[...removed, ...added].join('\n')}\n`,
    );
    const sites = (count: number, name: string) =>
      Array.from({ length: count }, (_, i) =>
        site('gen.py', i + 1, 1_000 + i, {
          function: '<module>',
          text: `${name}${i} = make(${i})`,
        }),
      );
    const deltas = compareSites(sites(400, 'v'), sites(401, 'w'), rewritten);
    expect(deltas.map((d) => [d.line, d.baseLine, d.sizeDelta])).toEqual([[401, null, 1_400]]);
  });

  it('does not pair lines of an uneven hunk that read nothing alike', () => {
    const deltas = compareSites(
      [site('app/load.py', 40, 900, { function: 'parse', text: "parts = text.split(',')" })],
      [site('app/load.py', 41, 900, { function: 'parse', text: 'log.debug(text)' })],
      lineSplit,
    );
    expect(deltas.map((d) => [d.line, d.baseLine])).toEqual([
      [null, 40],
      [41, null],
    ]);
  });

  it('keeps the replacing line of an edited line head allocates nothing on, with its text', () => {
    const deltas = compareSites([load(12, 4_096, 'data = bytearray(n)')], [], line12Edited);
    expect(deltas).toEqual([
      expect.objectContaining({
        line: 13,
        baseLine: 12,
        text: 'payload = bytearray(n)',
        sizeDelta: -4_096,
        headSize: 0,
        changedLine: true,
        silent: true,
      }),
    ]);
  });

  it('never shows the text of the line an edit replaced on the line that replaced it', () => {
    const blanked = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -12 +12 @@ def load(n):
-    data = bytearray(n)
+
`);
    const deltas = compareSites([load(12, 4_096, 'data = bytearray(n)')], [], blanked);
    expect(deltas).toEqual([
      expect.objectContaining({ line: 12, baseLine: 12, changedLine: true, silent: true }),
    ]);
    expect(deltas[0].text).toBeUndefined();
  });

  it('keeps the line of a site on an unchanged line that stops allocating', () => {
    // Base line 30 is head line 31 (a line was inserted above it); head has no site there.
    const deltas = compareSites(
      [load(30, 2_000, 'KEEP.append(data)', { count: 3 })],
      [],
      line12Edited,
    );
    expect(deltas).toEqual([
      {
        file: 'app/load.py',
        line: 31,
        baseLine: 30,
        function: 'load',
        text: 'KEEP.append(data)',
        sizeDelta: -2_000,
        countDelta: -3,
        baseSize: 2_000,
        headSize: 0,
        baseCount: 3,
        headCount: 0,
        changedLine: false,
        silent: true,
      },
    ]);
  });

  it('calls only a line gone from head gone', () => {
    const deltas = compareSites([load(30, 64, 'cache = {}')], [], twoLinesRewritten);
    expect(deltas).toEqual([
      expect.objectContaining({ line: null, baseLine: 30, sizeDelta: -64, changedLine: false }),
    ]);
    expect(deltas[0].silent).toBeUndefined();
  });

  it('still pairs a moved line by its text before pairing by position', () => {
    // Base lines 20 and 21 swapped places on head: each keeps its own text.
    const swapped = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -20,2 +20,2 @@ def load(n):
-    a = [0] * n
-    b = {}
+    b = {}
+    a = [0] * n
`);
    const deltas = compareSites(
      [load(20, 800, 'a = [0] * n'), load(21, 64, 'b = {}')],
      [load(20, 64, 'b = {}'), load(21, 800, 'a = [0] * n')],
      swapped,
    );
    expect(deltas).toEqual([]);
  });
});
