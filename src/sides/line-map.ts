import parseDiff from 'parse-diff';

/**
 * A hunk of `git diff --unified=0`: base lines [oldStart, oldStart + oldLines) became head lines
 * [newStart, newStart + newLines).
 */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

interface FileChange {
  /** Path on head; undefined when the file was deleted. */
  headPath: string | undefined;
  hunks: Hunk[];
}

/**
 * Where each base line is on head, built from `git diff -M --unified=0 base head`.
 * Files the diff does not mention are unchanged; renamed files are followed.
 */
export class LineMap {
  private readonly changes = new Map<string, FileChange>();
  /** Per head file, the lines the diff added or edited and their text (stripped). */
  private readonly addedLines = new Map<string, Map<number, string>>();
  /** Every path the diff names, on either side. */
  private readonly named = new Set<string>();
  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  private readonly renamed = new Set<string>();

  static fromUnifiedDiff(diffText: string): LineMap {
    const map = new LineMap();
    for (const file of parseDiff(diffText)) {
      const headPath = file.deleted ? undefined : file.to;
      const basePath = file.new ? undefined : file.from;
      const hunks: Hunk[] = file.chunks
        .map((chunk) => ({
          oldStart: chunk.oldStart,
          oldLines: chunk.oldLines,
          newStart: chunk.newStart,
          newLines: chunk.newLines,
        }))
        .sort((a, b) => a.oldStart - b.oldStart);
      for (const path of [basePath, headPath]) if (path !== undefined) map.named.add(path);
      if (basePath !== headPath)
        for (const path of [basePath, headPath]) if (path !== undefined) map.renamed.add(path);
      if (basePath !== undefined) map.changes.set(basePath, { headPath, hunks });
      if (headPath !== undefined) {
        const added = new Map<number, string>();
        for (const chunk of file.chunks) {
          for (const change of chunk.changes) {
            // The content starts with the diff's "+".
            if (change.type === 'add') added.set(change.ln, change.content.slice(1).trim());
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
  firstTouched(read: {
    files: Iterable<string>;
    folders: Iterable<string>;
    importFolders: Iterable<string>;
  }): string | undefined {
    for (const file of read.files) if (this.named.has(file)) return file;
    const listed = new Set(read.folders);
    const searched = new Set(read.importFolders);
    const parentOf = (path: string) => {
      const slash = path.lastIndexOf('/');
      return slash < 0 ? '.' : path.slice(0, slash);
    };
    for (const path of this.renamed) {
      const folder = parentOf(path);
      if (listed.has(folder)) return `${path} (a folder the benchmark listed)`;
      const module = /\.(py|pyc|pyd|so|pth)$/.test(path) && searched.has(folder);
      const isPackage = path.endsWith('/__init__.py') && searched.has(parentOf(folder));
      if (module || isPackage) return `${path} (importable)`;
    }
    return undefined;
  }

  /** Every path the diff names, on either side. */
  paths(): string[] {
    return [...this.named];
  }

  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  onOneSide(): string[] {
    return [...this.renamed];
  }

  /** The head position of a base line; undefined when the line was changed or removed. */
  toHead(file: string, line: number): { file: string; line: number } | undefined {
    const headLine = this.lineOnHead(file, line);
    return headLine === undefined ? undefined : { file: this.headPathOf(file)!, line: headLine };
  }

  /**
   * The line a base line became in `headPathOf(file)`; undefined when it was changed or
   * removed. What `toHead` says, without making an object (it runs for every site).
   */
  lineOnHead(file: string, line: number): number | undefined {
    const change = this.changes.get(file);
    if (!change) return line;
    if (change.headPath === undefined) return undefined;
    let shift = 0;
    for (const hunk of change.hunks) {
      if (hunk.oldLines === 0) {
        // A pure insertion after line `oldStart`: everything below moves down.
        if (hunk.oldStart < line) shift += hunk.newLines;
        continue;
      }
      const lastOld = hunk.oldStart + hunk.oldLines - 1;
      if (line < hunk.oldStart) break;
      if (line <= lastOld) return undefined;
      shift += hunk.newLines - hunk.oldLines;
    }
    return line + shift;
  }

  /**
   * The hunk that changed or removed a base line (the same object for every line of it), so its
   * replacement can be looked for among the head lines the hunk added; undefined for a line the
   * diff left alone and for a line of a deleted file.
   */
  hunkOf(file: string, line: number): Hunk | undefined {
    const change = this.changes.get(file);
    if (!change || change.headPath === undefined) return undefined;
    for (const hunk of change.hunks) {
      if (line < hunk.oldStart) break;
      if (line < hunk.oldStart + hunk.oldLines) return hunk;
    }
    return undefined;
  }

  /** The head path a base file became (itself when unchanged), undefined if deleted. */
  headPathOf(file: string): string | undefined {
    const change = this.changes.get(file);
    return change ? change.headPath : file;
  }

  /** True when the head line was added or changed by the diff ("introduced here"). */
  isChangedOnHead(file: string, line: number): boolean {
    return this.addedLines.get(file)?.has(line) ?? false;
  }

  /** The text (stripped) of a head line the diff added or edited; undefined for other lines. */
  addedText(file: string, line: number): string | undefined {
    return this.addedLines.get(file)?.get(line);
  }
}
