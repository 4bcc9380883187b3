import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  budgetsOfScenario,
  isNoChange,
  listedChanges,
  scenarioAgrees
} from "./chunk-VKRW2TR5.js";
import {
  runnerSite,
  siteLocation,
  withinNoise
} from "./chunk-YHTJ2NQ3.js";
import {
  failedBefore,
  levelOf,
  overBefore,
  verdictCauses
} from "./chunk-CK6PWIRF.js";
import {
  formatBytes,
  formatBytesDelta,
  formatCountDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-I74BVKXL.js";
import {
  MEASURES,
  measureOf,
  measuresWhere,
  parseSize,
  sizeUnitsOf
} from "./chunk-NBJJRWMZ.js";
import {
  LRU_CACHE
} from "./chunk-ZAFJCKPJ.js";

// src/report/failure.ts
function sameFailure(a, b) {
  return a.type === b.type && a.message === b.message;
}
function bothFailed(scenario) {
  return scenario.status === "failed" && scenario.baseError !== void 0;
}
function shownMeasure(scenario, measure) {
  const sides = failedSides(scenario);
  if (sides === void 0) return measure;
  return {
    ...measure,
    base: sides.includes("base") ? null : measure.base,
    head: sides.includes("head") ? null : measure.head,
    delta: null,
    noisy: false
  };
}
function failedSides(scenario) {
  if (scenario.status !== "failed") return void 0;
  return bothFailed(scenario) ? "base and head" : scenario.error?.side ?? "head";
}
function failuresOf(scenario) {
  const { error, baseError } = scenario;
  if (!error) return [];
  if (!baseError) return [{ sides: error.side, error }];
  if (sameFailure(error, baseError)) return [{ sides: "base and head", error }];
  return [
    { sides: "head", error },
    { sides: "base", error: baseError }
  ];
}
function setupFailure(scenario) {
  const failures = failuresOf(scenario);
  if (failures.length !== 1) return void 0;
  const [{ sides, error }] = failures;
  const setup = error.type === "SetupFailed" || error.type === "TimedOut" && error.message.startsWith("setup ");
  return setup ? { sides, message: error.message } : void 0;
}
function raisedText(scenario, code) {
  const failures = failuresOf(scenario);
  const type = (failure) => code(failure.error.type || "an error");
  if (failures.length === 2) {
    return `${type(failures[0])} on head and ${type(failures[1])} on base`;
  }
  const [only] = failures;
  if (!only) return code("an error");
  return only.sides === "base and head" ? `${type(only)} on both sides` : type(only);
}
function lines(text) {
  const trimmed = text?.trimEnd() ?? "";
  return trimmed === "" ? [] : trimmed.split("\n");
}
function failureText(error) {
  const output = lines(error.output);
  const traceback = lines(error.traceback);
  if (traceback.length === 0) return output.join("\n");
  const lastLine = traceback[traceback.length - 1];
  const end = output.lastIndexOf(lastLine);
  if (end < 0) return [...traceback, ...output].join("\n");
  let matched = 1;
  while (matched < traceback.length && end - matched >= 0 && output[end - matched] === traceback[traceback.length - 1 - matched]) {
    matched += 1;
  }
  return [...output.slice(0, end + 1 - matched), ...traceback, ...output.slice(end + 1)].join("\n");
}
function failedBeforeText(scenarios, code) {
  const failing = scenarios.filter(failedBefore);
  if (failing.length === 0) return void 0;
  const [first] = failing;
  const more = failing.length - 1;
  const who = more > 0 ? `${code(first.name)} and ${more} more` : code(first.name);
  const they = failing.length === 1 ? "it" : "them";
  return `${who} failed on base too (${more > 0 ? "the first " : ""}raised ${raisedText(first, code)}), so this pull request did not cause ${they}; ${they === "it" ? "it is" : "they are"} not measured`;
}
function pytestExcerpt(scenario, error) {
  if (scenario.kind !== "test") return void 0;
  const output = lines(error.output);
  const explained = output.filter((line) => /^E(\s|$)/.test(line));
  if (explained.length === 0) return void 0;
  const excerpt = [];
  const file = scenario.name.split("::")[0];
  const frames = lines(error.traceback).filter(
    (line) => line.trimStart().startsWith('File "') && line.includes(`/${file}", line `)
  );
  const frame = frames.at(-1)?.match(/, line (\d+)(?:, in (.*))?$/);
  if (frame) excerpt.push(`${file}:${frame[1]}${frame[2] ? ` (in ${frame[2]})` : ""}`);
  excerpt.push(...explained);
  const last = output.lastIndexOf(explained[explained.length - 1]);
  const raisedAt = output.slice(last + 1).find((line) => /^\S[^:]*:\d+:/.test(line));
  if (raisedAt) excerpt.push(raisedAt);
  return excerpt.join("\n");
}
function failureDetail(scenario, error) {
  return pytestExcerpt(scenario, error) ?? failureText(error);
}
function notRunText(scenario) {
  const { notRun, error } = scenario;
  if (!notRun || !error) return void 0;
  const failed = error.side;
  const other = failed === "head" ? "base" : "head";
  const one = notRun.tests === 1;
  return `${notRun.tests} test${one ? "" : "s"} not run on ${failed}, as it failed as a whole: ${other} measured ${one ? "it" : "them"}, and nothing is compared`;
}

// src/compare/retention.ts
function retentionTargets(scenarios, most) {
  if (most <= 0) return [];
  const wanted = /* @__PURE__ */ new Set();
  for (const scenario of scenarios) {
    for (const site of grownSites(scenario, most)) wanted.add(siteLocation(site));
  }
  return [...wanted].sort();
}
function retentionScenarios(scenarios, most) {
  if (most <= 0) return [];
  return scenarios.filter((scenario) => grownSites(scenario, most).length > 0).map((scenario) => scenario.name).sort();
}
function grownSites(scenario, most) {
  if (scenario.status !== "ok" || (scenario.retained.delta ?? 0) <= 0) return [];
  return scenario.sites.filter((site) => site.line !== null && site.sizeDelta > 0).sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file)).slice(0, most);
}
var MAX_FINDINGS = 20;
function retentionFindings(head, sites, lineMap) {
  const retention = head?.retention;
  if (!retention || retention.sites.length === 0) return void 0;
  const changed = (location) => lineMap.isChangedOnHead(location.file, location.line);
  const findings = [];
  for (const site of retention.sites) {
    for (const path of site.paths) {
      const culprit = (site.storage === "found" || site.storage === "held") && changed(site) ? { ...locationOf(site), evidence: "grown", type: path.holderType } : culpritOf(path, site, sites, changed);
      findings.push({
        site: locationOf(site),
        kind: path.kind,
        root: path.root,
        holder: path.holder,
        holderType: path.holderType,
        name: path.name,
        path: path.path,
        bytes: path.bytes,
        count: path.count,
        sampled: path.sampled,
        sampledOf: site.sampled,
        objects: site.objects,
        ...site.storage ? { storage: site.storage } : {},
        ...path.items !== void 0 ? { items: path.items } : {},
        ...culprit ? { culprit } : {},
        ...path.cycle ? { cycle: path.cycle } : {},
        via: path.via.map(locationWithType)
      });
    }
  }
  findings.sort(
    (a, b) => b.bytes - a.bytes || a.holder.localeCompare(b.holder) || a.site.file.localeCompare(b.site.file) || a.site.line - b.site.line
  );
  return findings.slice(0, MAX_FINDINGS);
}
function locationOf(location) {
  return {
    file: location.file,
    line: location.line,
    ...location.text !== void 0 ? { text: location.text } : {},
    ...location.function !== void 0 ? { function: location.function } : {}
  };
}
function locationWithType(step) {
  return { ...locationOf(step), type: step.type };
}
function isOwnGlobal(path) {
  return (path.kind === "module global" || path.kind === "class attribute") && path.name !== "" && path.path === `${path.holder}.${path.name}`;
}
function spells(text, name) {
  if (!text || !name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text);
}
function culpritOf(path, site, sites, changed) {
  if (path.kind === "not found") return void 0;
  if (path.kind === "unreachable") {
    const made2 = path.via.find((step) => changed(step));
    if (made2) return { ...locationOf(made2), evidence: "stored", type: made2.type };
    return changed(site) ? { ...locationOf(site), evidence: "stored", type: path.holderType } : void 0;
  }
  if (isOwnGlobal(path))
    return changed(site) ? { ...locationOf(site), evidence: "stored" } : void 0;
  const holderAt = path.via.findIndex((step) => step.type === path.holderType);
  const container = holderAt >= 0 ? path.via[holderAt] : void 0;
  const made = path.via.slice(holderAt + 1).reverse().filter((step) => changed(step));
  const stored = made.find((step) => spells(step.text, path.name));
  if (stored) return { ...locationOf(stored), evidence: "stored", type: stored.type };
  const named = sites.filter(
    (delta) => delta.changedLine && delta.line !== null && delta.sizeDelta > 0 && spells(delta.text, path.name)
  ).sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file))[0];
  if (named) return { ...locationOf({ ...named, line: named.line }), evidence: "named" };
  const cache = path.via.find((step) => step.type === LRU_CACHE && changed(step));
  if (cache) return { ...locationOf(cache), evidence: "stored", type: LRU_CACHE };
  if (made[0]) return { ...locationOf(made[0]), evidence: "made", type: made[0].type };
  if (container && changed(container))
    return { ...locationOf(container), evidence: "stored", type: container.type };
  return void 0;
}

