import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  MEASURES,
  measuresWhere
} from "./chunk-NBJJRWMZ.js";
import {
  SiteArray,
  siteListOf
} from "./chunk-ZAFJCKPJ.js";

// src/compare/noise.ts
var FEWEST_VALUES = 3;
function callsInOneProcess(kind) {
  return kind === "function" || kind === "test";
}
function minimumRepeats(kind) {
  return callsInOneProcess(kind) ? 3 : 2;
}
function growthPerCall(values) {
  const calls = values.length >= 2 && values[0] <= values[1] ? values : values.slice(1);
  if (calls.length < 3) return void 0;
  for (let index = 1; index < calls.length; index += 1) {
    if (calls[index] < calls[index - 1]) return void 0;
  }
  const first = calls[0];
  const middle = calls[Math.floor((calls.length - 1) / 2)];
  const last = calls[calls.length - 1];
  if (middle <= first || last <= middle) return void 0;
  return Math.max(1, Math.round((last - first) / (calls.length - 1)));
}
function spreadOf(values, kind, colds = []) {
  return kind === "test" ? coldSpread(values, colds) : warmSpread(values, kind);
}
function warmSpread(values, kind) {
  const compared = callsInOneProcess(kind) ? values.slice(1) : values;
  const differs = compared.length >= 2 && compared.some((value) => value !== compared[0]);
  if (!differs) return { noisy: false };
  const growth = callsInOneProcess(kind) ? growthPerCall(values) : void 0;
  if (growth !== void 0) return { noisy: false, range: rangeOf(values), growth };
  return {
    noisy: true,
    range: rangeOf(compared),
    ...compared.length < FEWEST_VALUES ? { few: true } : {}
  };
}
function coldSpread(values, colds = []) {
  if (values.length === 0) return { noisy: false };
  const warm = warmSpread(values, "test");
  if (warm.growth !== void 0) return warm;
  return coldRange(values, colds, warm.range, true, warm.few);
}
function coldRange(values, colds, warm, agreeing = true, fewWarm = false) {
  const cold = [values[0], ...colds];
  const width = warm ? warm[1] - warm[0] : 0;
  const [low, high] = rangeOf(cold);
  const steady = agreeing && colds.length > 0 ? low === high : low === high && width === 0;
  if (steady) return { noisy: false };
  const floor = Math.min(0, ...values, ...colds);
  return {
    noisy: true,
    range: [Math.max(floor, low - width), high + width],
    ...fewWarm && colds.length === 0 ? { few: true } : {}
  };
}
function rangeOf(values) {
  return [Math.min(...values), Math.max(...values)];
}
var STEADY = Object.freeze({ noisy: false });
function siteSpread(site, kind, steps = false) {
  if (site.sizes === void 0 && site.counts === void 0) return STEADY;
  const of = (values) => steps ? warmSpread(values, kind) : spreadOf(values, kind);
  const sizes = of(site.sizes ?? [site.size]);
  if (sizes.noisy) return sizes;
  const counts = of(site.counts ?? [site.count]);
  if (!counts.noisy) return sizes;
  return {
    noisy: true,
    range: sizes.range ?? [site.size, site.size],
    ...counts.few ? { few: true } : {}
  };
}
function totalSpread(scenario, repeat) {
  const values = scenario.repeats.map(repeat);
  if (values.some((value) => value === void 0)) return STEADY;
  return spreadOf(values, scenario.kind, coldsOf(scenario, repeat));
}
function coldsOf(scenario, repeat) {
  const colds = (scenario.coldCalls ?? []).map(repeat);
  return colds.every((value) => value !== void 0) ? colds : [];
}
function coldCallsOf(measure, base, head, repeat) {
  if (!measure.noisy || measure.baseGrowth !== void 0 || measure.headGrowth !== void 0)
    return void 0;
  if (base?.status !== "ok" || head?.status !== "ok") return void 0;
  if (base.kind !== "function" || head.kind !== "function") return void 0;
  const spreads = [base, head].map((scenario) => {
    const values = scenario.repeats.map(repeat);
    if (values.length === 0 || values.some((value) => value === void 0)) return void 0;
    const warm = values.slice(1);
    return coldRange(
      values,
      coldsOf(scenario, repeat),
      warm.length >= 2 ? rangeOf(warm) : void 0,
      false,
      warm.length < FEWEST_VALUES
    );
  });
  const [baseCold, headCold] = spreads;
  if (!baseCold || !headCold || baseCold.few || headCold.few) return void 0;
  const cold = {};
  if (baseCold.noisy || headCold.noisy) cold.noisy = true;
  if (baseCold.range) cold.baseRange = baseCold.range;
  if (headCold.range) cold.headRange = headCold.range;
  return cold;
}
function coldCallsApart(value, up = value.head > value.base) {
  const { base, head } = value.cold.noisy ? noiseRanges({ ...value.cold, base: value.base, head: value.head }) : {
    base: value.cold.baseRange ?? [value.base, value.base],
    head: value.cold.headRange ?? [value.head, value.head]
  };
  const [low, high] = up ? [base, head] : [head, base];
  return value.cold.noisy ? liesBeyond(low, high) : high[0] > low[1];
}
function warmTotalSpread(scenario, repeat) {
  const values = scenario.repeats.map(repeat);
  if (values.some((value) => value === void 0)) return STEADY;
  return warmSpread(values, scenario.kind);
}
function recordSpreads(target, base, head) {
  if (base?.noisy || head?.noisy) target.noisy = true;
  if (base?.range) target.baseRange = base.range;
  if (head?.range) target.headRange = head.range;
  if (base?.growth !== void 0) target.baseGrowth = base.growth;
  if (head?.growth !== void 0) target.headGrowth = head.growth;
  if (base?.noisy && base.few || head?.noisy && head.few) target.fewRepeats = true;
}
var EXACT_REPEATS = measuresWhere((spec) => spec.exact).flatMap((name) => {
  const repeat = MEASURES[name].repeat;
  return repeat === void 0 ? [] : [repeat];
});
function isDeterministic(scenario) {
  if (scenario.status !== "ok") return void 0;
  if ((scenario.identicalRuns ?? 0) >= 2) return true;
  if (scenario.repeats.length < minimumRepeats(scenario.kind)) return void 0;
  return EXACT_REPEATS.every(
    (repeat) => totalSpread(scenario, repeat).range === void 0 && warmTotalSpread(scenario, repeat).range === void 0
  ) && siteListOf(scenario).withRepeats().every((site) => siteSpread(site, scenario.kind).range === void 0);
}
function leakRoseSteadily(scenario) {
  return scenario?.status === "ok" && scenario.leak?.steady === true;
}
function leakSteps(spread) {
  return spread.noisy ? { noisy: false, ...spread.range ? { range: spread.range } : {} } : spread;
}
function repeatSpread(scenario, name, repeat) {
  const spread = totalSpread(scenario, repeat);
  if (!spread.noisy || !leakRoseSteadily(scenario)) return spread;
  if (name === "retained" || name === "count") return leakSteps(spread);
  if (name !== "peak") return spread;
  const warm = scenario.repeats.slice(1);
  const width = (values) => Math.max(...values) - Math.min(...values);
  const steps = width(warm.map((totals) => totals.retainedBytes));
  return width(warm.map((totals) => totals.peakBytes)) <= steps ? leakSteps(spread) : spread;
}
function leakSpread(scenario) {
  const leak = scenario.leak;
  if (scenario.status !== "ok" || leak === void 0) return STEADY;
  const figure = Math.round(leak.bytesPerCall);
  const kept = [figure];
  const series = leak.retainedBytes;
  const increments = series.slice(1).map((value, index) => value - series[index]);
  if (leak.steady) {
    kept.push(...increments);
    const range = rangeOf(kept);
    return range[0] === range[1] ? STEADY : { noisy: false, range };
  }
  const steadyRise = increments.every((increment) => increment >= 0);
  if (!steadyRise) kept.push(...increments);
  const retained = warmTotalSpread(scenario, (totals) => totals.retainedBytes);
  if (retained.noisy && retained.range) kept.push(...retained.range);
  if (steadyRise && !retained.noisy) return STEADY;
  return { noisy: true, range: rangeOf(kept) };
}
function liesBeyond(low, high) {
  return high[0] - low[1] > low[1] - low[0] + (high[1] - high[0]);
}
function noiseRanges(value) {
  const around = (at, other) => {
    const half = other ? (other[1] - other[0]) / 2 : 0;
    return [at - half, at + half];
  };
  return {
    base: value.baseRange ?? around(value.base, value.headRange),
    head: value.headRange ?? around(value.head, value.baseRange)
  };
}
function withinNoise(value) {
  if (!value.noisy || value.base === null || value.head === null) return false;
  if (value.cold && value.head !== value.base) {
    if (coldCallsApart({ base: value.base, head: value.head, cold: value.cold })) return false;
  }
  if (value.fewRepeats) return true;
  const { base, head } = noiseRanges({ ...value, base: value.base, head: value.head });
  return !liesBeyond(base, head) && !liesBeyond(head, base);
}

