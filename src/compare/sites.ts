/** Site identity across commits: base sites paired with head sites through the line map. */
import type { SnapshotSite } from '../capture/snapshot.js';
import type { Hunk, LineMap } from '../sides/line-map.js';
import type { SiteDelta } from './comparison.js';
import { pairEdits } from './edited-lines.js';
import { recordSpreads, siteSpread, type ScenarioKind } from './noise.js';

/** Identity of a site that survives line moves: function and source text (within a file). */
function contentKey(site: SnapshotSite): string | undefined {
  if (site.text === undefined || site.text === '') return undefined;
  return `${site.function ?? ''}\u0000${site.text}`;
}

/**
 * Positions of one file's sites by line. Lines are looked up once per site of the other side:
 * where a file's lines are dense (as source lines are), an array indexed by line answers
 * without hashing; otherwise (or where a line comes twice) a Map, as the sites gave them.
 */
class LinePositions {
  /** Each site's line and position, in the order of the sites. */
  private readonly lines: number[] = [];
  private readonly positions: number[] = [];
  /** By line: position + 1, 0 where no site is. */
  private dense: Int32Array | undefined;
  private sparse: Map<number, number> | undefined;

  add(line: number, position: number): void {
    this.lines.push(line);
    this.positions.push(position);
  }

  /** After the last `add`: builds the index. */
  seal(): void {
    const { lines, positions } = this;
    let last = 0;
    let whole = true;
    for (const line of lines) {
      if (line > last) last = line;
      if (!Number.isInteger(line) || line < 0) whole = false;
    }
    // Dense enough: at most a few slots per site (and positions fit the array).
    if (whole && last <= 4 * lines.length + 1024 && positions.length < 0x7fffffff) {
      const dense = new Int32Array(last + 1);
      let twice = false;
      for (let index = 0; index < lines.length; index += 1) {
        const line = lines[index]!;
        if (dense[line] !== 0) twice = true;
        dense[line] = positions[index]! + 1;
      }
      if (!twice) {
        this.dense = dense;
        return;
      }
    }
    this.sparse = this.map();
  }

  /** The position of the site on `line`; undefined when there is none. */
  get(line: number): number | undefined {
    const { dense } = this;
    if (dense === undefined) return this.sparse!.get(line);
    const found = dense[line];
    return found ? found - 1 : undefined;
  }

  /** Every position, once per line, in the order of the sites. */
  values(): Iterable<number> {
    return this.map().values();
  }

  /** The same as a Map (what pairing edited lines works with), made on first use. */
  map(): Map<number, number> {
    if (this.sparse) return this.sparse;
    const map = new Map<number, number>();
    for (let index = 0; index < this.lines.length; index += 1)
      map.set(this.lines[index]!, this.positions[index]!);
    return (this.sparse = map);
  }
}

/** Positions in `sites` by file, then by line. */
function byFileAndLine(sites: readonly SnapshotSite[]): Map<string, LinePositions> {
  const files = new Map<string, LinePositions>();
  let lines: LinePositions | undefined;
  let lastFile: string | undefined;
  for (let index = 0; index < sites.length; index += 1) {
    const site = sites[index]!;
    // Sites of one file often come in runs: skip the outer lookup for them.
    if (site.file !== lastFile) {
      lastFile = site.file;
      lines = files.get(site.file);
      if (!lines) files.set(site.file, (lines = new LinePositions()));
    }
    lines!.add(site.line, index);
  }
  for (const lines of files.values()) lines.seal();
  return files;
}

export interface CompareSitesOptions {
  /** Keep pairs whose size and count are equal (peak and leak sites list what is there). */
  keepUnchanged?: boolean;
  /** The scenario's kind per side: noise (differences between repeats) is judged by it. */
  baseKind?: ScenarioKind;
  headKind?: ScenarioKind;
}

/** Where a base site's line is on head when head has no site there. */
interface HeadLine {
  file: string;
  line: number;
}

/**
 * Pairs base sites with head sites. Base lines go through the line map (exact for unchanged
 * lines, renames followed); a base line the change touched falls back to file + function +
 * source text, so an allocation whose code only moved is never "removed here, added there";
 * then to the line that replaced it in its hunk (see `pairEdits`), so an allocation on a line
 * edited in place is one site, marked changed. A site on an unchanged line that stops
 * allocating keeps that line (`silent`); only a line gone from head has `line: null`.
 */
