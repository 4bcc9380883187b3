/** Site identity across commits: base sites paired with head sites through the line map. */
import { SiteArray, type SiteList, type SnapshotSite } from '../capture/snapshot.js';
import type { Hunk, LineMap } from '../sides/line-map.js';
import type { SiteDelta } from './comparison.js';
import { pairEdits } from './edited-lines.js';
import { leakSteps, recordSpreads, siteSpread, STEADY, type ScenarioKind } from './noise.js';

/** Where a site is, as people and keys read it: `path:line` (`path:None` without a line). */
export function siteLocation(site: { file: string; line: number | null }): string {
  return `${site.file}:${site.line}`;
}

/**
 * Whether a site is the test runner's own code (pytest, pluggy, pytest-xdist): the report
 * objects and hooks of a pytest run, which no project line explains a change by.
 */
export function runnerSite(file: string): boolean {
  return /^site-packages\/(?:_pytest|pytest|pluggy|xdist)\//.test(file);
}

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
function byFileAndLine(sites: SiteList): Map<string, LinePositions> {
  const files = new Map<string, LinePositions>();
  // By the list's file key, where it has them: no string is looked up twice.
  const byKey = new Map<number, LinePositions>();
  let lines: LinePositions | undefined;
  let lastFile: string | undefined;
  const { fileKeys, lines: siteLines } = sites;
  for (let index = 0; index < sites.length; index += 1) {
    const key = fileKeys === undefined ? -1 : fileKeys[index]!;
    const known = key < 0 ? undefined : byKey.get(key);
    if (known) lines = known;
    else {
      const file = sites.fileOf(index);
      // Sites of one file often come in runs: skip the outer lookup for them.
      if (file !== lastFile) {
        lastFile = file;
        lines = files.get(file);
        if (!lines) files.set(file, (lines = new LinePositions()));
      }
      if (key >= 0) byKey.set(key, lines!);
    }
    lines!.add(siteLines[index]!, index);
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
  /** The side's leak check rose steadily: its sites' differences are the leak's steps. */
  baseLeakSteps?: boolean;
  headLeakSteps?: boolean;
}

/** A base file: its path on head, and head's sites there. */
interface Route {
  file: string;
  headPath: string | undefined;
  lines: LinePositions | undefined;
}

/** Where a base site's line is on head when head has no site there. */
interface HeadLine {
  file: string;
  line: number;
}

/** How a site's figures varied over a side's repeats; undefined without the side's kind. */
function spreadAt(
  sites: SiteList,
  position: number,
  kind: ScenarioKind | undefined,
  leakSteady = false,
) {
  if (!kind) return undefined;
  if (!sites.varies(position)) return STEADY;
  const spread = siteSpread(sites.site(position), kind, leakSteady);
  return leakSteady ? leakSteps(spread) : spread;
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
  baseSites: readonly SnapshotSite[] | SiteList,
  headSites: readonly SnapshotSite[] | SiteList,
  lineMap: LineMap,
  options: CompareSitesOptions = {},
): SiteDelta[] {
  const base = Array.isArray(baseSites) ? new SiteArray(baseSites) : (baseSites as SiteList);
  const head = Array.isArray(headSites) ? new SiteArray(headSites) : (headSites as SiteList);
  const headByLine = byFileAndLine(head);
  // Read as arrays (a snapshot's own columns): the loops below run for every site.
  const { sizes: baseSizes, counts: baseCounts, lines: baseLines, fileKeys: baseKeys } = base;
  const { sizes: headSizes, counts: headCounts, lines: headLines } = head;
  // Built on first use, file by file: only base lines the change touched need it.
  const contentIndex = new Map<string, Map<string, number[]>>();
  const headByContent = (file: string): Map<string, number[]> => {
    let index = contentIndex.get(file);
    if (index) return index;
    index = new Map();
    for (const position of headByLine.get(file)?.values() ?? []) {
      const key = contentKey(head.site(position));
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(position);
      else index.set(key, [position]);
    }
    contentIndex.set(file, index);
    return index;
  };

  // Which head sites have their base site, by position: no per-object bookkeeping.
  const matchedHead = new Uint8Array(head.length);
  const deltas: SiteDelta[] = [];
  const unmapped: number[] = [];
  const keepUnchanged = options.keepUnchanged === true;

  /**
   * Base and head sites by position (-1: none). A pair whose figures are equal is left out
   * before either site is made an object. `at`: the head line of a base site that head does
   * not allocate on.
   */
  const pair = (basePosition: number, headPosition: number, at?: HeadLine): void => {
    const baseSize = basePosition < 0 ? 0 : baseSizes[basePosition]!;
    const headSize = headPosition < 0 ? 0 : headSizes[headPosition]!;
    const baseCount = basePosition < 0 ? 0 : baseCounts[basePosition]!;
    const headCount = headPosition < 0 ? 0 : headCounts[headPosition]!;
    if (baseSize === headSize && baseCount === headCount && !keepUnchanged) return;
    // Each field is read from the lists, base's only where head has none.
    const onBase = basePosition >= 0;
    const onHead = headPosition >= 0;
    const baseFile = onBase ? base.fileOf(basePosition) : undefined;
    const file = onHead
      ? head.fileOf(headPosition)
      : (at?.file ?? lineMap.headPathOf(baseFile!) ?? baseFile!);
    const line = onHead ? headLines[headPosition]! : (at?.line ?? null);
    const changedLine = line === null ? false : lineMap.isChangedOnHead(file, line);
    const headText = onHead ? head.textOf(headPosition) : undefined;
    const delta: SiteDelta = {
      file,
      line,
      baseLine: onBase ? baseLines[basePosition]! : null,
      function:
        (onHead ? head.functionOf(headPosition) : undefined) ??
        (onBase ? base.functionOf(basePosition) : undefined),
      // An edited line reads as head has it, never as the line it replaced.
      text:
        headText ??
        (changedLine
          ? lineMap.addedText(file, line!) || undefined
          : onBase
            ? base.textOf(basePosition)
            : undefined),
      sizeDelta: headSize - baseSize,
      countDelta: headCount - baseCount,
      baseSize,
      headSize,
      baseCount,
      headCount,
      changedLine,
    };
    if (onBase && baseFile !== file) delta.baseFile = baseFile;
    if (at && !onHead) delta.silent = true;
    // Only a site whose repeats differed can be noisy.
    recordSpreads(
      delta,
      onBase ? spreadAt(base, basePosition, options.baseKind, options.baseLeakSteps) : undefined,
      onHead ? spreadAt(head, headPosition, options.headKind, options.headLeakSteps) : undefined,
    );
    deltas.push(delta);
  };

  const pairWithHead = (basePosition: number, position: number): void => {
    matchedHead[position] = 1;
    pair(basePosition, position);
  };
  // Each base file's path on head and the head sites there, found once per file key.
  const routes = new Map<number, Route>();
  const routeOf = (file: string): Route => {
    const headPath = lineMap.headPathOf(file);
    return { file, headPath, lines: headPath === undefined ? undefined : headByLine.get(headPath) };
  };
  for (let basePosition = 0; basePosition < base.length; basePosition += 1) {
    const key = baseKeys === undefined ? -1 : baseKeys[basePosition]!;
    let route = key < 0 ? undefined : routes.get(key);
    if (route === undefined) {
      route = routeOf(base.fileOf(basePosition));
      if (key >= 0) routes.set(key, route);
    }
    const headLine = lineMap.lineOnHead(route.file, baseLines[basePosition]!);
    const headPath = headLine === undefined ? undefined : route.headPath!;
    const position = headPath === undefined ? undefined : route.lines?.get(headLine!);
    if (
      position !== undefined &&
      !matchedHead[position] &&
      !keepUnchanged &&
      baseSizes[basePosition] === headSizes[position] &&
      baseCounts[basePosition] === headCounts[position]
    ) {
      // The same figures on the same line: nothing to say (most sites).
      matchedHead[position] = 1;
    } else if (headLine === undefined || (position !== undefined && matchedHead[position])) {
      unmapped.push(basePosition);
    } else if (position === undefined) {
      pair(basePosition, -1, { file: headPath!, line: headLine });
    } else {
      pairWithHead(basePosition, position);
    }
  }
  const edited = new Map<Hunk, number[]>();
  // Head sites that pairing edited lines reads, each made once.
  const madeHeadSites = new Map<number, SnapshotSite>();
  const headSite = (position: number): SnapshotSite => {
    let site = madeHeadSites.get(position);
    if (site === undefined) madeHeadSites.set(position, (site = head.site(position)));
    return site;
  };
  for (const basePosition of unmapped) {
    const file = base.fileOf(basePosition);
    const headPath = lineMap.headPathOf(file);
    const key = headPath === undefined ? undefined : contentKey(base.site(basePosition));
    const position =
      key === undefined
        ? undefined
        : headByContent(headPath!)
            .get(key)
            ?.find((candidate) => !matchedHead[candidate]);
    if (position !== undefined) {
      pairWithHead(basePosition, position);
      continue;
    }
    const hunk = lineMap.hunkOf(file, baseLines[basePosition]!);
    if (hunk === undefined || hunk.newLines === 0) {
      pair(basePosition, -1);
    } else {
      const positions = edited.get(hunk);
      if (positions) positions.push(basePosition);
      else edited.set(hunk, [basePosition]);
    }
  }
  for (const [hunk, positions] of edited) {
    const headPath = lineMap.headPathOf(base.fileOf(positions[0]!))!;
    const headLines = headByLine.get(headPath)?.map();
    const sites = positions.map((position) => base.site(position));
    const positionOf = new Map(sites.map((site, index) => [site, positions[index]!]));
    pairEdits(hunk, sites, headLines, headSite, matchedHead, (site, match) => {
      const basePosition = positionOf.get(site)!;
      if (match === undefined) pair(basePosition, -1);
      else if (typeof match === 'number') pairWithHead(basePosition, match);
      else pair(basePosition, -1, { file: headPath, line: match.line });
    });
  }
  for (let position = 0; position < head.length; position += 1) {
    if (!matchedHead[position]) pair(-1, position);
  }

  return largestFirst(deltas);
}

/**
 * The deltas by size of the change, largest first, then file (code-point order) and line. Sorted
 * on numbers: each file's rank among the files is found once, not by comparing paths each time.
 */
function largestFirst(deltas: SiteDelta[]): SiteDelta[] {
  const files = [...new Set(deltas.map((delta) => delta.file))].sort(compareText);
  const rankOf = new Map(files.map((file, rank) => [file, rank]));
  const count = deltas.length;
  const size = new Float64Array(count);
  const rank = new Uint32Array(count);
  const line = new Float64Array(count);
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) {
    const delta = deltas[index]!;
    size[index] = Math.abs(delta.sizeDelta);
    rank[index] = rankOf.get(delta.file)!;
    line[index] = delta.line ?? delta.baseLine ?? 0;
    order[index] = index;
  }
  order.sort((a, b) => size[b]! - size[a]! || rank[a]! - rank[b]! || line[a]! - line[b]! || a - b);
  return Array.from(order, (index) => deltas[index]!);
}

/** Code-point order: stable across machines and locales, and much cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