// src/compare/edited-lines.ts
function characterPairs(text) {
  if (!text || text.length < 2) return new Float64Array(0);
  const pairs = new Float64Array(text.length - 1);
  for (let i = 0; i < pairs.length; i += 1) {
    pairs[i] = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
  }
  return pairs.sort();
}
function dice(a, b) {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i] < b[j]) i += 1;
    else j += 1;
  }
  return 2 * shared / (a.length + b.length);
}
var EDIT_SIMILARITY = 0.5;
var MAX_COMPARISONS = 1e5;
var WINDOW = 50;
var BEST = 4;
function lowerBound(lines, line) {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = low + high >>> 1;
    if (lines[middle] < line) low = middle + 1;
    else high = middle;
  }
  return low;
}
function sameFunction(base, head) {
  return base.function === void 0 || head.function === void 0 ? true : base.function === head.function;
}
function pairEdits(hunk, baseSites, headLines, headSite, matchedHead, done) {
  const inPlace = hunk.oldLines === hunk.newLines;
  const replacement = (base) => hunk.newStart + base.line - hunk.oldStart;
  const alone = [];
  for (const base of baseSites) {
    const position = inPlace ? headLines?.get(replacement(base)) : void 0;
    if (position !== void 0 && !matchedHead[position] && sameFunction(base, headSite(position))) {
      matchedHead[position] = 1;
      done(base, position);
    } else {
      alone.push(base);
    }
  }
  if (alone.length === 0) return;
  const matches = headLines ? textMatches(hunk, alone, headLines, headSite, matchedHead) : [];
  const paired = new Uint8Array(alone.length);
  for (const { base, head } of matches) {
    if (paired[base] || matchedHead[head]) continue;
    paired[base] = 1;
    matchedHead[head] = 1;
    done(alone[base], head);
  }
  alone.forEach((base, index) => {
    if (paired[index]) return;
    const line = inPlace ? replacement(base) : void 0;
    done(base, line !== void 0 && headLines?.get(line) === void 0 ? { line } : void 0);
  });
}
function textMatches(hunk, alone, headLines, headSite, matchedHead) {
  const candidates = [];
  const last = hunk.newStart + hunk.newLines - 1;
  if (hunk.newLines <= headLines.size) {
    for (let line = hunk.newStart; line <= last; line += 1) {
      const position = headLines.get(line);
      if (position !== void 0 && !matchedHead[position]) candidates.push(position);
    }
  } else {
    for (const [line, position] of headLines) {
      if (line >= hunk.newStart && line <= last && !matchedHead[position]) {
        candidates.push(position);
      }
    }
    candidates.sort((a, b) => headSite(a).line - headSite(b).line);
  }
  if (candidates.length === 0) return [];
  const candidateLines = candidates.map((position) => headSite(position).line);
  const candidatePairs = candidates.map((position) => characterPairs(headSite(position).text));
  const everyPair = alone.length * candidates.length <= MAX_COMPARISONS;
  const matches = [];
  alone.forEach((base, index) => {
    let from = 0;
    let to = candidates.length;
    if (!everyPair) {
      const offset = (base.line - hunk.oldStart) * hunk.newLines / hunk.oldLines;
      const expected = hunk.newStart + Math.round(offset);
      from = lowerBound(candidateLines, expected - WINDOW);
      to = lowerBound(candidateLines, expected + WINDOW + 1);
    }
    const basePairs = characterPairs(base.text);
    const own = [];
    for (let candidate = from; candidate < to; candidate += 1) {
      const position = candidates[candidate];
      const head = headSite(position);
      if (!sameFunction(base, head)) continue;
      const similarity = base.text !== void 0 && base.text === head.text ? 1 : dice(basePairs, candidatePairs[candidate]);
      if (similarity < EDIT_SIMILARITY) continue;
      own.push({
        base: index,
        head: position,
        similarity,
        sizeGap: Math.abs(head.size - base.size)
      });
    }
    if (everyPair) matches.push(...own);
    else matches.push(...own.sort(byMatch(alone, headSite)).slice(0, BEST));
  });
  return matches.sort(byMatch(alone, headSite));
}
function byMatch(alone, headSite) {
  return (a, b) => b.similarity - a.similarity || a.sizeGap - b.sizeGap || alone[a.base].line - alone[b.base].line || headSite(a.head).line - headSite(b.head).line;
}

