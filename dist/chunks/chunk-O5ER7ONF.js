import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  verdictReason
} from "./chunk-4PWOWIY5.js";
import {
  checkBudgets,
  failsRun,
  globMatcher
} from "./chunk-SMKFWSBC.js";
import {
  decideVerdict
} from "./chunk-46ZMQ7S7.js";
import {
  formatBytes,
  groupDigits
} from "./chunk-5JXOXQC2.js";
import {
  LRU_CACHE
} from "./chunk-U5UB3GUX.js";

// src/budgets/site-filter.ts
function keepSites(comparison, keep) {
  let dropped = 0;
  const scenarios = comparison.scenarios.map((scenario) => {
    const sites = scenario.sites.filter(keep);
    dropped += scenario.sites.length - sites.length;
    return { ...scenario, sites };
  });
  return { comparison: { ...comparison, scenarios }, dropped };
}
function withoutIgnoredSites(comparison, ignore) {
  if (ignore.length === 0) return { comparison, dropped: 0 };
  const ignored = globMatcher(ignore);
  return keepSites(
    comparison,
    (site) => !ignored(site.file) && !(site.baseFile !== void 0 && ignored(site.baseFile))
  );
}
function withoutSmallSites(comparison, minimumChange) {
  if (minimumChange <= 0) return { comparison, dropped: 0 };
  return keepSites(comparison, (site) => Math.abs(site.sizeDelta) >= minimumChange);
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
  const lines = tail.replace(/\r\n?/g, "\n").split("\n");
  const kept = lines.length > maxLines || tail !== text ? ["\u2026", ...lines.slice(-maxLines)] : lines;
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
function leadingRetention(scenarios) {
  let best;
  for (const scenario of scenarios) {
    for (const finding of scenario.retention ?? []) {
      if (!finding.culprit) continue;
      if (!best || finding.bytes > best.finding.bytes) best = { scenario, finding };
    }
  }
  return best;
}
function culpritLead(scenarios) {
  const found = leadingRetention(scenarios);
  if (!found) return "";
  const { culprit } = found.finding;
  return `caused by ${culprit.file}:${culprit.line}: ${retentionSentence(found.finding)}; `;
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
function storageNotFound(finding) {
  if (finding.storage === "none")
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size";
  if (finding.storage === "several")
    return "not found: the line allocated no object of its own (most often it grows a container's item storage), and several containers a root reaches have storage of its size, none of them named by the line";
  return void 0;
}
function holderText(finding, code = plainCode) {
  if (finding.storage === "found") {
    const [container, root] = containerText(finding, code);
    return `${container} (its item storage: ${containersText(finding, code)}${root})`;
  }
  const notFound = storageNotFound(finding);
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
      const from = finding.kind === "module global" || finding.kind === "benchmark global" || finding.holder === finding.root ? "" : `, from ${finding.kind} ${code(finding.root)}`;
      return finding.holderType === LRU_CACHE ? `the cache of ${code(finding.holder)} (${code(LRU_CACHE)}${from})` : `${code(finding.holder)} (${code(finding.holderType)}${from})`;
    }
  }
}
function storedByC(finding, code) {
  if (finding.culprit || finding.holderType !== LRU_CACHE) return void 0;
  return `no Python line stored them: ${code(LRU_CACHE)} did, on each new call of ${code(finding.holder)}`;
}
function madeText(culprit, code) {
  const what = culprit.type ? `the ${code(culprit.type)} it holds` : "an object it holds";
  return `${what} was made at ${code(`${culprit.file}:${culprit.line}`)}, a line this change made, but no line this change made was found storing it there`;
}
function retentionSentence(finding, code = plainCode) {
  const site = code(`${finding.site.file}:${finding.site.line}`);
  if (finding.storage === "found") {
    const own = finding.culprit?.evidence === "grown" ? ", a line this change made" : finding.culprit?.evidence === "made" ? `; ${madeText(finding.culprit, code)}` : finding.culprit ? `; filled at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made` : "";
    const [container, root] = containerText(finding, code);
    return `${formatBytes(finding.bytes)} at ${site} ${finding.sampled > 1 ? "are" : "is"} the item storage of ${container} (${containersText(finding, code)}${root}), grown by this line${own}`;
  }
  const notFound = storageNotFound(finding);
  if (notFound) return `${formatBytes(finding.bytes)} at ${site}: ${notFound}`;
  const objects = finding.sampledOf > 0 ? Math.round(finding.objects * finding.sampled / finding.sampledOf) : finding.objects;
  const how = finding.kind === "unreachable" ? `made (a ${code(finding.culprit?.type ?? "?")} of the cycle)` : finding.culprit?.evidence === "stored" && finding.culprit.type ? `filled (a ${code(finding.culprit.type)} stored)` : "filled";
  const byC = storedByC(finding, code);
  const culprit = finding.culprit?.evidence === "made" ? `; ${madeText(finding.culprit, code)}` : finding.culprit ? `, ${how} at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made` : byC ? `; ${byC}` : "";
  return `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? "" : "s"} from ${site} ${objects === 1 ? "is" : "are"} kept alive by ${holderText(finding, code)}${culprit}`;
}
function row(finding) {
  const culprit = finding.culprit ? `${escapeCode(`${finding.culprit.file}:${finding.culprit.line}`, 200)} \u270F\uFE0F${finding.culprit.evidence === "made" ? " (made what it holds)" : ""}` : finding.holderType === LRU_CACHE ? `no Python line (${markdownCode(LRU_CACHE)} stored them)` : "\u2014";
  return `| ${holderText(finding, markdownCode)} | ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)} | ${formatBytes(finding.bytes)} | ${culprit} |`;
}
function pathItem(finding) {
  const evidence = finding.culprit?.evidence;
  const verb = evidence === "grown" ? "grown" : evidence === "made" ? "what it holds made" : "filled";
  const culprit = finding.culprit?.text ? ` (${verb} by ${escapeCode(finding.culprit.text, 80)})` : "";
  return `- ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)}: ${escapeCode(finding.path, 200)}${culprit}`;
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
  const lines = [
    "",
    lead === said ? `${title}: what holds the grown memory, and the line that filled it.` : `${title}: ${retentionSentence(lead, markdownCode)}.`,
    "",
    ...head,
    ...findings.slice(0, RETENTION_SHOWN).map(row)
  ];
  const rest = findings.slice(RETENTION_SHOWN);
  if (rest.length > 0)
    lines.push(
      "",
      `<details><summary>${groupDigits(rest.length)} more retention path${rest.length === 1 ? "" : "s"}</summary>`,
      "",
      ...head,
      ...rest.map(row),
      "",
      "</details>"
    );
  lines.push(
    "",
    "<details><summary>Reference paths, from the root to the objects</summary>",
    "",
    ...findings.map(pathItem),
    "",
    "</details>"
  );
  return lines;
}
function siteKey(location) {
  return `${location.file}:${location.line}`;
}
function culpritGroups(findings) {
  const groups = /* @__PURE__ */ new Map();
  const held = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!finding.culprit) continue;
    const key = siteKey(finding.culprit);
    const group = groups.get(key) ?? { culprit: finding.culprit, bytes: 0, kept: [] };
    group.bytes += finding.bytes;
    groups.set(key, group);
    const site = siteKey(finding.site);
    if (site === key) continue;
    const bySite = held.get(site) ?? /* @__PURE__ */ new Map();
    bySite.set(key, (bySite.get(key) ?? 0) + finding.bytes);
    held.set(site, bySite);
  }
  const keptBytes = /* @__PURE__ */ new Map();
  for (const [site, byCulprit] of held) {
    const [culprit, bytes] = [...byCulprit].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
    )[0];
    groups.get(culprit).kept.push(site);
    keptBytes.set(site, bytes);
  }
  const list = [...groups.values()];
  for (const group of list)
    group.kept.sort((a, b) => keptBytes.get(b) - keptBytes.get(a) || (a < b ? -1 : 1));
  return list.sort(
    (a, b) => b.bytes - a.bytes || (siteKey(a.culprit) < siteKey(b.culprit) ? -1 : 1)
  );
}
function culpritOrder(sites, groups) {
  const roles = /* @__PURE__ */ new Map();
  if (groups.length === 0) return { sites: [...sites], roles };
  const byKey = /* @__PURE__ */ new Map();
  for (const site of sites) if (site.line !== null) byKey.set(siteKey(site), site);
  const ordered = [];
  const placed = /* @__PURE__ */ new Set();
  for (const group of groups) {
    const own = byKey.get(siteKey(group.culprit));
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

// src/report/settings-change.ts
var JUDGING = /* @__PURE__ */ new Set(["budgets", "scenarios", "ignore", "fail-on"]);
var REPORT_ONLY = /* @__PURE__ */ new Set(["minimum-change", "top", "comment"]);
function judgeProposed(report, compared, proposed, from, markerRules = /* @__PURE__ */ new Map()) {
  const { comparison } = withoutIgnoredSites(compared, proposed.ignore);
  const { results, warnings } = checkBudgets(comparison, proposed.budgets, markerRules);
  const verdict = decideVerdict(comparison, results, warnings);
  const reason = verdictReason({ ...report, verdict, budgets: results, warnings });
  return {
    from,
    ...proposed.configFile !== void 0 ? { configFile: proposed.configFile } : {},
    changed: [...proposed.changed],
    verdict,
    reason,
    wouldFail: failsRun(verdict, proposed.failOn),
    notTried: proposed.changed.filter((key) => !JUDGING.has(key) && !REPORT_ONLY.has(key))
  };
}
var VERDICT_WORD = { pass: "pass", warn: "warn", fail: "fail" };
function settingsChangeText(change) {
  const where = change.configFile ? ` in ${change.configFile}` : "";
  const notTried = change.notTried.length > 0 ? ` (measured with the settings of ${change.from}: ${change.notTried.join(", ")} not tried)` : "";
  return `this change edits allocdiff's settings (${change.changed.join(", ")}${where}): it is judged by those of ${change.from}; its own apply once it is merged. With them, the verdict would be ${VERDICT_WORD[change.verdict]}${change.wouldFail ? ", failing the check" : ""}: ${change.reason}${notTried}`;
}
function settingsChangeMarkdown(change) {
  const keys = change.changed.map((key) => escapeCode(key)).join(", ");
  const where = change.configFile ? ` in ${escapeCode(change.configFile)}` : "";
  const icon = change.verdict === "fail" ? "\u274C" : change.verdict === "warn" ? "\u26A0\uFE0F" : "\u2705";
  const notTried = change.notTried.length > 0 ? ` Measured with the settings of ${escapeText(change.from)}: ${change.notTried.map((key) => escapeCode(key)).join(", ")} not tried.` : "";
  return `\u2699\uFE0F **This change edits allocdiff's settings** (${keys}${where}): it is judged by those of ${escapeText(change.from)}; its own apply once it is merged. With them: ${icon} ${VERDICT_WORD[change.verdict]}${change.wouldFail ? " (would fail the check)" : ""}: ${escapeText(change.reason)}.${notTried}`;
}
function acceptanceMarkdown(accepted) {
  const by = accepted.by !== void 0 ? `, added by ${escapeCode(accepted.by)}` : "";
  return `\u{1F3F7}\uFE0F **Accepted** with the label ${escapeCode(accepted.label)}${by}: the verdict above is what the budgets decided; a maintainer accepted it, and the check passes.`;
}

export {
  withoutIgnoredSites,
  withoutSmallSites,
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
  RETENTION_SHOWN,
  leadingRetention,
  culpritLead,
  retentionSentence,
  keptAliveSection,
  culpritGroups,
  culpritOrder,
  judgeProposed,
  settingsChangeText,
  settingsChangeMarkdown,
  acceptanceMarkdown
};
