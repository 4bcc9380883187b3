import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  MEASURES,
  measuresWhere
} from "./chunk-GIBJXR6H.js";
import {
  siteListOf
} from "./chunk-RMB2RJAV.js";

// src/compare/noise.ts
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
  return { noisy: true, range: rangeOf(compared) };
}
function coldSpread(values, colds = []) {
  if (values.length === 0) return { noisy: false };
  const warm = warmSpread(values, "test");
  if (warm.growth !== void 0) return warm;
  return coldRange(values, colds, warm.range);
}
function coldRange(values, colds, warm, agreeing = true) {
  const cold = [values[0], ...colds];
  const width = warm ? warm[1] - warm[0] : 0;
  const [low, high] = rangeOf(cold);
  const steady = agreeing && colds.length > 0 ? low === high : low === high && width === 0;
  if (steady) return { noisy: false };
  const floor = Math.min(0, ...values, ...colds);
  return { noisy: true, range: [Math.max(floor, low - width), high + width] };
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
  return counts.noisy ? { noisy: true, range: sizes.range ?? [site.size, site.size] } : sizes;
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
      false
    );
  });
  const [baseCold, headCold] = spreads;
  if (!baseCold || !headCold) return void 0;
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
  const { base, head } = noiseRanges({ ...value, base: value.base, head: value.head });
  return !liesBeyond(base, head) && !liesBeyond(head, base);
}

export {
  callsInOneProcess,
  STEADY,
  siteSpread,
  coldCallsOf,
  recordSpreads,
  isDeterministic,
  leakRoseSteadily,
  leakSteps,
  repeatSpread,
  leakSpread,
  liesBeyond,
  noiseRanges,
  withinNoise
};
