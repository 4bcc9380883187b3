import { describe, expect, it } from 'vitest';
import { LineMap } from '../../src/sides/line-map.js';

const insertAbove = `diff --git a/app/cache.py b/app/cache.py
index 1111111..2222222 100644
--- a/app/cache.py
+++ b/app/cache.py
@@ -2,0 +3,5 @@ import os
+a
+b
+c
+d
+e
@@ -10 +15 @@ def put():
-    old = 1
+    new = 1
@@ -20,2 +25,0 @@ def gone():
-    x = 1
-    y = 2
`;

describe('LineMap', () => {
  const map = LineMap.fromUnifiedDiff(insertAbove);

  it('keeps lines above the first change where they were', () => {
    expect(map.toHead('app/cache.py', 1)).toEqual({ file: 'app/cache.py', line: 1 });
    expect(map.toHead('app/cache.py', 2)).toEqual({ file: 'app/cache.py', line: 2 });
  });

  it('moves lines below an insertion down by its size', () => {
    expect(map.toHead('app/cache.py', 3)).toEqual({ file: 'app/cache.py', line: 8 });
    expect(map.toHead('app/cache.py', 9)).toEqual({ file: 'app/cache.py', line: 14 });
  });

  it('has no head line for changed or deleted lines', () => {
    expect(map.toHead('app/cache.py', 10)).toBeUndefined();
    expect(map.toHead('app/cache.py', 20)).toBeUndefined();
    expect(map.toHead('app/cache.py', 21)).toBeUndefined();
  });

  it('adds up every hunk above a line', () => {
    expect(map.toHead('app/cache.py', 11)).toEqual({ file: 'app/cache.py', line: 16 });
    expect(map.toHead('app/cache.py', 22)).toEqual({ file: 'app/cache.py', line: 25 });
  });

  it('leaves files the diff does not mention alone', () => {
    expect(map.toHead('app/other.py', 42)).toEqual({ file: 'app/other.py', line: 42 });
  });

  it('marks the lines the change added', () => {
    expect(map.isChangedOnHead('app/cache.py', 3)).toBe(true);
    expect(map.isChangedOnHead('app/cache.py', 15)).toBe(true);
    expect(map.isChangedOnHead('app/cache.py', 8)).toBe(false);
  });

  it('names the hunk that changed or removed a base line, one object per hunk', () => {
    expect(map.hunkOf('app/cache.py', 10)).toEqual({
      oldStart: 10,
      oldLines: 1,
      newStart: 15,
      newLines: 1,
    });
    const removed = map.hunkOf('app/cache.py', 20);
    expect(removed).toMatchObject({ oldStart: 20, oldLines: 2, newLines: 0 });
    expect(map.hunkOf('app/cache.py', 21)).toBe(removed);
  });

  it('names no hunk for a line the diff left alone or only moved', () => {
    for (const line of [1, 2, 3, 9, 11, 19, 22]) {
      expect(map.hunkOf('app/cache.py', line), `line ${line}`).toBeUndefined();
    }
    expect(map.hunkOf('app/other.py', 10)).toBeUndefined();
  });

  it('has the text of the lines the change added, stripped, and no other', () => {
    expect(map.addedText('app/cache.py', 15)).toBe('new = 1');
    expect(map.addedText('app/cache.py', 3)).toBe('a');
    expect(map.addedText('app/cache.py', 14)).toBeUndefined();
    expect(map.addedText('app/other.py', 15)).toBeUndefined();
  });

  it('follows renames, with and without edits', () => {
    const renamed = LineMap.fromUnifiedDiff(`diff --git a/old.py b/new.py
similarity index 100%
rename from old.py
rename to new.py
diff --git a/x.py b/y.py
similarity index 83%
rename from x.py
rename to y.py
index 9405325..e9fda03 100644
--- a/x.py
+++ b/y.py
@@ -0,0 +1 @@
+z
`);
    expect(renamed.toHead('old.py', 7)).toEqual({ file: 'new.py', line: 7 });
    expect(renamed.toHead('x.py', 1)).toEqual({ file: 'y.py', line: 2 });
    expect(renamed.headPathOf('x.py')).toBe('y.py');
  });

  it('has no head line in a deleted file', () => {
    const deleted = LineMap.fromUnifiedDiff(`diff --git a/gone.py b/gone.py
deleted file mode 100644
index 1111111..0000000
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
`);
    expect(deleted.toHead('gone.py', 1)).toBeUndefined();
    expect(deleted.headPathOf('gone.py')).toBeUndefined();
    expect(deleted.hunkOf('gone.py', 1)).toBeUndefined();
  });
});