export function compareSites(
  baseSites: readonly SnapshotSite[],
  headSites: readonly SnapshotSite[],
  lineMap: LineMap,
  options: CompareSitesOptions = {},
): SiteDelta[] {
  const headByLine = byFileAndLine(headSites);
  // Built on first use, file by file: only base lines the change touched need it.
  const contentIndex = new Map<string, Map<string, number[]>>();
  const headByContent = (file: string): Map<string, number[]> => {
    let index = contentIndex.get(file);
    if (index) return index;
    index = new Map();
    for (const position of headByLine.get(file)?.values() ?? []) {
      const key = contentKey(headSites[position]!);
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(position);
      else index.set(key, [position]);
    }
    contentIndex.set(file, index);
    return index;
  };

  // Which head sites have their base site, by position: no per-object bookkeeping.
  const matchedHead = new Uint8Array(headSites.length);
  const deltas: SiteDelta[] = [];
  const unmapped: SnapshotSite[] = [];

  /** `at`: the head line of a base site that head does not allocate on. */
  const pair = (
    base: SnapshotSite | undefined,
    head: SnapshotSite | undefined,
    at?: HeadLine,
  ): void => {
    const baseSize = base?.size ?? 0;
    const headSize = head?.size ?? 0;
    const baseCount = base?.count ?? 0;
    const headCount = head?.count ?? 0;
    if (baseSize === headSize && baseCount === headCount && !options.keepUnchanged) return;
    const file = head?.file ?? at?.file ?? lineMap.headPathOf(base!.file) ?? base!.file;
    const line = head?.line ?? at?.line ?? null;
    const changedLine = line === null ? false : lineMap.isChangedOnHead(file, line);
    const delta: SiteDelta = {
      file,
      line,
      baseLine: base?.line ?? null,
      function: head?.function ?? base?.function,
      // An edited line reads as head has it, never as the line it replaced.
      text: head?.text ?? (changedLine ? lineMap.addedText(file, line!) || undefined : base?.text),
      sizeDelta: headSize - baseSize,
      countDelta: headCount - baseCount,
      baseSize,
      headSize,
      baseCount,
      headCount,
      changedLine,
    };
    if (base && base.file !== file) delta.baseFile = base.file;
    if (at && !head) delta.silent = true;
    const baseSpread = base && options.baseKind ? siteSpread(base, options.baseKind) : undefined;
    const headSpread = head && options.headKind ? siteSpread(head, options.headKind) : undefined;
    recordSpreads(delta, baseSpread, headSpread);
    deltas.push(delta);
  };

  const pairWithHead = (base: SnapshotSite, position: number): void => {
    matchedHead[position] = 1;
    pair(base, headSites[position]);
  };
  for (const base of baseSites) {
    const headLine = lineMap.lineOnHead(base.file, base.line);
    const headPath = headLine === undefined ? undefined : lineMap.headPathOf(base.file)!;
    const position = headPath === undefined ? undefined : headByLine.get(headPath)?.get(headLine!);
    if (headLine === undefined || (position !== undefined && matchedHead[position])) {
      unmapped.push(base);
    } else if (position === undefined) {
      pair(base, undefined, { file: headPath!, line: headLine });
    } else {
      pairWithHead(base, position);
    }
  }
  const edited = new Map<Hunk, SnapshotSite[]>();
  for (const base of unmapped) {
    const headPath = lineMap.headPathOf(base.file);
    const key = headPath === undefined ? undefined : contentKey(base);
    const position =
      key === undefined
        ? undefined
        : headByContent(headPath!)
            .get(key)
            ?.find((candidate) => !matchedHead[candidate]);
    if (position !== undefined) {
      pairWithHead(base, position);
      continue;
    }
    const hunk = lineMap.hunkOf(base.file, base.line);
    if (hunk === undefined || hunk.newLines === 0) {
      pair(base, undefined);
    } else {
      const sites = edited.get(hunk);
      if (sites) sites.push(base);
      else edited.set(hunk, [base]);
    }
  }
  for (const [hunk, sites] of edited) {
    const headPath = lineMap.headPathOf(sites[0]!.file)!;
    const headLines = headByLine.get(headPath)?.map();
    pairEdits(hunk, sites, headLines, headSites, matchedHead, (base, match) => {
      if (match === undefined) pair(base, undefined);
      else if (typeof match === 'number') pairWithHead(base, match);
      else pair(base, undefined, { file: headPath, line: match.line });
    });
  }
  for (let position = 0; position < headSites.length; position += 1) {
    if (!matchedHead[position]) pair(undefined, headSites[position]);
  }

  return deltas.sort(
    (a, b) =>
      Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) ||
      compareText(a.file, b.file) ||
      (a.line ?? a.baseLine ?? 0) - (b.line ?? b.baseLine ?? 0),
  );
}

/** Code-point order: stable across machines and locales, and much cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
