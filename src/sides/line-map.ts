import parseDiff from 'parse-diff';

/** A hunk of `git diff --unified=0`: old lines [oldStart, oldStart+oldLines) became new ones. */
interface Hunk {
  oldStart: number;
  oldLines: number;
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
  private readonly addedLines = new Map<string, Set<number>>();

  static fromUnifiedDiff(diffText: string): LineMap {
    const map = new LineMap();
    for (const file of parseDiff(diffText)) {
      const headPath = file.deleted ? undefined : file.to;
      const basePath = file.new ? undefined : file.from;
      const hunks: Hunk[] = file.chunks
        .map((chunk) => ({
          oldStart: chunk.oldStart,
          oldLines: chunk.oldLines,
          newLines: chunk.newLines,
        }))
        .sort((a, b) => a.oldStart - b.oldStart);
      if (basePath !== undefined) map.changes.set(basePath, { headPath, hunks });
      if (headPath !== undefined) {
        const added = new Set<number>();
        for (const chunk of file.chunks) {
          for (const change of chunk.changes) if (change.type === 'add') added.add(change.ln);
        }
        map.addedLines.set(headPath, added);
      }
    }
    return map;
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

  /** The head path a base file became (itself when unchanged), undefined if deleted. */
  headPathOf(file: string): string | undefined {
    const change = this.changes.get(file);
    return change ? change.headPath : file;
  }

  /** True when the head line was added or changed by the diff ("introduced here"). */
  isChangedOnHead(file: string, line: number): boolean {
    return this.addedLines.get(file)?.has(line) ?? false;
  }
}