// src/report/escape.ts
var ZERO_WIDTH_SPACE = "\u200B";
var ALWAYS = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "`": "&#96;",
  "\\": "&#92;",
  "|": "&#124;",
  $: "&#36;"
};
var PUNCTUATION = /[\p{P}\p{S}]/u;
var SPACE = /\s/u;
var EDGES = [" ", ">"];
function isDelimiter(run, before, after) {
  for (const b of before === void 0 ? EDGES : [before]) {
    for (const a of after === void 0 ? EDGES : [after]) {
      const left = !SPACE.test(a) && (!PUNCTUATION.test(a) || SPACE.test(b) || PUNCTUATION.test(b));
      const right = !SPACE.test(b) && (!PUNCTUATION.test(b) || SPACE.test(a) || PUNCTUATION.test(a));
      if (run[0] === "_") {
        if (right && (!left || PUNCTUATION.test(a))) return true;
      } else if (left || right) {
        return true;
      }
    }
  }
  return false;
}
function escapeSyntax(text, brackets) {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === "*" || ch === "_" || ch === "~") {
      let end = i;
      while (text[end] === ch) end++;
      const run = text.slice(i, end);
      const escape = isDelimiter(run, i > 0 ? text[i - 1] : void 0, text[end]);
      out += escape ? `&#${ch.charCodeAt(0)};`.repeat(run.length) : run;
      i = end;
      continue;
    }
    if (ALWAYS[ch] !== void 0) {
      out += ALWAYS[ch];
    } else if (ch === "[" && brackets === "all") {
      out += "&#91;";
    } else if (ch === "]" && (brackets === "all" || i + 1 === text.length || text[i + 1] === "(")) {
      out += "&#93;";
    } else {
      out += ch;
    }
    i++;
  }
  return out;
}
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
var INVISIBLE = /[\p{Cf}\u0080-\u009f\u2028\u2029]/gu;
function revealInvisible(text) {
  return text.replace(
    INVISIBLE,
    (ch) => `<U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}>`
  );
}
function defuse(text, brackets = "links") {
  return escapeSyntax(
    // Before the Markdown escapes: the `<` and `>` of `<U+…>` are escaped with the rest.
    revealInvisible(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD"),
    brackets
  ).replace(/@/g, `@${ZERO_WIDTH_SPACE}`).replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`).replace(/(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`);
}
function escapeText(text, maxLength = 300, brackets = "links") {
  const start = text.length > 2 * maxLength + 2 ? text.slice(0, 2 * maxLength + 2) : text;
  const oneLine = start.replace(/\r?\n|\r/g, " ");
  const cut = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}\u2026` : oneLine;
  return defuse(cut, brackets);
}
function escapeCode(text, maxLength = 120) {
  return `<code>${escapeText(text, maxLength)}</code>`;
}
function escapeCodeLabel(text, maxLength = 120) {
  return `<code>${escapeText(text, maxLength, "all")}</code>`;
}
function escapeBlock(text, maxLines = 30) {
  let start = text.length;
  for (let found = 0; found <= maxLines && start > 0; found++) {
    start = text.lastIndexOf("\n", start - 1);
  }
  const tail = start > 0 ? text.slice(start + 1) : text;
  const lines2 = tail.replace(/\r\n?/g, "\n").split("\n");
  const kept = lines2.length > maxLines || tail !== text ? ["\u2026", ...lines2.slice(-maxLines)] : lines2;
  return `<pre>${kept.map((line) => defuse(line.slice(0, 500))).join("\n")}</pre>`;
}
function repositoryPath(path) {
  if (path.startsWith("/")) return void 0;
  const kept = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (kept.length === 0) return void 0;
      kept.pop();
    } else {
      kept.push(segment);
    }
  }
  return kept.length > 0 ? kept.join("/") : void 0;
}
function encodePath(path) {
  return path.replace(LONE_SURROGATE, "\uFFFD").split("/").map(
    (segment) => encodeURIComponent(segment).replace(
      /[()*!'~]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
    )
  ).join("/");
}
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
function visibleText(text) {
  return revealInvisible(text).replace(CONTROL, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}
function escapeHtml(text) {
  return visibleText(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
function jsonForScript(value) {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}

// src/report/retention.ts
var RETENTION_SHOWN = 3;
var plainCode = (text) => `\`${text}\``;
var markdownCode = (text) => escapeCode(text, 200);
function sameHolder(scenario, finding) {
  if (!finding.holder || finding.kind === "not found" || finding.kind === "unreachable")
    return [finding];
  return (scenario.retention ?? []).filter(
    (other) => other.kind === finding.kind && other.root === finding.root && other.holder === finding.holder
  );
}
function leadingRetention(report) {
  const [first] = verdictCauses(report, report.budgets ?? []);
  if (first?.kind === "budget-failed" || first?.kind === "budget-warned")
    return mostHeld(report.scenarios.filter((s) => s.name === first.budget.scenario));
  return mostHeld(report.scenarios);
}
function mostHeld(scenarios) {
  let best;
  for (const scenario of scenarios) {
    for (const finding of scenario.retention ?? []) {
      if (!finding.culprit) continue;
      const kept = growthHeld(scenario, sameHolder(scenario, finding));
      if (!best || kept > best.kept || kept === best.kept && finding.bytes > best.finding.bytes)
        best = { scenario, finding, kept };
    }
  }
  return best && { scenario: best.scenario, finding: best.finding };
}
function growthHeld(scenario, findings) {
  const grown = /* @__PURE__ */ new Map();
  for (const site of scenario.sites)
    if (site.line !== null) grown.set(siteLocation(site), site.sizeDelta);
  const bySite = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const site = siteLocation(finding.site);
    bySite.set(site, (bySite.get(site) ?? 0) + finding.bytes);
  }
  let held = 0;
  for (const [site, bytes] of bySite) {
    const delta = grown.get(site) ?? 0;
    if (delta > 0) held += Math.min(bytes, delta);
  }
  return Math.max(0, Math.min(held, scenario.retained.delta ?? 0));
}
function whereHeld(scenario, same) {
  const walked = new Set((scenario.retention ?? []).map((finding) => siteLocation(finding.site)));
  const grew = new Set(
    scenario.sites.filter((site) => site.line !== null && site.sizeDelta > 0).map(siteLocation)
  );
  const count2 = new Set(same.map((finding) => siteLocation(finding.site))).size;
  if ([...grew].every((site) => walked.has(site))) return `at ${groupDigits(count2)} sites`;
  const of = ` (of ${groupDigits((/* @__PURE__ */ new Set([...grew, ...walked])).size)} that grew)`;
  return count2 === walked.size ? `at the ${groupDigits(count2)} sites walked${of}` : `at ${groupDigits(count2)} of the ${groupDigits(walked.size)} sites walked${of}`;
}
function leadSentence(found, code = plainCode) {
  const same = sameHolder(found.scenario, found.finding);
  const sentence = retentionSentence(
    found.finding,
    code,
    growthHeld(found.scenario, [found.finding])
  );
  if (same.length < 2) return sentence;
  const kept = growthHeld(found.scenario, same);
  if (kept <= 0) return sentence;
  return `${code(found.finding.holder)} keeps ${formatBytes(kept)} of the grown memory alive, ${whereHeld(found.scenario, same)}; the most: ${sentence}`;
}
function heldContainers(finding) {
  return finding.storage === "held";
}
function containersText(finding, code) {
  const items = finding.items ?? 0;
  const itemsText = `${groupDigits(items)} item${items === 1 ? "" : "s"}`;
  return finding.sampled > 1 ? `${groupDigits(finding.sampled)} ${code(finding.holderType)}s, ${itemsText}` : `${code(finding.holderType)} of ${itemsText}`;
}
function containerText(finding, code) {
  if (finding.kind === "return value") return ["the measured call's return value", ""];
  const root = finding.kind === "module global" || finding.kind === "benchmark global" || finding.holder === finding.root ? "" : `, from ${finding.kind} ${code(finding.root)}`;
  return [code(finding.holder), root];
}
function storageNotFound(finding, code = plainCode) {
  if (finding.storage === "untraced") {
    const count2 = finding.items ?? 0;
    return `not searched: this Python gives no allocation line for instances of plain classes (before 3.12), and its blocks have the size of the ${groupDigits(count2)} live ${code(finding.holderType)} instance${count2 === 1 ? "" : "s"}, which may be its objects`;
  }
  if (finding.storage === "none")
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size";
  if (finding.storage === "several")
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and several containers a root reaches have storage of its size, none of them named by the line";
  return void 0;
}
function holderText(finding, code = plainCode) {
  if (finding.storage === "found" || finding.storage === "held") {
    const [container, root] = containerText(finding, code);
    if (heldContainers(finding))
      return `${container} (the item storage of the ${code(finding.holderType)}s it holds${root})`;
    return `${container} (its item storage: ${containersText(finding, code)}${root})`;
  }
  const notFound = storageNotFound(finding, code);
  if (notFound) return notFound;
  switch (finding.kind) {
    case "unreachable": {
      const types = (finding.cycle ?? []).slice(0, 4).map((entry) => code(entry.type));
      return types.length > 0 ? `an unreachable reference cycle (${types.join(", ")}) that only the collector frees, and it was off (${code("gc.disable()")})` : "nothing a Python object holds (C code, or a cycle the collector did not free)";
    }
    case "gc.garbage":
      return `${code("gc.garbage")} (unreachable reference cycles the collector saved: ${code(finding.holderType)})`;
    case "not found":
      return "a chain longer than the walk follows";
    case "return value":
      return `the measured call's return value (${code(finding.path)})`;
    case "fixture": {
      const scoped = /^(.*) \(([a-z]+)\)$/.exec(finding.root);
      const name = scoped ? scoped[1] : finding.root;
      const fixture = `fixture ${code(name)}${scoped ? ` (${scoped[2]})` : ""}`;
      return finding.holder === name ? `the ${fixture} (${code(finding.holderType)})` : `${code(finding.holder)} (${code(finding.holderType)}, from the ${fixture})`;
    }
    default: {
      if (isOwnGlobal(finding))
        return finding.kind === "module global" ? `the module ${code(finding.holder)}, as its global ${code(finding.name)}` : `the class ${code(finding.holder)}, as its attribute ${code(finding.name)}`;
      const from = finding.kind === "module global" || finding.kind === "benchmark global" || finding.holder === finding.root ? "" : `, from ${finding.kind} ${code(finding.root)}`;
      return finding.holderType === LRU_CACHE ? `the cache of ${code(finding.holder)} (${code(LRU_CACHE)}${from})` : `${code(finding.holder)} (${code(finding.holderType)}${from})${asKeys(finding)}`;
    }
  }
}
function asKeys(finding) {
  const { path } = finding;
  if (!path.endsWith("[key]") || path.slice(0, -"[key]".length).includes("[")) return "";
  return path.endsWith(".__dict__[key]") ? ", as the names of its attributes" : ", as its keys";
}
function storedByC(finding, code) {
  if (finding.culprit || finding.holderType !== LRU_CACHE) return void 0;
  return `no Python line stored them: ${code(LRU_CACHE)} did, on each new call of ${code(finding.holder)}`;
}
function cacheMade(finding) {
  return finding.culprit?.evidence === "stored" && finding.culprit.type === LRU_CACHE;
}
function madeText(culprit, code) {
  const what = culprit.type ? `the ${code(culprit.type)} it holds` : "an object it holds";
  return `${what} was made at ${code(siteLocation(culprit))}, a line this change made, but no line this change made was found storing it there`;
}
var GREW_CLOSE = 0.9;
function retentionSentence(finding, code = plainCode, grew) {
  const site = code(siteLocation(finding.site)) + (grew === void 0 || grew >= finding.bytes * GREW_CLOSE ? "" : grew > 0 ? ` (of which ${formatBytes(grew)} grew)` : " (none of it grew)");
  if (finding.storage === "found" || finding.storage === "held") {
    const own = finding.culprit?.evidence === "grown" ? ", a line this change made" : finding.culprit?.evidence === "made" ? `; ${madeText(finding.culprit, code)}` : finding.culprit && cacheMade(finding) ? `; the ${code(LRU_CACHE)} that holds it was made at ${code(siteLocation(finding.culprit))}, a line this change made` : finding.culprit ? `; filled at ${code(siteLocation(finding.culprit))}, a line this change made` : "";
    const [container, root] = containerText(finding, code);
    if (heldContainers(finding))
      return `${formatBytes(finding.bytes)} at ${site} is the item storage of the ${code(finding.holderType)}s that ${container} holds (${code(finding.path)}${root}), grown by this line${own}`;
    return `${formatBytes(finding.bytes)} at ${site} ${finding.sampled > 1 ? "are" : "is"} the item storage of ${container} (${containersText(finding, code)}${root}), grown by this line${own}`;
  }
  const notFound = storageNotFound(finding, code);
  if (notFound) return `${formatBytes(finding.bytes)} at ${site}: ${notFound}`;
  const objects = finding.sampledOf > 0 ? Math.round(finding.objects * finding.sampled / finding.sampledOf) : finding.objects;
  const how = finding.kind === "unreachable" ? `made (a ${code(finding.culprit?.type ?? "?")} of the cycle)` : cacheMade(finding) ? "made" : isOwnGlobal(finding) ? "made and bound" : finding.culprit?.evidence === "stored" && finding.culprit.type ? `filled (a ${code(finding.culprit.type)} stored)` : "filled";
  const byC = storedByC(finding, code);
  const culprit = finding.culprit?.evidence === "made" ? `; ${madeText(finding.culprit, code)}` : finding.culprit ? `, ${how} at ${code(siteLocation(finding.culprit))}, a line this change made` + (cacheMade(finding) ? `, and filled on each new call of ${code(finding.holder)}` : "") : byC ? `; ${byC}` : "";
  return `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? "" : "s"} from ${site} ${objects === 1 ? "is" : "are"} kept alive by ${holderText(finding, code)}${culprit}`;
}
function holderCell(finding) {
  if (finding.storage === "none") return "not found: no container of its storage\u2019s size";
  if (finding.storage === "several")
    return "not found: several containers of its storage\u2019s size, none named by the line";
  if (finding.storage === "untraced")
    return `not searched: maybe ${markdownCode(finding.holderType)} instances, which this Python traces no line for`;
  return holderText(finding, markdownCode);
}
var NOT_FOUND_NOTE = "<sub>Not found: the line allocated no object of its own (most often it grows a container's item storage); the containers a root reaches were looked for by the size of its blocks.</sub>";
function row(finding) {
  const culprit = finding.culprit ? `${escapeCode(siteLocation(finding.culprit), 200)} \u270F\uFE0F${finding.culprit.evidence === "made" ? " (made what it holds)" : ""}` : finding.holderType === LRU_CACHE ? `no Python line (${markdownCode(LRU_CACHE)} stored them)` : "\u2014";
  return `| ${holderCell(finding)} | ${escapeCode(siteLocation(finding.site), 200)} | ${formatBytes(finding.bytes)} | ${culprit} |`;
}
function pathItem(finding) {
  const evidence = finding.culprit?.evidence;
  const verb = evidence === "grown" ? "grown" : evidence === "made" ? "what it holds made" : cacheMade(finding) ? "made" : "filled";
  const culprit = finding.culprit?.text ? ` (${verb} by ${escapeCode(finding.culprit.text, 80)})` : "";
  return `- ${escapeCode(siteLocation(finding.site), 200)}: ${escapeCode(finding.path, 200)}${culprit}`;
}
function keptAliveSection(scenario, labelled, said) {
  const findings = scenario.retention ?? [];
  if (findings.length === 0) return [];
  const lead = findings.find((finding) => finding.culprit) ?? findings[0];
  const head = [
    "| Kept alive by | Objects from | Retained | Filled at |",
    "| --- | --- | ---: | --- |"
  ];
  const title = `**\u{1F517} Kept alive by**${labelled ? ` (${escapeCode(scenario.name)})` : ""}`;
  const lines2 = [
    "",
    lead === said ? `${title}: what holds the grown memory, and the line that filled it.` : `${title}: ${leadSentence({ scenario, finding: lead }, markdownCode)}.`,
    "",
    ...head,
    ...findings.slice(0, RETENTION_SHOWN).map(row)
  ];
  const rest = findings.slice(RETENTION_SHOWN);
  if (rest.length > 0)
    lines2.push(
      "",
      `<details><summary>${groupDigits(rest.length)} more retention path${rest.length === 1 ? "" : "s"}</summary>`,
      "",
      ...head,
      ...rest.map(row),
      "",
      "</details>"
    );
  if (findings.some((finding) => finding.storage === "none" || finding.storage === "several"))
    lines2.push("", NOT_FOUND_NOTE);
  const withPath = findings.filter((finding) => finding.path !== "");
  if (withPath.length > 0)
    lines2.push(
      "",
      "<details><summary>Reference paths, from the root to the objects</summary>",
      "",
      ...withPath.map(pathItem),
      "",
      "</details>"
    );
  return lines2;
}
function culpritGroups(scenario) {
  const findings = scenario.retention ?? [];
  const groups = /* @__PURE__ */ new Map();
  const byCulprit = /* @__PURE__ */ new Map();
  const held = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!finding.culprit) continue;
    const key = siteLocation(finding.culprit);
    const group = groups.get(key) ?? { culprit: finding.culprit, bytes: 0, kept: [] };
    groups.set(key, group);
    byCulprit.set(key, [...byCulprit.get(key) ?? [], finding]);
    const site = siteLocation(finding.site);
    if (site === key) continue;
    const bySite = held.get(site) ?? /* @__PURE__ */ new Map();
    bySite.set(key, (bySite.get(key) ?? 0) + finding.bytes);
    held.set(site, bySite);
  }
  const keptBytes = /* @__PURE__ */ new Map();
  for (const [site, byCulprit2] of held) {
    const [culprit, bytes] = [...byCulprit2].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
    )[0];
    groups.get(culprit).kept.push(site);
    keptBytes.set(site, bytes);
  }
  for (const [key, group] of groups) group.bytes = growthHeld(scenario, byCulprit.get(key));
  const list = [...groups.values()];
  for (const group of list)
    group.kept.sort((a, b) => keptBytes.get(b) - keptBytes.get(a) || (a < b ? -1 : 1));
  return list.sort(
    (a, b) => b.bytes - a.bytes || (siteLocation(a.culprit) < siteLocation(b.culprit) ? -1 : 1)
  );
}
function culpritOrder(sites, groups) {
  const roles = /* @__PURE__ */ new Map();
  if (groups.length === 0) return { sites: [...sites], roles };
  const byKey = /* @__PURE__ */ new Map();
  for (const site of sites) if (site.line !== null) byKey.set(siteLocation(site), site);
  const ordered = [];
  const placed = /* @__PURE__ */ new Set();
  for (const group of groups) {
    const own = byKey.get(siteLocation(group.culprit));
    if (own && !placed.has(own)) {
      ordered.push(own);
      placed.add(own);
      roles.set(own, { role: "culprit", group });
    }
    for (const key of group.kept) {
      const site = byKey.get(key);
      if (!site || placed.has(site)) continue;
      ordered.push(site);
      placed.add(site);
      roles.set(site, { role: "kept", group, under: own !== void 0 });
    }
  }
  for (const site of sites) if (!placed.has(site)) ordered.push(site);
  return { sites: ordered, roles };
}
function openSites(sites, groups, top) {
  const grew = (site) => site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0;
  const { sites: grown, roles } = culpritOrder(sites.filter(grew), groups);
  const shrunk = sites.filter((site) => !grew(site));
  const open = /* @__PURE__ */ new Set([...grown.slice(0, top), ...shrunk.slice(0, top)]);
  const shown = shrunk.slice(0, top);
  const folded2 = grown.slice(top).map((site, index) => ({ site, index })).sort(
    (a, b) => Number(b.site.changedLine) - Number(a.site.changedLine) || b.site.sizeDelta - a.site.sizeDelta || a.index - b.index
  );
  for (const { site } of folded2) {
    const smallest = shown[shown.length - 1];
    if (!smallest || Math.abs(smallest.sizeDelta) >= site.sizeDelta) continue;
    shown.pop();
    open.delete(smallest);
    open.add(site);
  }
  return {
    grown: grown.filter((site) => open.has(site)),
    shrunk: shrunk.filter((site) => open.has(site)),
    roles
  };
}