// src/compare/sites.ts
function siteLocation(site) {
  return `${site.file}:${site.line}`;
}
function runnerSite(file) {
  return /^site-packages\/(?:_pytest|pytest|pluggy|xdist)\//.test(file);
}
function contentKey(site) {
  if (site.text === void 0 || site.text === "") return void 0;
  return `${site.function ?? ""}\0${site.text}`;
}
var LinePositions = class {
  /** Each site's line and position, in the order of the sites. */
  lines = [];
  positions = [];
  /** By line: position + 1, 0 where no site is. */
  dense;
  sparse;
  add(line, position) {
    this.lines.push(line);
    this.positions.push(position);
  }
  /** After the last `add`: builds the index. */
  seal() {
    const { lines, positions } = this;
    let last = 0;
    let whole = true;
    for (const line of lines) {
      if (line > last) last = line;
      if (!Number.isInteger(line) || line < 0) whole = false;
    }
    if (whole && last <= 4 * lines.length + 1024 && positions.length < 2147483647) {
      const dense = new Int32Array(last + 1);
      let twice = false;
      for (let index = 0; index < lines.length; index += 1) {
        const line = lines[index];
        if (dense[line] !== 0) twice = true;
        dense[line] = positions[index] + 1;
      }
      if (!twice) {
        this.dense = dense;
        return;
      }
    }
    this.sparse = this.map();
  }
  /** The position of the site on `line`; undefined when there is none. */
  get(line) {
    const { dense } = this;
    if (dense === void 0) return this.sparse.get(line);
    const found = dense[line];
    return found ? found - 1 : void 0;
  }
  /** Every position, once per line, in the order of the sites. */
  values() {
    return this.map().values();
  }
  /** The same as a Map (what pairing edited lines works with), made on first use. */
  map() {
    if (this.sparse) return this.sparse;
    const map = /* @__PURE__ */ new Map();
    for (let index = 0; index < this.lines.length; index += 1)
      map.set(this.lines[index], this.positions[index]);
    return this.sparse = map;
  }
};
function byFileAndLine(sites) {
  const files = /* @__PURE__ */ new Map();
  const byKey = /* @__PURE__ */ new Map();
  let lines;
  let lastFile;
  const { fileKeys, lines: siteLines } = sites;
  for (let index = 0; index < sites.length; index += 1) {
    const key = fileKeys === void 0 ? -1 : fileKeys[index];
    const known = key < 0 ? void 0 : byKey.get(key);
    if (known) lines = known;
    else {
      const file = sites.fileOf(index);
      if (file !== lastFile) {
        lastFile = file;
        lines = files.get(file);
        if (!lines) files.set(file, lines = new LinePositions());
      }
      if (key >= 0) byKey.set(key, lines);
    }
    lines.add(siteLines[index], index);
  }
  for (const lines2 of files.values()) lines2.seal();
  return files;
}
function spreadAt(sites, position, kind, leakSteady = false) {
  if (!kind) return void 0;
  if (!sites.varies(position)) return STEADY;
  const spread = siteSpread(sites.site(position), kind, leakSteady);
  return leakSteady ? leakSteps(spread) : spread;
}
function compareSites(baseSites, headSites, lineMap, options = {}) {
  const base = Array.isArray(baseSites) ? new SiteArray(baseSites) : baseSites;
  const head = Array.isArray(headSites) ? new SiteArray(headSites) : headSites;
  const headByLine = byFileAndLine(head);
  const { sizes: baseSizes, counts: baseCounts, lines: baseLines, fileKeys: baseKeys } = base;
  const { sizes: headSizes, counts: headCounts, lines: headLines } = head;
  const contentIndex = /* @__PURE__ */ new Map();
  const headByContent = (file) => {
    let index = contentIndex.get(file);
    if (index) return index;
    index = /* @__PURE__ */ new Map();
    for (const position of headByLine.get(file)?.values() ?? []) {
      const key = contentKey(head.site(position));
      if (key === void 0) continue;
      const list = index.get(key);
      if (list) list.push(position);
      else index.set(key, [position]);
    }
    contentIndex.set(file, index);
    return index;
  };
  const matchedHead = new Uint8Array(head.length);
  const deltas = [];
  const unmapped = [];
  const keepUnchanged = options.keepUnchanged === true;
  const pair = (basePosition, headPosition, at) => {
    const baseSize = basePosition < 0 ? 0 : baseSizes[basePosition];
    const headSize = headPosition < 0 ? 0 : headSizes[headPosition];
    const baseCount = basePosition < 0 ? 0 : baseCounts[basePosition];
    const headCount = headPosition < 0 ? 0 : headCounts[headPosition];
    if (baseSize === headSize && baseCount === headCount && !keepUnchanged) return;
    const onBase = basePosition >= 0;
    const onHead = headPosition >= 0;
    const baseFile = onBase ? base.fileOf(basePosition) : void 0;
    const file = onHead ? head.fileOf(headPosition) : at?.file ?? lineMap.headPathOf(baseFile) ?? baseFile;
    const line = onHead ? headLines[headPosition] : at?.line ?? null;
    const changedLine = line === null ? false : lineMap.isChangedOnHead(file, line);
    const headText = onHead ? head.textOf(headPosition) : void 0;
    const delta = {
      file,
      line,
      baseLine: onBase ? baseLines[basePosition] : null,
      function: (onHead ? head.functionOf(headPosition) : void 0) ?? (onBase ? base.functionOf(basePosition) : void 0),
      // An edited line reads as head has it, never as the line it replaced.
      text: headText ?? (changedLine ? lineMap.addedText(file, line) || void 0 : onBase ? base.textOf(basePosition) : void 0),
      sizeDelta: headSize - baseSize,
      countDelta: headCount - baseCount,
      baseSize,
      headSize,
      baseCount,
      headCount,
      changedLine
    };
    if (onBase && baseFile !== file) delta.baseFile = baseFile;
    if (at && !onHead) delta.silent = true;
    recordSpreads(
      delta,
      onBase ? spreadAt(base, basePosition, options.baseKind, options.baseLeakSteps) : void 0,
      onHead ? spreadAt(head, headPosition, options.headKind, options.headLeakSteps) : void 0
    );
    deltas.push(delta);
  };
  const pairWithHead = (basePosition, position) => {
    matchedHead[position] = 1;
    pair(basePosition, position);
  };
  const routes = /* @__PURE__ */ new Map();
  const routeOf = (file) => {
    const headPath = lineMap.headPathOf(file);
    return { file, headPath, lines: headPath === void 0 ? void 0 : headByLine.get(headPath) };
  };
  for (let basePosition = 0; basePosition < base.length; basePosition += 1) {
    const key = baseKeys === void 0 ? -1 : baseKeys[basePosition];
    let route = key < 0 ? void 0 : routes.get(key);
    if (route === void 0) {
      route = routeOf(base.fileOf(basePosition));
      if (key >= 0) routes.set(key, route);
    }
    const headLine = lineMap.lineOnHead(route.file, baseLines[basePosition]);
    const headPath = headLine === void 0 ? void 0 : route.headPath;
    const position = headPath === void 0 ? void 0 : route.lines?.get(headLine);
    if (position !== void 0 && !matchedHead[position] && !keepUnchanged && baseSizes[basePosition] === headSizes[position] && baseCounts[basePosition] === headCounts[position]) {
      matchedHead[position] = 1;
    } else if (headLine === void 0 || position !== void 0 && matchedHead[position]) {
      unmapped.push(basePosition);
    } else if (position === void 0) {
      pair(basePosition, -1, { file: headPath, line: headLine });
    } else {
      pairWithHead(basePosition, position);
    }
  }
  const edited = /* @__PURE__ */ new Map();
  const madeHeadSites = /* @__PURE__ */ new Map();
  const headSite = (position) => {
    let site = madeHeadSites.get(position);
    if (site === void 0) madeHeadSites.set(position, site = head.site(position));
    return site;
  };
  for (const basePosition of unmapped) {
    const file = base.fileOf(basePosition);
    const headPath = lineMap.headPathOf(file);
    const key = headPath === void 0 ? void 0 : contentKey(base.site(basePosition));
    const position = key === void 0 ? void 0 : headByContent(headPath).get(key)?.find((candidate) => !matchedHead[candidate]);
    if (position !== void 0) {
      pairWithHead(basePosition, position);
      continue;
    }
    const hunk = lineMap.hunkOf(file, baseLines[basePosition]);
    if (hunk === void 0 || hunk.newLines === 0) {
      pair(basePosition, -1);
    } else {
      const positions = edited.get(hunk);
      if (positions) positions.push(basePosition);
      else edited.set(hunk, [basePosition]);
    }
  }
  for (const [hunk, positions] of edited) {
    const headPath = lineMap.headPathOf(base.fileOf(positions[0]));
    const headLines2 = headByLine.get(headPath)?.map();
    const sites = positions.map((position) => base.site(position));
    const positionOf = new Map(sites.map((site, index) => [site, positions[index]]));
    pairEdits(hunk, sites, headLines2, headSite, matchedHead, (site, match) => {
      const basePosition = positionOf.get(site);
      if (match === void 0) pair(basePosition, -1);
      else if (typeof match === "number") pairWithHead(basePosition, match);
      else pair(basePosition, -1, { file: headPath, line: match.line });
    });
  }
  for (let position = 0; position < head.length; position += 1) {
    if (!matchedHead[position]) pair(-1, position);
  }
  return largestFirst(deltas);
}
function largestFirst(deltas) {
  const files = [...new Set(deltas.map((delta) => delta.file))].sort(compareText);
  const rankOf = new Map(files.map((file, rank2) => [file, rank2]));
  const count = deltas.length;
  const size = new Float64Array(count);
  const rank = new Uint32Array(count);
  const line = new Float64Array(count);
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) {
    const delta = deltas[index];
    size[index] = Math.abs(delta.sizeDelta);
    rank[index] = rankOf.get(delta.file);
    line[index] = delta.line ?? delta.baseLine ?? 0;
    order[index] = index;
  }
  order.sort((a, b) => size[b] - size[a] || rank[a] - rank[b] || line[a] - line[b] || a - b);
  return Array.from(order, (index) => deltas[index]);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  callsInOneProcess,
  coldCallsOf,
  recordSpreads,
  isDeterministic,
  leakRoseSteadily,
  repeatSpread,
  leakSpread,
  liesBeyond,
  noiseRanges,
  withinNoise,
  siteLocation,
  runnerSite,
  compareSites
};