// src/report/details.ts
function siteLabel(site) {
  const line = site.line ?? site.baseLine ?? "?";
  return `${site.file}:${line}${site.function ? ` in ${site.function}` : ""}`;
}
function isProjectFile(file) {
  return !file.startsWith("<") && !file.startsWith("site-packages/");
}
function formatTraceback(traceback) {
  const lines2 = traceback.truncated ? ["  \u2026 older frames cut off (raise frames to see them)"] : [];
  for (const frame of traceback.frames) {
    lines2.push(
      `  File "${frame.file}", line ${frame.line}${frame.function ? `, in ${frame.function}` : ""}`
    );
    if (frame.text) lines2.push(`    ${frame.text}`);
  }
  return lines2.join("\n");
}
function folded(summary, body) {
  return ["", `<details><summary>${summary}</summary>`, "", ...body, "", "</details>"];
}
function count(n, what) {
  return `${groupDigits(n)} ${what}${n === 1 ? "" : "s"}`;
}
function rangeText(range, value, bytes = true) {
  const show = (n) => bytes ? formatBytes(n) : groupDigits(n);
  if (range) return `${show(range[0])} \u2026 ${show(range[1])}`;
  return value === null ? "\u2014" : `${show(value)} (steady)`;
}
function repeatsRun(scenario, configured) {
  const measured = scenario.repeats ? Math.max(scenario.repeats.base, scenario.repeats.head) : 0;
  if (measured === 0) return void 0;
  if (scenario.identicalRuns !== void 0)
    return { ran: scenario.identicalRuns, from: 1, unit: "run" };
  if (scenario.kind === "function") {
    return { ran: measured, from: 2, unit: "call", why: "the first call is a cold one" };
  }
  if (scenario.kind === "test") return { ran: measured, from: 1, unit: "call" };
  if (scenario.kind === "script" && scenario.objectTypes !== void 0 && configured === measured + 1) {
    return { ran: configured, from: 2, unit: "run", why: "the first run also counted objects" };
  }
  return { ran: measured, from: 1, unit: "run" };
}
function comparedRepeats(run) {
  if (run.from === 1) return { what: count(run.ran, run.unit), why: "" };
  return {
    what: `${run.unit}s ${run.from}\u2013${run.ran} of ${run.ran}`,
    why: run.why ? ` (${run.why})` : ""
  };
}
function totalsOf(scenario) {
  return measuresWhere((spec) => spec.words.row !== void 0).flatMap((name) => {
    const measure = measureOf(scenario, name);
    const spec = MEASURES[name];
    return measure && spec.words.row !== void 0 ? [[spec.words.row, measure, spec.unit === "bytes", spec.kept]] : [];
  });
}
function grows(v) {
  return v.baseGrowth !== void 0 || v.headGrowth !== void 0;
}
function leakingTotals(scenario, totals) {
  const keeps = totals.some(([, measure, , kept]) => kept && grows(measure)) || scenario.sites.some(grows);
  return totals.filter(([, measure, , kept]) => (kept || keeps) && grows(measure));
}
function noiseSection(scenario, top, configured) {
  const run = repeatsRun(scenario, configured);
  if (scenario.deterministic === true && scenario.identicalRuns !== void 0) {
    return [
      "",
      `<sub>\u{1F3AF} ${escapeCode(scenario.name)} is deterministic: ${scenario.identicalRuns} identical runs per side (processes of their own), so no further repeats were needed.</sub>`
    ];
  }
  if (scenario.deterministic === true && run) {
    const { what, why } = comparedRepeats(run);
    return [
      "",
      `<sub>\u{1F3AF} ${escapeCode(scenario.name)} is deterministic: ${what} per side gave identical figures${why}.</sub>`
    ];
  }
  const totals = totalsOf(scenario);
  const leaking = leakingTotals(scenario, totals);
  const noisyTotals = totals.filter(
    (total) => total[1].noisy || grows(total[1]) && !leaking.includes(total)
  );
  const noisySites = scenario.sites.filter((site) => site.noisy);
  if (noisyTotals.length === 0 && noisySites.length === 0) return [];
  const shownSites = noisySites.slice(0, top);
  const rows = [
    ...noisyTotals.map(
      ([name, measure, bytes]) => `| ${name} | ${rangeText(measure.baseRange, measure.base, bytes)} | ${rangeText(measure.headRange, measure.head, bytes)} |`
    ),
    ...shownSites.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)} | ${rangeText(site.baseRange, site.baseLine === null ? null : site.baseSize)} | ${rangeText(site.headRange, site.line === null ? null : site.headSize)} |`
    )
  ];
  const more = noisySites.length - shownSites.length;
  return folded(
    `\u3030\uFE0F Noisy in ${escapeCode(scenario.name)}: ${count(noisyTotals.length, "total")} and ${count(noisySites.length, "site")} differ between repeats (failed on only where head's range lies beyond base's by more than the two span together)`,
    [
      "| Measurement | Base (min \u2026 max) | Head (min \u2026 max) |",
      "| --- | ---: | ---: |",
      ...rows,
      ...more > 0 ? ["", `<sub>${count(more, "more noisy site")} in the JSON report.</sub>`] : [],
      ...scenario.kind === "test" ? [
        "",
        "<sub>A test's figures are its first call's, a cold one, as one run of the suite makes it: their range is its first calls (in the first run and in the deep pass), widened by how much its later, warm, calls differ.</sub>"
      ] : []
    ]
  );
}
function growthText(range, growth, value, bytes) {
  const show = (n) => bytes ? formatBytes(n) : groupDigits(n);
  if (growth !== void 0 && range) {
    const perCall = bytes ? formatBytesDelta(growth) : `+${groupDigits(growth)}`;
    return `${show(range[0])} \u2026 ${show(range[1])}, grows ${perCall} per call`;
  }
  return range ? `${rangeText(range, value, bytes)} (noisy)` : rangeText(range, value, bytes);
}
function growthSection(scenario, top) {
  const totals = totalsOf(scenario);
  const growingTotals = leakingTotals(scenario, totals);
  const growingSites = scenario.sites.filter(grows);
  if (growingTotals.length === 0 && growingSites.length === 0) return [];
  const shownSites = growingSites.slice(0, top);
  const more = growingSites.length - shownSites.length;
  return folded(
    `\u{1F4A7} Leak in ${escapeCode(scenario.name)}: ${count(growingTotals.length, "total")} and ${count(growingSites.length, "site")} grow with every call (judged by budgets, not noise)`,
    [
      "| Measurement | Base (min \u2026 max) | Head (min \u2026 max) |",
      "| --- | ---: | ---: |",
      ...growingTotals.map(
        ([name, m, bytes]) => `| ${name} | ${growthText(m.baseRange, m.baseGrowth, m.base, bytes)} | ${growthText(m.headRange, m.headGrowth, m.head, bytes)} |`
      ),
      ...shownSites.map(
        (site) => `| ${escapeCode(siteLabel(site), 200)} | ${growthText(site.baseRange, site.baseGrowth, site.baseLine === null ? null : site.baseSize, true)} | ${growthText(site.headRange, site.headGrowth, site.line === null ? null : site.headSize, true)} |`
      ),
      ...more > 0 ? ["", `<sub>${count(more, "more growing site")} in the JSON report.</sub>`] : [],
      "",
      `<sub>A function's repeats run in one process: a figure that rises with every call is state the calls keep, not noise, and budgets judge it. Its growth per call is not the bytes each call keeps${scenario.leak ? " (the leak check measures those)" : ": set <code>iterations</code> for a leak check that measures those"}.</sub>`
    ]
  );
}
function leakSection(scenario, top) {
  const leak = scenario.leak;
  if (!leak || !leak.base && !leak.head && !scenario.leakSites?.length) return [];
  const perCall = (value) => value === null ? "\u2014" : `${formatBytes(value)}/call`;
  const summary = `\u{1F4A7} Leak check of ${escapeCode(scenario.name)}: ${perCall(leak.head)} on head (base ${perCall(leak.base)})`;
  const sites = (scenario.leakSites ?? []).slice(0, top);
  if (sites.length === 0) return folded(summary, ["No site keeps growing after the first call."]);
  return folded(summary, [
    "| Leaking site | Source | Base per call | Head per call |",
    "| --- | --- | ---: | ---: |",
    ...sites.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)} | ${site.text ? escapeCode(site.text) : ""} | ${site.baseLine === null ? "\u2014" : formatBytes(site.baseSize)} | ${site.line === null ? "\u2014" : formatBytes(site.headSize)} |`
    )
  ]);
}
function tracebackSection(scenario, top) {
  const traced = scenario.sites.slice(0, top).filter((site) => site.tracebacks?.length);
  if (traced.length === 0) return [];
  const body = traced.flatMap((site) => {
    const [largest] = site.tracebacks;
    const own = [...largest.frames].reverse().find((frame) => isProjectFile(frame.file));
    const via = own && (own.file !== site.file || own.line !== (site.line ?? site.baseLine)) ? ` via ${escapeCode(siteLabel({ ...own, baseLine: null }), 200)}` : "";
    return [
      `**${escapeCode(siteLabel(site), 200)}** ${formatBytesDelta(site.sizeDelta)} (${site.tracebackSide === "base" ? "base" : "head"}, ${formatBytes(largest.size)} along this path)${via}`,
      "",
      escapeBlock(formatTraceback(largest), 60),
      ""
    ];
  });
  return folded(
    `\u{1F9F5} Tracebacks of ${count(traced.length, "changed site")} in ${escapeCode(scenario.name)}`,
    body
  );
}
function objectTypesSection(scenario, top) {
  const types = scenario.objectTypes ?? [];
  if (types.length === 0) return [];
  const shown = types.slice(0, top * 2);
  const growth = (n) => n === null ? "\u2014" : formatCountDelta(n);
  return folded(
    `\u{1F9EE} Objects by type in ${escapeCode(scenario.name)}: ${count(types.length, "type")} changed`,
    [
      "| Type | Base growth | Head growth | \u0394 |",
      "| --- | ---: | ---: | ---: |",
      ...shown.map(
        (entry) => `| ${escapeCode(entry.type)} | ${growth(entry.baseGrowth)} | ${growth(entry.headGrowth)} | ${formatCountDelta(entry.delta)} |`
      ),
      ...types.length > shown.length ? ["", `<sub>${count(types.length - shown.length, "more type")} in the JSON report.</sub>`] : []
    ]
  );
}
var PEAK_SITES_SLACK = 0.02;
var PEAK_SITES_SLACK_BYTES = 256 * 1024;
function hookedSlack(measured) {
  return Math.max(PEAK_SITES_SLACK_BYTES, PEAK_SITES_SLACK * measured);
}
var PEAK_SAME_SHARE = 0.05;
function shownPeakSites(sites, top, least) {
  const grown = sites.filter((site) => site.sizeDelta > 0).slice(0, top);
  const shrunk = sites.filter((site) => site.sizeDelta < 0).slice(0, top);
  const room = Math.max(0, top - grown.length - shrunk.length);
  const same = sites.filter((site) => site.sizeDelta === 0 && site.headSize >= least).sort((a, b) => b.headSize - a.headSize).slice(0, room);
  return [...grown, ...shrunk, ...same];
}
function peakMissedNotes(scenario) {
  const missed = scenario.peakSites?.missed ?? {};
  return ["base", "head"].flatMap((side) => {
    const why = missed[side];
    if (why === void 0) return [];
    return [
      `<sub>\u26F0\uFE0F No sites at the peak of ${escapeCode(scenario.name)} on ${side}: ${escapeText(why, 300)}</sub>`
    ];
  });
}
function peakSection(scenario, top) {
  const peak = scenario.peakSites;
  const missed = peakMissedNotes(scenario);
  if (!peak || peak.sites.length === 0) return missed.flatMap((note) => ["", note]);
  const largest = Math.max(peak.base?.peakBytes ?? 0, peak.head?.peakBytes ?? 0);
  const least = PEAK_SAME_SHARE * largest;
  const shown = shownPeakSites(peak.sites, top, least);
  const explained = (side) => {
    const level = peak[side];
    if (!level) return "";
    return `${side} ${formatBytes(level.bytes)} of a ${formatBytes(level.peakBytes)} peak`;
  };
  const near = [];
  const elsewhere = ["base", "head"].flatMap((side) => {
    const hooked = peak[side]?.peakBytes;
    const measured = scenario.peak[side];
    if (hooked === void 0 || measured === null) return [];
    const gap = Math.abs(hooked - measured);
    if (formatBytes(hooked) === formatBytes(measured)) return [];
    if (gap <= hookedSlack(measured)) {
      near.push(`${side}'s ${formatBytes(hooked)} against ${formatBytes(measured)}`);
      return [];
    }
    return [
      `On ${side}, these sites come from a hooked run whose peak was ${formatBytes(hooked)}, not the ${formatBytes(measured)} measured, so they may not be what made the measured peak.`
    ];
  });
  const nearly = near.length > 0 ? [
    `
<sub>The sites come from one more run, under hooks that see each line; their own bookkeeping (a line table per function they see) moves its peak a little from the table's: ${escapeText(near.join(", "))}.</sub>`
  ] : [];
  const apart = peak.apart ? [
    `
<sub>\u26A0\uFE0F Base and head reached their peaks at different moments: of the smaller peak, only ${formatBytes(peak.apart.sharedBytes)} is held at the same sites on both sides. Each side's sites are those at its own peak, so a site's \u0394 here compares two moments, not what the site allocates (or the change moved that memory to other lines).</sub>`
  ] : [];
  const small = peak.sites.filter((site) => site.sizeDelta === 0 && site.headSize < least).length;
  const more = peak.sites.length - shown.length;
  const sides = [explained("base"), explained("head")].filter(Boolean).join(", ");
  return folded(`\u26F0\uFE0F Sites at the peak of ${escapeCode(scenario.name)} (${escapeText(sides)})`, [
    "| Site | Source | Base at peak | Head at peak | \u0394 |",
    "| --- | --- | ---: | ---: | ---: |",
    ...shown.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)}${site.changedLine ? " \u270F\uFE0F" : ""} | ${site.text ? escapeCode(site.text) : ""} | ${formatBytes(site.baseSize)} | ${formatBytes(site.headSize)} | ${formatBytesDelta(site.sizeDelta)} |`
    ),
    ...more > 0 ? [
      "",
      `<sub>${count(more, "more site")} at the peak in the JSON report` + (small > 0 ? ` (${small} of them ${small === 1 ? "holds" : "hold"} the same at both peaks, under ${Math.round(PEAK_SAME_SHARE * 100)} % of it: no change).</sub>` : ".</sub>")
    ] : [],
    ...apart,
    ...nearly,
    ...elsewhere.map((text) => `
<sub>\u26A0\uFE0F ${escapeText(text)}</sub>`),
    ...missed.map((note) => `
${note}`)
  ]);
}
function scenarioDetails(scenario, top, repeats) {
  if (scenario.status === "failed" || top <= 0) return [];
  return [
    ...noiseSection(scenario, top, repeats),
    ...growthSection(scenario, top),
    ...leakSection(scenario, top),
    ...tracebackSection(scenario, top),
    ...objectTypesSection(scenario, top),
    ...peakSection(scenario, top)
  ];
}

// src/report/lead.ts
var CHANGE_METRICS = measuresWhere((spec) => spec.lead !== void 0);
function weightOf(scenario, metric, measure) {
  const size = Math.abs(measure.delta);
  if (MEASURES[metric].lead.weight === "own")
    return measure.base > 0 ? size / measure.base : Infinity;
  const scale = Math.max(scenario.peak.base ?? 0, measure.base);
  return scale > 0 ? size / scale : Infinity;
}
function changesOf(report) {
  const changes = [];
  const metrics = CHANGE_METRICS;
  report.scenarios.forEach((scenario, index) => {
    if (scenario.status !== "ok") return;
    metrics.forEach((metric, position) => {
      const measure = measureOf(scenario, metric);
      if (!measure || measure.base === null || measure.head === null || !measure.delta) return;
      if (scenarioAgrees(scenario)) return;
      if (withinNoise(measure)) return;
      if (metric === "leak" && measure.noisy && measure.headRange) return;
      const known = measure;
      const weight = weightOf(scenario, metric, known);
      changes.push({
        scenario,
        metric,
        measure: known,
        weight,
        order: index * metrics.length + position,
        size: sizeClass(weight),
        named: siteBehind(scenario, metric, known.delta) !== void 0,
        noisy: measure.noisy === true
      });
    });
  });
  return changes.sort(
    (a, b) => Number(a.noisy) - Number(b.noisy) || descending(a.size, b.size) || Number(b.named) - Number(a.named) || descending(a.weight, b.weight) || Math.abs(b.measure.delta) - Math.abs(a.measure.delta) || a.order - b.order
  ).map(({ order: _order, size: _size, named: _named, noisy: _noisy, ...change }) => change);
}
function sizeClass(weight) {
  if (weight === Infinity) return Infinity;
  return weight > 0 ? Math.round(Math.log(weight) / Math.log(1.02)) : -Infinity;
}
function descending(a, b) {
  return a === b ? 0 : b > a ? 1 : -1;
}
function isGrowth(change) {
  return change.measure.delta > 0 && !withinNoise(change.measure);
}
function isChecked(report, scenario) {
  return budgetsOfScenario(report.budgets, scenario).some((budget) => budget.status !== "skip");
}
function uncheckedGrowth(report, changes = changesOf(report)) {
  return changes.find((change) => isGrowth(change) && !isChecked(report, change.scenario.name));
}
function headlineChanges(report) {
  const changes = changesOf(report);
  const [lead] = changes;
  const unchecked = uncheckedGrowth(report, changes);
  const growth = lead && lead.measure.delta < 0 ? changes.find(isGrowth) : void 0;
  const also = unchecked ?? growth;
  return {
    ...lead ? { lead } : {},
    ...also && also !== lead ? { also } : {},
    ...unchecked ? { unchecked } : {}
  };
}
function changeWithSite(change, words) {
  return changeSentence(change, words) + siteClause(change.scenario, change.metric, change.measure.delta, words);
}
function siteBehind(scenario, metric, delta) {
  return explainingSite(scenario, metric, delta)?.site;
}
function explainingSite(scenario, metric, delta) {
  const explaining = MEASURES[metric].sites;
  if (delta === 0 || explaining === void 0) return void 0;
  const list = explaining.list;
  if (list === "peakSites" && scenario.peakSites?.apart) {
    const bound = Math.abs(scenario.peak.delta ?? 0) + hookedSlack(scenario.peak.head ?? 0);
    const within = scenario.peakSites.sites.filter((site2) => Math.abs(site2.sizeDelta) <= bound);
    const site = mostMoved(within, delta, true) ?? mostMoved(within, delta, false);
    return site && { site, unit: explaining.unit };
  }
  const sites = list === "peakSites" ? scenario.peakSites?.sites : scenario[list];
  const own = mostMoved(sites ?? [], delta, true);
  if (own) return { site: own, unit: explaining.unit };
  if (list === "peakSites" && scenario.kind === "test" && scenario.peakSites !== void 0) {
    const retained = mostMoved(scenario.sites, delta, true);
    if (retained) return { site: retained, unit: " retained" };
  }
  const any = mostMoved(sites ?? [], delta, false);
  return any && { site: any, unit: explaining.unit };
}
function groupByFile(sites) {
  const byFile = /* @__PURE__ */ new Map();
  for (const site of sites) {
    const list = byFile.get(site.file);
    if (list) list.push(site);
    else byFile.set(site.file, [site]);
  }
  return byFile;
}
var MOVE_TOLERANCE = 0.1;
var MOVE_LINES = 20;
function movedLine(site, sites) {
  const size = site.sizeDelta;
  if (size === 0) return false;
  const line = site.line ?? site.baseLine;
  return sites.some((other) => {
    if (other === site || other.file !== site.file) return false;
    if (Math.sign(other.sizeDelta) !== -Math.sign(size)) return false;
    const near = site.function !== void 0 && other.function !== void 0 ? site.function === other.function : line !== null && Math.abs((other.line ?? other.baseLine ?? Infinity) - line) <= MOVE_LINES;
    if (!near) return false;
    const larger = Math.max(Math.abs(size), Math.abs(other.sizeDelta));
    return Math.abs(size + other.sizeDelta) <= larger * MOVE_TOLERANCE;
  });
}
function mostMoved(sites, delta, own) {
  let best;
  let byFile;
  for (const site of sites) {
    if (own && runnerSite(site.file)) continue;
    const moved = Math.sign(delta) * site.sizeDelta;
    if (moved <= 0 || best && moved <= Math.sign(delta) * best.sizeDelta) continue;
    byFile ??= groupByFile(sites);
    if (!movedLine(site, byFile.get(site.file) ?? [])) best = site;
  }
  return best;
}
function unitsBeside(limit) {
  return /%$/.test(limit.trim()) ? "binary" : sizeUnitsOf(limit);
}
function siteClause(scenario, metric, delta, words, units = "binary") {
  const found = explainingSite(scenario, metric, delta);
  if (!found) return "";
  const { site, unit } = found;
  return `, most at ${words.site(site)} (${formatBytesDelta(site.sizeDelta, units)}${unit})`;
}
function budgetSiteClause(scenario, budget, words) {
  if (budget.metric === "site") return "";
  if (!measureOf(scenario, budget.metric)?.delta) return "";
  const direction = budget.limit.trim().startsWith("-") ? -1 : 1;
  const where = siteClause(scenario, budget.metric, direction, words, unitsBeside(budget.limit));
  return direction > 0 && MEASURES[budget.metric].sites?.list === "sites" ? where + heldClause(scenario, words, where !== "") : where;
}
function heldClause(scenario, words, afterSite) {
  const found = mostHeldBy(scenario);
  if (!found || found.culprit) return "";
  const holder = found.holderType === LRU_CACHE ? `the cache of ${words.code(found.holder)}` : `${words.code(found.holder)} (${words.code(found.holderType)})`;
  return afterSite ? `, kept alive by ${holder}` : `, kept alive most by ${holder}`;
}
function mostHeldBy(scenario) {
  const byHolder = /* @__PURE__ */ new Map();
  for (const finding of scenario.retention ?? []) {
    if (finding.kind === "not found" || finding.kind === "unreachable" || !finding.holder) continue;
    const key = `${finding.kind}\0${finding.root}\0${finding.holder}`;
    byHolder.set(key, [...byHolder.get(key) ?? [], finding]);
  }
  let best;
  for (const findings of byHolder.values()) {
    const kept = growthHeld(scenario, findings);
    if (kept <= 0 || best && kept <= best.kept) continue;
    best = { finding: findings.find((f) => f.culprit) ?? findings[0], kept };
  }
  return best?.finding;
}
function approx(measure, text) {
  return measure.noisy ? `\u2248 ${text}` : text;
}
function changeSentence(change, words) {
  const { measure, metric, scenario } = change;
  const verb = measure.delta > 0 ? "grew" : "shrank";
  const percent = percentChange(measure.base, measure.head);
  const amount = percent === void 0 ? `from ${formatBytes(measure.base)} to ${approx(measure, formatBytes(measure.head))}` : `${approx(measure, formatPercent(percent))} (${approx(measure, formatBytesDelta(measure.delta))})`;
  return `${MEASURES[metric].words.subject} of ${words.code(scenario.name)} ${verb} ${amount}`;
}
function leakText(leak) {
  if (leak.head === null) return void 0;
  const change = leak.delta !== null && leak.delta !== 0 ? ` (${formatBytesDelta(leak.delta)})` : "";
  return approx(leak, `${formatBytes(leak.head)}${change}`);
}
function budgetExample(change) {
  const { metric } = change;
  const limit = suggestedLimit(change);
  return {
    input: `budget: '${metric}: ${limit}'`,
    file: `budgets: {${metric}: ${limit}}`,
    flag: `--budget "${metric}: ${limit}"`
  };
}
function suggestedLimit(change) {
  const example = MEASURES[change.metric].lead.example;
  const ceiling = parseSize(example);
  if (ceiling === void 0) return example;
  const { base, baseRange } = change.measure;
  const highest = Math.max(base, baseRange?.[1] ?? base);
  return highest <= ceiling ? example : roundSizeAbove(highest);
}
function roundSizeAbove(bytes) {
  let scale = 1;
  for (; ; ) {
    for (const step of [1, 2, 5]) {
      const size = step * scale;
      if (size > bytes) {
        const [unit, divisor] = size >= 1e9 ? ["GB", 1e9] : size >= 1e6 ? ["MB", 1e6] : size >= 1e3 ? ["KB", 1e3] : ["B", 1];
        return `${size / divisor}${unit}`;
      }
    }
    scale *= 10;
  }
}

// src/report/verdict.ts
function budgetSubject(budget) {
  if (budget.metric === "site") return budget.site ? `site ${budget.site}` : "site";
  return MEASURES[budget.metric].words.name;
}
function decidingCause(report, causes) {
  return report.verdict === "pass" ? void 0 : causes.find((cause) => levelOf(cause) === report.verdict);
}
function verdictCulprit(report, decided = decidingCause(report, verdictCauses(report, report.budgets, report.warnings ?? []))) {
  return decided?.kind === "budget-failed" || decided?.kind === "budget-warned" ? leadingRetention(report) : void 0;
}
function explainVerdict(report) {
  const causes = verdictCauses(report, report.budgets, report.warnings ?? []);
  const decided = decidingCause(report, causes);
  const culprit = verdictCulprit(report, decided);
  const failedOn = (side) => causes.find((cause) => cause.kind === "benchmark-failed" && cause.side === side);
  const told = decided?.kind === "budget-failed" || decided?.kind === "budget-warned" || decided?.kind === "benchmark-failed" && decided.side !== void 0 ? decided : void 0;
  const lead = told ?? failedOn("base") ?? failedOn("head") ?? causes.find((cause) => cause.kind === "not-checked");
  return {
    verdict: report.verdict,
    causes,
    ...decided ? { decided } : {},
    ...culprit ? { culprit } : {},
    ...lead ? { lead } : {},
    changes: headlineChanges(report),
    noChange: isNoChange(report),
    headNotRun: notRunReason(report) !== void 0,
    checked: report.budgets.some((budget) => budget.status !== "skip"),
    held: report.budgets.some((budget) => budget.status === "pass")
  };
}
var NOT_RUN = "no change: ";
function notRunReason(report) {
  return report.noChange?.startsWith(NOT_RUN) ? report.noChange.slice(NOT_RUN.length) : void 0;
}
function warnCause(because) {
  return because === "noisy" ? "noisy measurement: reported, not failed" : "warn-level rule";
}
var PLAIN = {
  code: (text) => text,
  site: (site) => `${site.file}:${site.line ?? site.baseLine ?? "?"}`
};
function budgetSite(report, budget) {
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  return scenario ? budgetSiteClause(scenario, budget, PLAIN) : "";
}
function failedReason(scenario) {
  const setup = setupFailure(scenario);
  if (setup)
    return `setup failed on ${setup.sides}: ${setup.message}, so ${scenario.name} was not run`;
  return bothFailed(scenario) ? `the base and head benchmarks failed: ${scenario.name} raised ${raisedText(scenario, PLAIN.code)}` : `the head benchmark failed: ${scenario.name} raised ${scenario.error?.type || "an error"}`;
}
function passReason(report, explanation) {
  const { checked, changes } = explanation;
  if (explanation.noChange && explanation.headNotRun) {
    return `${checked ? "within budget; " : ""}no change: head not run, as this pull request touches nothing the benchmark reads`;
  }
  if (explanation.noChange) return checked ? "within budget; no memory change" : "no memory change";
  const { lead, also, unchecked } = changes;
  const what = [lead, also].filter((change) => change !== void 0).map((change) => changeWithSite(change, PLAIN)).join("; ");
  if (unchecked) {
    return checked ? `${what}; no budget checks ${unchecked.scenario.name}` : `${what}; no budget is set, so nothing was checked: add one, e.g. ${budgetExample(unchecked).flag}`;
  }
  if (!what && report.scenarios.length === 0) {
    const happened = report.testsNotRun ? "no memory change: no test reads what this pull request changes, so none was run" : "nothing measured: no scenario ran";
    return checked ? `within budget; ${happened}` : happened;
  }
  if (!what) {
    const listed = listedChanges(report).filter((s) => s.status !== "failed").length;
    const happened = listed === 0 ? "no memory change beyond noise" : `memory changed in ${groupDigits(listed)} of ${groupDigits(report.scenarios.length)} scenarios`;
    return checked ? `within budget; ${happened}` : `${happened}; no budget is set`;
  }
  return checked ? `within budget; ${what}` : what;
}
function budgetSentence(report, budget) {
  const sentence = `${budgetSubject(budget)} of ${budget.scenario} is ${budget.actual}, limit ${budget.limit}`;
  return overBefore(report)(budget) ? `${sentence}, unchanged from base` : sentence;
}
function alsoOverBefore(report, decided, causes) {
  const overBase = overBefore(report);
  if (overBase(decided)) return "";
  const before = causes.find((cause) => cause.kind === "budget-failed" && overBase(cause.budget));
  return before?.kind === "budget-failed" ? `; also ${budgetSentence(report, before.budget)}` : "";
}
function causeSentence(report, cause, causes) {
  switch (cause.kind) {
    case "budget-failed":
    case "budget-warned": {
      const { budget } = cause;
      const sentence = budgetSentence(report, budget);
      const where = budgetSite(report, budget);
      return cause.kind === "budget-failed" ? `memory budget exceeded: ${sentence}${where}${alsoOverBefore(report, budget, causes)}` : `memory budget warning: ${sentence} (${warnCause(cause.because)})${where}`;
    }
    case "benchmark-failed": {
      if (cause.side !== "head")
        return "the base side could not be measured; nothing to compare against";
      const over = causes.find((c) => c.kind === "budget-failed");
      return `${failedReason(cause.scenario)}${over ? `; also ${causeSentence(report, over, causes)}` : ""}`;
    }
    case "failed-before":
      return failedBeforeText([cause.scenario], PLAIN.code) ?? "";
    case "not-checked":
      return cause.warning;
  }
}
function culpritLead(report, explanation = explainVerdict(report)) {
  const { culprit } = explanation;
  if (!culprit) return "";
  const { file, line } = culprit.finding.culprit;
  return `caused by ${file}:${line}: ${leadSentence(culprit)}; `;
}
function interruptedText({ signal, why, during, figures }) {
  const stopped = why !== void 0 && signal === void 0 ? `${during} did not finish (${why})` : `the run was stopped${signal ? ` by ${signal}` : ""} during ${during}`;
  return figures === "first-run" ? `${stopped}: the figures are from one run of each side, not measured in depth (no repeats, noise or leak check), and the run is no pass` : `${stopped}: the figures are complete, what ${during} adds is missing, and the run is no pass`;
}
function verdictReason(report, explanation = explainVerdict(report)) {
  const reason = decidedReason(report, explanation);
  return report.interrupted ? `${interruptedText(report.interrupted)}; ${reason}` : reason;
}
function decidedReason(report, explanation) {
  const { decided } = explanation;
  if (decided?.kind === "failed-before") {
    return `${passReason(report, explanation)}. Separately, ${failedBeforeText(report.scenarios, PLAIN.code)}`;
  }
  if (decided) return causeSentence(report, decided, explanation.causes);
  if (report.verdict === "fail") return "a budget was exceeded or the head benchmark failed";
  if (report.verdict === "warn" && !report.interrupted)
    return "the base side could not be measured; nothing to compare against";
  return passReason(report, explanation);
}
function grewUnchecked(explanation) {
  return explanation.verdict === "pass" && explanation.changes.unchecked !== void 0;
}
function acceptanceText(accepted) {
  return `accepted with the label "${accepted.label}"` + (accepted.by !== void 0 ? ` (added by ${accepted.by})` : "");
}

export {
  retentionTargets,
  retentionScenarios,
  retentionFindings,
  revealInvisible,
  escapeText,
  escapeCode,
  escapeCodeLabel,
  escapeBlock,
  repositoryPath,
  encodePath,
  visibleText,
  escapeHtml,
  jsonForScript,
  bothFailed,
  shownMeasure,
  failedSides,
  failuresOf,
  setupFailure,
  raisedText,
  failedBeforeText,
  failureDetail,
  notRunText,
  RETENTION_SHOWN,
  leadSentence,
  retentionSentence,
  keptAliveSection,
  culpritGroups,
  openSites,
  repeatsRun,
  scenarioDetails,
  changeWithSite,
  unitsBeside,
  siteClause,
  budgetSiteClause,
  changeSentence,
  leakText,
  budgetExample,
  budgetSubject,
  verdictCulprit,
  explainVerdict,
  notRunReason,
  warnCause,
  culpritLead,
  interruptedText,
  verdictReason,
  grewUnchecked,
  acceptanceText
};
