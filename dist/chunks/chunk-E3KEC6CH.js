import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  AUTOMATIC_LEAK_CALLS,
  RETENTION_SHOWN,
  acceptanceText,
  differingScenarios,
  escapeHtml,
  explainVerdict,
  failureText,
  failuresOf,
  functionRetainedChanged,
  grewUnchecked,
  isDeterministic,
  jsonForScript,
  judgeProposed,
  leakText,
  peaksChanged,
  recordSpreads,
  renderMarkdown,
  renderSummary,
  retentionSentence,
  scenarioAgrees,
  settingsChangeText,
  sidesAgree,
  siteSpread,
  totalSpread,
  verdictReason,
  visibleText,
  withoutIgnoredSites,
  withoutSmallSites
} from "./chunk-WGZKZNZ6.js";
import {
  Git,
  benchmarkEnvironment,
  resolveCommit
} from "./chunk-OVEJU4DJ.js";
import {
  changedMeasures,
  listedChanges,
  testsNotRunText,
  unchangedLine
} from "./chunk-3OAM6NYG.js";
import {
  checkBudgets
} from "./chunk-4DD6O22E.js";
import {
  decideVerdict
} from "./chunk-46ZMQ7S7.js";
import {
  captureSettingsOf,
  settingsDigest
} from "./chunk-F3YW5TGN.js";
import {
  parse,
  refuseScriptOutside
} from "./chunk-GM4AAGXP.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-5JXOXQC2.js";
import {
  buildReport,
  renderJson
} from "./chunk-UC3BDMNE.js";
import {
  SHARD_VARIABLE,
  shardText,
  shardedBackend,
  snapshotInShard
} from "./chunk-3VJGA6IO.js";
import {
  BUDGET_METRICS,
  BudgetSyntaxError,
  MEASURES,
  MEASURE_NAMES,
  isBudgetMetric,
  measureOf,
  measuresWhere,
  parseRuleLimits
} from "./chunk-53YQGEQT.js";
import {
  RANDOM_ADDRESSES,
  SideCache,
  SideEnvironments,
  SideRunner,
  cachedText,
  directoryStore,
  isolationHere,
  lastLines,
  peakScenarios,
  processFailed,
  protectBoth,
  readSnapshot,
  sideWorkDir
} from "./chunk-K5SAFIKK.js";
import {
  SNAPSHOT_SCHEMA
} from "./chunk-RSDX6TKE.js";
import {
  external_exports
} from "./chunk-EIY6L42B.js";
import {
  VERSION
} from "./chunk-4243Q66V.js";
import {
  InvalidDataError,
  RunFailure,
  UsageError,
  errorMessage
} from "./chunk-XA3YYY7N.js";
import {
  __commonJS,
  __toESM
} from "./chunk-LIVUQ6E7.js";

// node_modules/parse-diff/index.js
var require_parse_diff = __commonJS({
  "node_modules/parse-diff/index.js"(exports, module) {
    module.exports = (n) => {
      if (!n) return [];
      if (typeof n != "string" || n.match(/^\s+$/)) return [];
      const s = n.split(`
`);
      if (s.length === 0) return [];
      const a = [];
      let o = null, d = null, u = 0, m = 0, l = null;
      const g = (e) => {
        d?.changes.push({ type: "normal", normal: true, ln1: u++, ln2: m++, content: e }), l.oldLines--, l.newLines--;
      }, p = (e) => {
        const [t, r] = parseFiles(e) ?? [];
        o = { chunks: [], deletions: 0, additions: 0, from: t, to: r }, a.push(o);
      }, i = () => {
        (!o || o.chunks.length) && p();
      }, $ = (e, t) => {
        i(), o.new = true, o.newMode = t[1], o.from = "/dev/null";
      }, N = (e, t) => {
        i(), o.deleted = true, o.oldMode = t[1], o.to = "/dev/null";
      }, x = (e, t) => {
        i(), o.oldMode = t[1];
      }, F = (e, t) => {
        i(), o.newMode = t[1];
      }, S = (e, t) => {
        i(), o.index = e.split(" ").slice(1), t[1] && (o.oldMode = o.newMode = t[1].trim());
      }, k = (e) => {
        i(), o.from = parseOldOrNewFile(e);
      }, y = (e) => {
        i(), o.to = parseOldOrNewFile(e);
      }, f = (e) => +(e || 1), M = (e, t) => {
        o || p(e);
        const [r, c, w, L] = t.slice(1);
        u = +r, m = +w, d = { content: e, changes: [], oldStart: +r, oldLines: f(c), newStart: +w, newLines: f(L) }, l = { oldLines: f(c), newLines: f(L) }, o.chunks.push(d);
      }, R = (e) => {
        d && (d.changes.push({ type: "del", del: true, ln: u++, content: e }), o.deletions++, l.oldLines--);
      }, b = (e) => {
        d && (d.changes.push({ type: "add", add: true, ln: m++, content: e }), o.additions++, l.newLines--);
      }, h = (e) => {
        if (!d) return;
        const [t] = d.changes.slice(-1);
        d.changes.push({ type: t.type, [t.type]: true, ln1: t.ln1, ln2: t.ln2, ln: t.ln, content: e });
      }, _ = [[/^diff\s/, p], [/^new file mode (\d+)$/, $], [/^deleted file mode (\d+)$/, N], [/^old mode (\d+)$/, x], [/^new mode (\d+)$/, F], [/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/, S], [/^---\s/, k], [/^\+\+\+\s/, y], [/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/, M], [/^\\ No newline at end of file$/, h]], v = [[/^\\ No newline at end of file$/, h], [/^-/, R], [/^\+/, b], [/^\s*/, g]], C = (e) => {
        for (const [t, r] of v) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
        l.oldLines === 0 && l.newLines === 0 && (l = null);
      }, H = (e) => {
        for (const [t, r] of _) {
          const c = e.match(t);
          if (c) {
            r(e, c);
            break;
          }
        }
      }, O = (e) => {
        l ? C(e) : H(e);
      };
      for (const e of s) O(e);
      return a;
    };
    var fileNameDiffRegex = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
    var gitFileHeaderRegex = /^(a|b|i|w|c|o|1|2)\//;
    var parseFiles = (n) => n?.match(fileNameDiffRegex)?.map((a) => a.replace(gitFileHeaderRegex, "").replace(/("|')$/, ""));
    var qoutedFileNameRegex = /^\\?['"]|\\?['"]$/g;
    var parseOldOrNewFile = (n) => {
      let s = leftTrimChars(n, "-+").trim();
      return s = removeTimeStamp(s), s.replace(qoutedFileNameRegex, "").replace(gitFileHeaderRegex, "");
    };
    var leftTrimChars = (n, s) => {
      if (n = makeString(n), !s && String.prototype.trimLeft) return n.trimLeft();
      const a = formTrimmingString(s);
      return n.replace(new RegExp(`^${a}+`), "");
    };
    var timeStampRegex = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
    var removeTimeStamp = (n) => {
      const s = timeStampRegex.exec(n);
      return s && (n = n.substring(0, s.index).trim()), n;
    };
    var formTrimmingString = (n) => n == null ? "\\s" : n instanceof RegExp ? n.source : `[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g, "\\$1")}]`;
    var makeString = (n) => `${n ?? ""}`;
  }
});

// src/publish/outputs.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

// src/report/html.ts
function siteFrame(site) {
  const frame = { file: site.file, line: site.line ?? site.baseLine ?? 0 };
  if (site.function !== void 0) frame.function = site.function;
  if (site.text !== void 0) frame.text = site.text;
  return frame;
}
function stacksOf(site) {
  const tracebacks = (site.tracebacks ?? []).filter((t) => t.size > 0 && t.frames.length > 0);
  const traced = tracebacks.reduce((sum, t) => sum + t.size, 0);
  if (traced === 0) return [{ frames: [siteFrame(site)], share: 1, split: false }];
  return tracebacks.map((t) => ({
    frames: t.frames,
    share: t.size / traced,
    split: tracebacks.length > 1
  }));
}
function frameKey(frame) {
  return `${frame.file}\0${frame.line}\0${frame.function ?? ""}`;
}
function shownFrame(frame) {
  const shown2 = {
    file: visibleText(frame.file),
    line: frame.line
  };
  if (frame.function !== void 0) shown2.function = visibleText(frame.function);
  if (frame.text !== void 0) shown2.text = visibleText(frame.text);
  return shown2;
}
function flameTree(sites) {
  const root = {
    function: "all changed sites",
    file: "",
    line: null,
    base: 0,
    head: 0,
    baseCount: 0,
    headCount: 0,
    children: []
  };
  const childIndex = /* @__PURE__ */ new Map();
  const add = (node, site, stack) => {
    node.base += Math.max(0, site.baseSize) * stack.share;
    node.head += Math.max(0, site.headSize) * stack.share;
    node.baseCount += Math.max(0, site.baseCount) * stack.share;
    node.headCount += Math.max(0, site.headCount) * stack.share;
    if (site.noisy) node.noisy = true;
    if (stack.split) node.split = true;
  };
  for (const site of sites) {
    for (const stack of stacksOf(site)) {
      let node = root;
      add(node, site, stack);
      for (const frame of stack.frames) {
        let index = childIndex.get(node);
        if (!index) childIndex.set(node, index = /* @__PURE__ */ new Map());
        const key = frameKey(frame);
        let child = index.get(key);
        if (!child) {
          child = {
            ...shownFrame(frame),
            base: 0,
            head: 0,
            baseCount: 0,
            headCount: 0,
            children: []
          };
          index.set(key, child);
          node.children.push(child);
        }
        add(child, site, stack);
        node = child;
      }
    }
  }
  const order = (node) => {
    node.children.sort((a, b) => b.head - a.head || b.base - a.base);
    node.children.forEach(order);
  };
  order(root);
  return root;
}
function siteRow(site) {
  const row = {
    file: visibleText(site.file),
    line: site.line ?? site.baseLine,
    base: site.baseSize,
    head: site.headSize,
    baseCount: site.baseCount,
    headCount: site.headCount
  };
  if (site.function !== void 0) row.function = visibleText(site.function);
  if (site.text !== void 0) row.text = visibleText(site.text);
  if (site.noisy) row.noisy = true;
  if (site.changedLine) row.changedLine = true;
  return row;
}
var StringTable = class {
  strings = [];
  positions = /* @__PURE__ */ new Map();
  at(text) {
    let position = this.positions.get(text);
    if (position === void 0) {
      position = this.strings.push(text) - 1;
      this.positions.set(text, position);
    }
    return position;
  }
  /** A copy of `place` with its strings as positions (one copy: the page is large). */
  place(place) {
    const indexed = { ...place };
    indexed.file = this.at(place.file);
    if (place.function !== void 0) indexed.function = this.at(place.function);
    if (place.text !== void 0) indexed.text = this.at(place.text);
    return indexed;
  }
  node(node) {
    const indexed = this.place(node);
    indexed.children = node.children.map((child) => this.node(child));
    return indexed;
  }
};
function pageData(report) {
  const table3 = new StringTable();
  const scenarios = report.scenarios.map((scenario) => ({
    views: {
      retained: table3.node(flameTree(scenario.sites)),
      ...scenario.peakSites && scenario.peakSites.sites.length > 0 ? { peak: table3.node(flameTree(scenario.peakSites.sites)) } : {}
    },
    sites: scenario.sites.map((site) => table3.place(siteRow(site)))
  }));
  return { strings: table3.strings, scenarios };
}
var NOISY_TITLE = "noisy: varies between runs of the same code";
function figure(measure, value, format) {
  if (value === null) return "\u2014";
  const text = escapeHtml(format(value));
  return measure.noisy ? `<span class="noisy" title="${NOISY_TITLE}">\u2248 ${text}</span>` : text;
}
function signedCount(n) {
  return n > 0 ? `+${groupDigits(n)}` : groupDigits(n);
}
function totalsRow(name, measure) {
  const bytes = MEASURES[name].unit === "bytes";
  const format = bytes ? formatBytes : groupDigits;
  const { base, head } = measure;
  const delta2 = base !== null && head !== null ? head - base : null;
  const percent = base !== null && head !== null ? formatPercent(percentChange(base, head)) : "\u2014";
  const cls = delta2 === null || delta2 === 0 ? "" : delta2 > 0 ? ' class="grew"' : ' class="shrank"';
  const label = MEASURES[name].words.name;
  return `<tr${cls}><th scope="row">${escapeHtml(label.charAt(0).toUpperCase() + label.slice(1))}</th><td>${figure(measure, base, format)}</td><td>${figure(measure, head, format)}</td><td>${figure(measure, delta2, bytes ? formatBytesDelta : signedCount)}</td><td>${escapeHtml(percent)}</td></tr>`;
}
function totalsTable(scenario) {
  const rows = MEASURE_NAMES.flatMap((name) => {
    const measure = measureOf(scenario, name);
    return measure ? [totalsRow(name, measure)] : [];
  });
  return `<table class="totals"><thead><tr><th></th><th scope="col">base</th><th scope="col">head</th><th scope="col">\u0394</th><th scope="col">%</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
function errorNote(scenario) {
  const { error } = scenario;
  if (!error) return "";
  const line = `${error.side} failed: ${error.type}: ${error.message}`;
  return `<p class="error">${escapeHtml(line)}</p>`;
}
function scenarioSection(scenario, index) {
  const sites = scenario.sites.length;
  const peak = scenario.peakSites?.sites.length ?? 0;
  return [
    `<section class="scenario" id="scenario-${index}">`,
    `<h2>${escapeHtml(scenario.name)} <small>${escapeHtml(scenario.status)}</small></h2>`,
    errorNote(scenario),
    totalsTable(scenario),
    sites + peak > 0 ? `<h3>Changed sites by call path</h3><div class="flame-box" data-scenario="${index}"></div><h3>Changed sites (${groupDigits(sites)})</h3><div class="table-box" data-scenario="${index}"></div>` : "<p>No changed allocation sites.</p>",
    "</section>"
  ].join("\n");
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
function sideText(side) {
  return `${shortSha(side.sha)}${side.ref ? ` (${side.ref})` : ""}${side.workingTree ? " + working tree" : ""}`;
}
var STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; }
h2 small { font-weight: normal; color: #59636e; font-size: 13px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eaeef2; text-align: right; white-space: nowrap; }
th { font-weight: 600; }
td.text, th.text { text-align: left; white-space: normal; }
td.code { font-family: ui-monospace, monospace; font-size: 12px; text-align: left; max-width: 360px; overflow-wrap: anywhere; white-space: normal; }
tr.grew td { color: #a40e26; }
tr.shrank td { color: #0a3069; }
.noisy { text-decoration: underline dotted; }
.error { color: #a40e26; }
.bar { display: flex; gap: 8px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
.bar input { width: 260px; }
.found { color: #59636e; }
.flame { position: relative; width: 100%; overflow: hidden; }
.frame { position: absolute; box-sizing: border-box; height: 19px; border-right: 1px solid #fff; padding: 0 3px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 12px/19px ui-monospace, monospace; cursor: pointer; }
.frame.ancestor { opacity: 0.6; }
.frame.noisy { background-image: repeating-linear-gradient(135deg, transparent 0 4px, rgba(0,0,0,0.12) 4px 6px); }
.searching .frame { opacity: 0.35; }
.searching .frame.match { opacity: 1; outline: 2px solid #8250df; outline-offset: -2px; font-weight: 600; }
#tip { position: fixed; display: none; pointer-events: none; background: #fff; border: 1px solid #8c959f; border-radius: 4px; padding: 6px 8px; box-shadow: 0 2px 8px rgba(0,0,0,0.15); max-width: 520px; font-size: 12px; z-index: 10; overflow-wrap: anywhere; }
.sites th button { font: inherit; border: 0; background: none; cursor: pointer; padding: 0; }
.sites th[aria-sort="ascending"] button::after { content: " \\25B2"; }
.sites th[aria-sort="descending"] button::after { content: " \\25BC"; }
.changed { color: #9a6700; font-size: 12px; }
.legend { color: #59636e; font-size: 13px; }
.key { display: inline-block; width: 12px; height: 12px; vertical-align: middle; }
`;
var PAGE_SCRIPT = String.raw`(function () {
'use strict';
var data = JSON.parse(document.getElementById('allocdiff-data').textContent);
var STRINGS = data.strings;
function named(n) {
  n.file = STRINGS[n.file];
  if (n['function'] !== undefined) n['function'] = STRINGS[n['function']];
  if (n.text !== undefined) n.text = STRINGS[n.text];
}
var ROW = 20, LIMIT = 500;
var tip = document.getElementById('tip');
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function bytes(n) {
  var sign = n < 0 ? '-' : '', v = Math.abs(Math.round(n)), units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return sign + (i === 0 ? String(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)) + ' ' + units[i];
}
function signed(n, format) { return (n > 0 ? '+' : '') + format(n); }
function count(n) { return Math.round(n).toLocaleString('en-US'); }
function percent(b, h) {
  if (b === 0) return h === 0 ? '0 %' : 'new';
  var p = (h - b) / Math.abs(b) * 100;
  return (p > 0 ? '+' : '') + p.toFixed(Math.abs(p) >= 10 ? 1 : 2) + ' %';
}
function where(n) { return n.line === null ? n.file : n.file + ':' + n.line; }
function label(n) { return n.file === '' ? n['function'] : (n['function'] ? n['function'] + ' \u00b7 ' : '') + where(n); }
function colour(n) {
  var top = Math.max(n.head, n.base);
  if (top <= 0 || n.head === n.base) return 'hsl(0,0%,86%)';
  var r = (n.head - n.base) / top;
  return 'hsl(' + (r > 0 ? 4 : 214) + ',78%,' + (90 - 40 * Math.abs(r)).toFixed(1) + '%)';
}
function link(node, parent) {
  named(node);
  node.parent = parent;
  node.search = (label(node) + ' ' + (node.text || '')).toLowerCase();
  for (var i = 0; i < node.children.length; i++) link(node.children[i], node);
}
function showTip(n, x, y) {
  tip.textContent = '';
  var lines = [label(n), n.text,
    'head: ' + bytes(n.head) + ' in ' + count(n.headCount) + ' blocks',
    'base: ' + bytes(n.base) + ' in ' + count(n.baseCount) + ' blocks',
    'change: ' + signed(n.head - n.base, bytes) + ' (' + percent(n.base, n.head) + '), ' + signed(Math.round(n.headCount - n.baseCount), count) + ' blocks',
    n.split ? 'a site with several call paths is split across them as its traced bytes are' : null,
    n.noisy ? '\u2248 noisy: a site under it varies between runs of the same code' : null];
  for (var i = 0; i < lines.length; i++) if (lines[i]) tip.appendChild(el('div', null, lines[i]));
  tip.style.display = 'block';
  var w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = Math.max(0, Math.min(x + 12, window.innerWidth - w - 4)) + 'px';
  tip.style.top = (y + 16 + h > window.innerHeight ? y - h - 8 : y + 16) + 'px';
}
function flame(box, views) {
  var names = Object.keys(views), state = { view: names[0], focus: null, query: '' };
  var owner = new WeakMap();
  var bar = el('div', 'bar'), graph = el('div', 'flame'), found = el('span', 'found'), narrow = el('p', 'legend');
  if (names.length > 1) {
    var select = el('select');
    select.setAttribute('aria-label', 'Sites');
    names.forEach(function (name) {
      var o = el('option', null, name === 'peak' ? 'at the peak' : 'retained');
      o.value = name;
      select.appendChild(o);
    });
    select.addEventListener('change', function () { state.view = select.value; state.focus = null; draw(); });
    bar.appendChild(select);
  }
  var search = el('input');
  search.type = 'search';
  search.placeholder = 'Search functions, files, lines';
  search.setAttribute('aria-label', 'Search frames');
  var reset = el('button', null, 'Reset zoom');
  reset.type = 'button';
  bar.appendChild(search); bar.appendChild(reset); bar.appendChild(found);
  box.appendChild(bar); box.appendChild(graph); box.appendChild(narrow);
  names.forEach(function (name) { link(views[name], null); });
  function place(n, x, w, depth, ancestor) {
    var f = el('div', 'frame' + (ancestor ? ' ancestor' : '') + (n.noisy ? ' noisy' : ''), label(n));
    f.style.left = x + 'px';
    f.style.width = w + 'px';
    f.style.top = depth * ROW + 'px';
    f.style.backgroundColor = colour(n);
    owner.set(f, n);
    graph.appendChild(f);
  }
  function draw() {
    var root = views[state.view], focus = state.focus || root, width = graph.clientWidth;
    graph.textContent = '';
    var chain = [];
    for (var a = focus; a; a = a.parent) chain.unshift(a);
    for (var i = 0; i < chain.length - 1; i++) place(chain[i], 0, width, i, true);
    var scale = focus.head > 0 ? width / focus.head : 0, deepest = chain.length - 1;
    var todo = [[focus, 0, chain.length - 1]], hidden = 0;
    while (todo.length) {
      var item = todo.pop(), n = item[0], x = item[1], d = item[2];
      var w = n === focus ? width : n.head * scale;
      if (w < 0.5) { hidden++; continue; }
      place(n, x, w, d, false);
      if (d > deepest) deepest = d;
      for (var c = 0, cx = x; c < n.children.length; c++) {
        todo.push([n.children[c], cx, d + 1]);
        cx += n.children[c].head * scale;
      }
    }
    graph.style.height = (deepest + 1) * ROW + 'px';
    narrow.textContent = hidden > 0 ? hidden + ' frame' + (hidden === 1 ? ' is' : 's are') + ' too narrow to draw here: zoom in, or see the table' : '';
    mark();
  }
  function mark() {
    var q = state.query, frames = graph.children;
    graph.classList.toggle('searching', q !== '');
    for (var i = 0; i < frames.length; i++) {
      frames[i].classList.toggle('match', q !== '' && owner.get(frames[i]).search.indexOf(q) >= 0);
    }
    if (q === '') { found.textContent = ''; return; }
    var root = views[state.view], matched = 0, sum = 0, todo = [root];
    while (todo.length) {
      var n = todo.pop();
      if (n !== root && n.search.indexOf(q) >= 0) { matched++; sum += n.head; continue; }
      for (var c = 0; c < n.children.length; c++) todo.push(n.children[c]);
    }
    found.textContent = matched + ' matching frame' + (matched === 1 ? '' : 's') + ': ' + bytes(sum) + ' of ' + bytes(root.head) + ' on head';
  }
  graph.addEventListener('click', function (e) {
    var n = owner.get(e.target);
    if (!n) return;
    state.focus = n.parent ? n : null;
    draw();
  });
  graph.addEventListener('mousemove', function (e) {
    var n = owner.get(e.target);
    if (n) showTip(n, e.clientX, e.clientY); else tip.style.display = 'none';
  });
  graph.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  search.addEventListener('input', function () { state.query = search.value.trim().toLowerCase(); mark(); });
  reset.addEventListener('click', function () { state.focus = null; draw(); });
  window.addEventListener('resize', draw);
  draw();
}
var COLUMNS = [
  ['Site', 'text', function (r) { return where(r); }],
  ['Function', 'text', function (r) { return r['function'] || ''; }],
  ['Source line', 'code', function (r) { return r.text || ''; }],
  ['Base', 'bytes', function (r) { return r.base; }],
  ['Head', 'bytes', function (r) { return r.head; }],
  ['\u0394', 'delta', function (r) { return r.head - r.base; }],
  ['Base blocks', 'count', function (r) { return r.baseCount; }],
  ['Head blocks', 'count', function (r) { return r.headCount; }],
  ['\u0394 blocks', 'dcount', function (r) { return r.headCount - r.baseCount; }]
];
function table(box, rows) {
  var t = el('table', 'sites'), head = el('tr'), body = el('tbody'), note = el('p', 'legend');
  var order = rows.slice(), sorted = -1, ascending = false;
  COLUMNS.forEach(function (col, i) {
    var th = el('th', col[1] === 'text' || col[1] === 'code' ? 'text' : null);
    th.scope = 'col';
    var b = el('button', null, col[0]);
    b.type = 'button';
    b.addEventListener('click', function () {
      ascending = sorted === i ? !ascending : col[1] === 'text' || col[1] === 'code';
      sorted = i;
      order.sort(function (x, y) {
        var a = col[2](x), z = col[2](y);
        var c = typeof a === 'number' ? a - z : a < z ? -1 : a > z ? 1 : 0;
        return ascending ? c : -c;
      });
      head.querySelectorAll('th').forEach(function (h, j) {
        if (j === i) h.setAttribute('aria-sort', ascending ? 'ascending' : 'descending'); else h.removeAttribute('aria-sort');
      });
      fill();
    });
    th.appendChild(b);
    head.appendChild(th);
  });
  var thead = el('thead');
  thead.appendChild(head);
  t.appendChild(thead); t.appendChild(body);
  function cell(r, col) {
    var v = col[2](r), kind = col[1], td = el('td', kind === 'text' || kind === 'code' ? kind : null);
    var text = kind === 'bytes' ? bytes(v) : kind === 'delta' ? signed(v, bytes) : kind === 'count' ? count(v) : kind === 'dcount' ? signed(v, count) : v;
    if (r.noisy && (kind === 'bytes' || kind === 'delta')) {
      td.className = 'noisy';
      td.title = 'noisy: varies between runs of the same code';
      text = '\u2248 ' + text;
    }
    td.textContent = text;
    if (col[0] === 'Site' && r.changedLine) td.appendChild(el('span', 'changed', ' changed here'));
    return td;
  }
  function fill() {
    body.textContent = '';
    var shown = order.slice(0, LIMIT);
    for (var i = 0; i < shown.length; i++) {
      var r = shown[i], tr = el('tr', r.head > r.base ? 'grew' : r.head < r.base ? 'shrank' : null);
      for (var c = 0; c < COLUMNS.length; c++) tr.appendChild(cell(r, COLUMNS[c]));
      body.appendChild(tr);
    }
    note.textContent = rows.length > LIMIT ? 'The first ' + LIMIT + ' of ' + rows.length + ' sites in this order; the JSON report lists them all.' : '';
  }
  box.appendChild(t); box.appendChild(note);
  fill();
}
document.querySelectorAll('.flame-box').forEach(function (box) {
  flame(box, data.scenarios[Number(box.getAttribute('data-scenario'))].views);
});
data.scenarios.forEach(function (scenario) { scenario.sites.forEach(named); });
document.querySelectorAll('.table-box').forEach(function (box) {
  table(box, data.scenarios[Number(box.getAttribute('data-scenario'))].sites);
});
})();`;
var PAGE_SCRIPT_HASH = "sha256-hWZTHaRrpdztJ9FHNx1nRSS06rLIv3yXH4Iq72zagXo=";
var POLICY = `default-src 'none'; script-src '${PAGE_SCRIPT_HASH}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
function renderHtml(report) {
  const title = `allocdiff: ${shortSha(report.base.sha)} \u2192 ${shortSha(report.head.sha)}`;
  const context = [
    report.repository ? escapeHtml(report.repository) : void 0,
    report.pullRequest !== void 0 ? `pull request #${report.pullRequest}` : void 0,
    `base ${escapeHtml(sideText(report.base))} \u2192 head ${escapeHtml(sideText(report.head))}`,
    report.environment.python ? `${escapeHtml(report.environment.implementation ?? "Python")} ${escapeHtml(report.environment.python)}` : void 0,
    `${report.environment.frames} frame${report.environment.frames === 1 ? "" : "s"} per traceback`
  ].filter((part) => part !== void 0);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>Verdict: <strong>${escapeHtml(report.accepted ? "accepted" : report.verdict)}</strong> \xB7 ${context.join(" \xB7 ")}</p>`,
    `<p class="legend">Flame graph: one box per frame of the call paths to the changed sites, oldest call on top; a box's width is head's retained bytes under it, its colour the change from base (<span class="key" style="background:hsl(4,78%,55%)"></span> grew, <span class="key" style="background:hsl(214,78%,55%)"></span> shrank, <span class="key" style="background:hsl(0,0%,86%)"></span> unchanged); striped and \u2248: noisy, varies between runs of the same code. Hover for both sides, click to zoom, search to highlight. A site gone from head has no width: the table lists it.</p>`,
    "<noscript><p>The flame graphs and site tables need JavaScript; the JSON report holds the same figures.</p></noscript>",
    ...report.scenarios.map(scenarioSection),
    '<div id="tip" role="tooltip"></div>',
    `<script type="application/json" id="allocdiff-data">${jsonForScript(pageData(report))}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    "</body>",
    "</html>",
    ""
  ].join("\n");
}

// src/publish/outputs.ts
function renderOptions(settings) {
  const options = {};
  if (settings.topSites !== void 0) options.topSites = settings.topSites;
  if (settings.htmlUrl !== void 0) options.htmlUrl = settings.htmlUrl;
  return options;
}
function summaryPathOf(markdownPath) {
  return markdownPath.endsWith(".md") ? `${markdownPath.slice(0, -3)}.summary.md` : `${markdownPath}.summary.md`;
}
function htmlPathOf(markdownPath) {
  return markdownPath.endsWith(".md") ? `${markdownPath.slice(0, -3)}.html` : `${markdownPath}.html`;
}
var OUTPUTS = [
  {
    name: "report",
    label: "JSON report",
    description: "Path of the JSON report (its fields are documented in the README).",
    path: (paths) => paths.jsonPath,
    render: (report) => renderJson(report)
  },
  {
    name: "comment",
    label: "Markdown",
    description: "Path of the Markdown comment (written even when the comment input keeps it off the pull request).",
    path: (paths) => paths.markdownPath,
    render: (report, { topSites, htmlUrl }) => renderMarkdown(report, { topSites, htmlUrl })
  },
  {
    name: "summary",
    label: "Full Markdown report",
    description: "Path of the full Markdown report: the job summary's text, every changed site listed.",
    path: (paths) => summaryPathOf(paths.markdownPath),
    render: (report, { topSites }) => renderSummary(report, topSites)
  },
  {
    name: "html",
    label: "HTML report",
    description: "Path of the HTML report: one self-contained page with each scenario's totals, a differential flame graph of the changed sites and the sortable site table.",
    path: (paths) => htmlPathOf(paths.markdownPath),
    render: (report) => renderHtml(report)
  }
];
async function writeOutputs(paths, report, options = {}, outputs = OUTPUTS) {
  const written2 = {};
  for (const output of outputs) {
    const path = output.path(paths);
    const content = output.render(report, options);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written2[output.name] = { path, content };
  }
  return written2;
}

// src/pipeline.ts
import { mkdir as mkdir3, mkdtemp as mkdtemp3, realpath as realpath2, rm as rm6, writeFile as writeFile5 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { dirname as dirname3, join as join8, relative, resolve, sep } from "node:path";

// src/budgets/markers.ts
var ACCEPTED = {
  allocdiff: `keyword arguments ${BUDGET_METRICS.join(", ")}, each a text of limits as in a config file, e.g. retained="+10KB", peak="64MB, +5% (warn)"`,
  limit_memory: `one size, e.g. "24 MB" (pytest-memray's format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as memory_limit, and current_thread_only`,
  limit_leaks: `one size, e.g. "1 MB" (pytest-memray's format: <NUMBER> B, KB, MB, GB, TB or PB, powers of 1024), as location_limit, and filter_fn, current_thread_only`
};
var MEMRAY = {
  limit_memory: { metric: "peak", size: "memory_limit", options: ["current_thread_only"] },
  limit_leaks: {
    metric: "site",
    size: "location_limit",
    options: ["filter_fn", "current_thread_only"]
  }
};
var MEMRAY_SIZE = /^\s*\+?(\d*\.\d+|\d+)\s*([KMGTP]?B)\s*$/i;
var MEMRAY_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];
function shown(value) {
  if (value !== null && typeof value === "object") return value.repr;
  return JSON.stringify(value);
}
function written(marker) {
  const args = [
    ...marker.args.map(shown),
    ...marker.kwargs.map(([key, value]) => `${key}=${shown(value)}`)
  ];
  return `${marker.name}(${args.join(", ")})`;
}
function memraySize(value) {
  if (typeof value !== "string") return void 0;
  const match = MEMRAY_SIZE.exec(value);
  if (!match) return void 0;
  const unit = match[2].toUpperCase();
  const amount = Math.round(Number(match[1]) * 1024 ** MEMRAY_UNITS.indexOf(unit));
  if (!Number.isSafeInteger(amount)) return void 0;
  const text = `${match[1]}${unit === "B" ? "B" : `${unit[0]}iB`}`;
  return { kind: "ceiling", amount, text };
}
function markerRules(marker) {
  const problems = [];
  const rules = [];
  const accepted = ACCEPTED[marker.name] ?? "nothing";
  if (marker.name === "allocdiff") {
    if (marker.args.length > 0) {
      problems.push(`positional argument ${shown(marker.args[0])}: allocdiff takes ${accepted}`);
    }
    if (marker.args.length === 0 && marker.kwargs.length === 0) {
      problems.push(`no budget given; allocdiff takes ${accepted}`);
    }
    for (const [key, value] of marker.kwargs) {
      if (!isBudgetMetric(key)) {
        problems.push(`unknown argument "${key}"; allocdiff takes ${accepted}`);
        continue;
      }
      if (typeof value !== "string") {
        problems.push(
          `${key}=${shown(value)}: limits are text, e.g. ${key}="+10KB"; allocdiff takes ${accepted}`
        );
        continue;
      }
      const rule = parseRuleLimits(key, value);
      if (!rule.ok) {
        problems.push(...rule.problems.map((problem) => `${key}=${shown(value)}: ${problem}`));
        continue;
      }
      rules.push({ ...rule.value, source: `allocdiff(${key}=${shown(value)})` });
    }
  } else {
    const memray = MEMRAY[marker.name];
    if (!memray) return { ok: false, problems: [`unknown marker "${marker.name}"`] };
    const sizes = [...marker.args];
    for (const [key, value] of marker.kwargs) {
      if (key === memray.size) sizes.push(value);
      else if (!memray.options.includes(key)) {
        problems.push(`unknown argument "${key}"; ${marker.name} takes ${accepted}`);
      }
    }
    if (sizes.length !== 1) {
      problems.push(`${sizes.length} sizes given; ${marker.name} takes ${accepted}`);
    } else {
      const limit = memraySize(sizes[0]);
      if (limit === void 0) {
        problems.push(`${shown(sizes[0])} is not a size; ${marker.name} takes ${accepted}`);
      } else {
        const unapplied = marker.kwargs.some(([key]) => key === "filter_fn") ? " (filter_fn not applied: every site counts)" : "";
        rules.push({
          metric: memray.metric,
          limits: [limit],
          level: "fail",
          source: `${written(marker)}${unapplied}`
        });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}
function sideRules(snapshot) {
  const rules = /* @__PURE__ */ new Map();
  const problems = [];
  for (const scenario of snapshot?.scenarios ?? []) {
    for (const marker of scenario.budgetMarkers ?? []) {
      const parsed = markerRules(marker);
      if (parsed.ok)
        rules.set(scenario.name, [...rules.get(scenario.name) ?? [], ...parsed.rules]);
      else {
        problems.push(
          ...parsed.problems.map(
            (problem) => `test ${scenario.name}: @pytest.mark.${written(marker)}: ${problem}`
          )
        );
      }
    }
  }
  return { rules, problems };
}
function ruleKey(rule) {
  return `${rule.metric}\0${rule.level}\0${rule.limits.map((limit) => `${limit.kind}:${"amount" in limit ? limit.amount : limit.percent}`).join(",")}`;
}
function markerBudgets(base, head) {
  const fromBase = sideRules(base);
  const fromHead = sideRules(head);
  if (fromHead.problems.length > 0) throw new BudgetSyntaxError(fromHead.problems);
  const rules = /* @__PURE__ */ new Map();
  for (const side of [fromBase.rules, fromHead.rules]) {
    for (const [name, added] of side) {
      const kept = rules.get(name) ?? [];
      const seen = new Set(kept.map(ruleKey));
      for (const rule of added) {
        if (seen.has(ruleKey(rule))) continue;
        seen.add(ruleKey(rule));
        kept.push(rule);
      }
      rules.set(name, kept);
    }
  }
  const warnings = fromBase.problems.map(
    (problem) => `base's marker budget not checked: ${problem}`
  );
  return { rules, headRules: fromHead.rules, warnings };
}

// src/capture/backend.ts
import { rm as rm3, writeFile as writeFile4 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/capture/command-backend.ts
import { existsSync } from "node:fs";
import { mkdir as mkdir2, rm, writeFile as writeFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/capture/merge-repeats.ts
function siteKey(site) {
  return `${site.file}\0${site.line}`;
}
var allEqual = (values) => values.every((v) => v === values[0]);
function mergeScenario(runs) {
  const [first] = runs;
  const failed = runs.find((run) => run.status === "failed");
  if (failed) return failed;
  const byKey = /* @__PURE__ */ new Map();
  runs.forEach((run, index) => {
    for (const site of run.sites) {
      const key = siteKey(site);
      let entry = byKey.get(key);
      if (!entry) {
        const rest = { ...site };
        delete rest.sizes;
        delete rest.counts;
        entry = { site: rest, sizes: runs.map(() => 0), counts: runs.map(() => 0) };
        byKey.set(key, entry);
      }
      entry.sizes[index] = site.size;
      entry.counts[index] = site.count;
    }
  });
  const sites = [...byKey.values()].map(({ site, sizes, counts }) => {
    const merged = { ...site, size: sizes[0], count: counts[0] };
    if (!allEqual(sizes) || !allEqual(counts)) {
      merged.sizes = sizes;
      merged.counts = counts;
    }
    return merged;
  });
  sites.sort(
    (a, b) => b.size - a.size || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line
  );
  return {
    ...first,
    repeats: runs.map((run) => run.repeats[0]).filter((totals) => totals !== void 0),
    sites
  };
}
function mergeProcessRepeats(snapshots) {
  const [first] = snapshots;
  if (snapshots.length === 1) return first;
  return {
    ...first,
    repeats: snapshots.length,
    timings: {
      setupSeconds: snapshots.reduce((sum, s) => sum + s.timings.setupSeconds, 0),
      totalSeconds: snapshots.reduce((sum, s) => sum + s.timings.totalSeconds, 0)
    },
    scenarios: first.scenarios.map(
      (scenario) => mergeScenario(
        snapshots.map((snapshot) => snapshot.scenarios.find((s) => s.name === scenario.name)).filter((s) => s !== void 0)
      )
    )
  };
}
function sameFigures(a, b) {
  if (a.status !== "ok" || b.status !== "ok" || a.peakBytes !== b.peakBytes || a.retainedBytes !== b.retainedBytes || a.retainedCount !== b.retainedCount || a.sites.length !== b.sites.length)
    return false;
  const sizes = new Map(a.sites.map((site) => [siteKey(site), site]));
  return b.sites.every((site) => {
    const other = sizes.get(siteKey(site));
    return other !== void 0 && other.size === site.size && other.count === site.count;
  });
}
function sameAsFile(earlier) {
  const lines = [];
  for (const scenario of earlier.scenarios) {
    if (scenario.kind !== "function" || scenario.status !== "ok") continue;
    const sites = scenario.sites.map(
      (site) => `site ${site.line} ${site.size} ${site.count} ${site.file}`
    );
    if (/\s/.test(scenario.name) || scenario.sites.some((site) => !/^[^\r\n]+$/.test(site.file)))
      continue;
    lines.push(
      `function ${scenario.name} ${scenario.peakBytes} ${scenario.retainedBytes} ${scenario.retainedCount}`,
      ...sites
    );
  }
  return lines.length > 0 ? `${lines.join("\n")}
` : void 0;
}

// src/capture/outcome.ts
function emptySnapshot(frames) {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: "none" },
    python: { version: "", implementation: "" },
    platform: "",
    frames,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios: [],
    unmeasured: []
  };
}
function failedSnapshot(scenario, error, frames) {
  return {
    ...emptySnapshot(frames),
    scenarios: [
      {
        name: scenario,
        kind: "script",
        status: "failed",
        error,
        peakBytes: 0,
        retainedBytes: 0,
        retainedCount: 0,
        durationSeconds: 0,
        repeats: [],
        sites: []
      }
    ]
  };
}
function snapshotOf(outcome, context) {
  switch (outcome.kind) {
    case "measured":
      return outcome.snapshot;
    case "absent":
      return emptySnapshot(context.frames);
    case "failed":
      return failedSnapshot(context.benchmark, outcome.error, context.frames);
  }
}
function sideSnapshots(outcomes, context) {
  const base = snapshotOf(outcomes.base, context);
  const head = snapshotOf(outcomes.head, context);
  return {
    base: outcomes.base.kind === "failed" ? spreadSideFailure(base, head) : base,
    head: outcomes.head.kind === "failed" ? spreadSideFailure(head, base) : head
  };
}
function spreadSideFailure(side, other) {
  const [failure] = side.scenarios;
  if (side.scenarios.length !== 1 || failure.status !== "failed") return side;
  const names = other.scenarios.map((scenario) => scenario.name);
  if (names.length === 0 || names.length === 1 && names[0] === failure.name) return side;
  return {
    ...side,
    scenarios: other.scenarios.map((scenario) => ({
      ...failure,
      name: scenario.name,
      kind: scenario.kind
    }))
  };
}

// src/capture/test-selection.ts
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
var FILE = external_exports.object({
  tests: external_exports.array(
    external_exports.tuple([
      external_exports.string(),
      external_exports.array(external_exports.number().int()),
      external_exports.array(external_exports.number().int()),
      external_exports.array(external_exports.number().int()),
      external_exports.boolean()
    ])
  ),
  session: external_exports.object({
    files: external_exports.array(external_exports.number().int()),
    folders: external_exports.array(external_exports.number().int()),
    importFolders: external_exports.array(external_exports.string())
  }),
  paths: external_exports.array(external_exports.string())
});
async function readTestReads(dir) {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".reads.json")).sort();
  if (names.length === 0) return void 0;
  const tests = /* @__PURE__ */ new Map();
  const session = {
    files: /* @__PURE__ */ new Set(),
    folders: /* @__PURE__ */ new Set(),
    imports: /* @__PURE__ */ new Set()
  };
  for (const name of names) {
    const parsed = FILE.safeParse(JSON.parse(await readFile(join(dir, name), "utf8")));
    if (!parsed.success) {
      throw new InvalidDataError(
        `the reads file ${name} is not what the harness writes: ${parsed.error.message}`
      );
    }
    const { paths } = parsed.data;
    const pathsOf = (indexes) => indexes.map((index) => {
      const path = paths[index];
      if (path === void 0)
        throw new InvalidDataError(`the reads file ${name} names path ${index}, which it lacks`);
      return path;
    });
    for (const [nodeid, files, folders, imports, failed] of parsed.data.tests) {
      const entry = tests.get(nodeid) ?? {
        files: /* @__PURE__ */ new Set(),
        folders: /* @__PURE__ */ new Set(),
        imports: /* @__PURE__ */ new Set(),
        failed: false
      };
      for (const folder of pathsOf(imports)) entry.imports.add(folder);
      for (const file of pathsOf(files)) entry.files.add(file);
      for (const folder of pathsOf(folders)) entry.folders.add(folder);
      entry.failed ||= failed;
      tests.set(nodeid, entry);
    }
    for (const file of pathsOf(parsed.data.session.files)) session.files.add(file);
    for (const folder of pathsOf(parsed.data.session.folders)) session.folders.add(folder);
    for (const folder of parsed.data.session.importFolders) session.imports.add(folder);
  }
  return {
    tests: [...tests].map(([nodeid, entry]) => ({
      nodeid,
      files: [...entry.files],
      folders: [...entry.folders],
      importFolders: [...entry.imports],
      failed: entry.failed
    })),
    session: {
      files: [...session.files],
      folders: [...session.folders],
      importFolders: [...session.imports]
    }
  };
}
var count = (n, what) => `${n.toLocaleString("en")} ${what}${n === 1 ? "" : "s"}`;
function selectTests(reads, diff, always) {
  const global = diff.firstTouched({
    files: [...reads.session.files, ...always],
    folders: [],
    importFolders: reads.session.importFolders
  });
  if (global !== void 0) {
    return {
      kind: "all",
      why: `the diff changes ${global}, which the whole test session reads`
    };
  }
  const run = [];
  const skip = [];
  const files = /* @__PURE__ */ new Set();
  for (const test of reads.tests) {
    const touched = test.failed || diff.firstTouched({
      files: test.files,
      folders: test.folders,
      importFolders: test.importFolders
    }) !== void 0;
    (touched ? run : skip).push(test.nodeid);
    if (!touched) for (const file of test.files) files.add(file);
  }
  const listed = new Set(reads.session.folders);
  const collected = diff.onOneSide().some((path) => path.endsWith(".py") && listed.has(path.replace(/\/?[^/]*$/, "") || "."));
  const why = `${skip.length.toLocaleString("en")} of ${count(reads.tests.length, "test")} not run: on base they ran or opened ${count(files.size, "file")} of the repository, none of which this pull request changes`;
  return { kind: run.length === 0 && !collected ? "none" : "some", skip, run, why };
}

// src/capture/command-backend.ts
function commandBackend(command, workingDirectory) {
  return {
    name: command,
    inDepth: true,
    measure: async (checkoutDir, options) => {
      if (inDepth(options)) return measureInDepth(command, workingDirectory, checkoutDir, options);
      const run = await runCommand(command, workingDirectory, checkoutDir, options);
      return withCommandFailure(command, run, options.frames);
    },
    // The command once more, each Python process (each pytest test) keeping tracebacks of the
    // sites; with `only`, just those tests run. A run that failed as a whole (the command's exit,
    // a timeout, the merge) gives none; a process that raised only costs its own.
    trace: async (checkoutDir, options, sitesFile) => {
      const run = await runCommand(command, workingDirectory, checkoutDir, options, {
        setup: false,
        env: { ALLOCDIFF_TRACEBACK_SITES: sitesFile },
        files: options.only ? { ALLOCDIFF_TESTS: selectionFile(options.only) } : {}
      });
      if (run.kind !== "measured") return run;
      if (run.commandFailure) return { kind: "failed", error: run.commandFailure };
      return { kind: "measured", snapshot: run.snapshot };
    },
    readTests: (checkoutDir, options) => readTests(command, workingDirectory, checkoutDir, options),
    nothingMeasured: (base, head) => measuredNothing(base) && measuredNothing(head) ? nothingMeasuredMessage(command, snapshotOfNothing(base), snapshotOfNothing(head)) : void 0
  };
}
function withCommandFailure(command, run, frames) {
  if (run.kind !== "measured" || !run.commandFailure) return run;
  const { scenarios } = failedSnapshot(command, run.commandFailure, frames);
  run.snapshot.scenarios.push(...scenarios);
  return { kind: "measured", snapshot: run.snapshot };
}
function inDepth(options) {
  const peaks = options.peakSites;
  return options.only !== void 0 || (options.repeats ?? 1) > 1 || options.objectTypes === true || peaks === true || Array.isArray(peaks) && peaks.length > 0;
}
function selectionFile(names) {
  const ids = /* @__PURE__ */ new Set();
  for (const name of names) {
    ids.add(name);
    const started = name.indexOf(" > ");
    if (started > 0) ids.add(name.slice(0, started));
  }
  return [...ids].filter((id) => !/[\r\n]/.test(id)).join("\n") + "\n";
}
async function measureInDepth(command, workingDirectory, checkoutDir, options) {
  const { log } = options;
  const earlier = options.sameAs;
  const only = earlier && options.only ? new Set(options.only) : void 0;
  if (only && only.size === 0) return { kind: "measured", snapshot: earlier };
  const selection = only ? { ALLOCDIFF_TESTS: selectionFile([...only]) } : {};
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const peaks = peakTargets(options.peakSites, earlier);
  log.info(
    `in depth: ${only ? `${only.size} scenario${only.size === 1 ? "" : "s"} that differed` : "every test"} (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ""})`
  );
  const firstFigures = (why) => {
    log.warning(`no measurement in depth: ${why}; the first run's figures stand`);
    return { kind: "measured", snapshot: earlier };
  };
  const deep = await runCommand(command, workingDirectory, checkoutDir, options, {
    env: {
      ALLOCDIFF_REPEATS: String(repeats),
      ALLOCDIFF_ITERATIONS: String(iterations),
      ALLOCDIFF_OBJECT_TYPES: options.objectTypes ? "1" : "0",
      ...peaks === true ? { ALLOCDIFF_PEAK_SITES: "1" } : {}
    },
    files: {
      ...selection,
      ...typeof peaks === "string" ? { ALLOCDIFF_PEAK_TARGETS: peaks } : {}
    }
  });
  if (earlier && deep.kind === "failed") return firstFigures(deep.error.message);
  if (earlier && deep.kind === "measured" && deep.commandFailure)
    return firstFigures(deep.commandFailure.message);
  if (deep.kind !== "measured") return deep;
  let snapshot = deep.snapshot;
  const processes = snapshot.scenarios.filter(
    (s) => s.kind === "process" && s.status === "ok" && (!only || only.has(s.name))
  );
  if (processes.length > 0 && repeats > 1) {
    const runs = [{ ...snapshot, scenarios: processes }];
    for (let index = 2; index <= repeats; index += 1) {
      log.info(`processes: measurement ${index} of ${repeats} (the command again)`);
      const run = await runCommand(command, workingDirectory, checkoutDir, options, {
        setup: false,
        files: only ? { ALLOCDIFF_TESTS: selectionFile(processes.map((s) => s.name)) } : {}
      });
      if (run.kind !== "measured" || run.commandFailure) {
        log.warning(
          `processes measured ${index - 1} time${index === 2 ? "" : "s"}: ` + (run.kind === "measured" ? run.commandFailure.message : run.kind === "failed" ? run.error.message : "nothing measured")
        );
        break;
      }
      runs.push(run.snapshot);
    }
    const merged = new Map(mergeProcessRepeats(runs).scenarios.map((s) => [s.name, s]));
    snapshot = {
      ...snapshot,
      scenarios: snapshot.scenarios.map((s) => merged.get(s.name) ?? s)
    };
  }
  if (!only || !earlier) return { kind: "measured", snapshot };
  const measured = new Map(
    snapshot.scenarios.filter((s) => only.has(s.name)).map((s) => [s.name, s])
  );
  const scenarios = earlier.scenarios.map((s) => measured.get(s.name) ?? s);
  const known = new Set(earlier.scenarios.map((s) => s.name));
  scenarios.push(...[...measured.values()].filter((s) => !known.has(s.name)));
  const notes = new Set(earlier.unmeasured.map((note) => JSON.stringify(note)));
  const unmeasured = [
    ...earlier.unmeasured.filter((note) => !note.scenario || !only.has(note.scenario)),
    ...snapshot.unmeasured.filter(
      (note) => note.scenario && only.has(note.scenario) || !note.scenario && !notes.has(JSON.stringify(note))
    )
  ];
  return {
    kind: "measured",
    snapshot: { ...earlier, repeats, iterations, scenarios, unmeasured }
  };
}
function peakTargets(asked, earlier) {
  if (!asked || Array.isArray(asked) && asked.length === 0) return void 0;
  const tests = (earlier?.scenarios ?? []).filter(
    (s) => s.kind === "test" && s.status === "ok" && !/[\r\n]/.test(s.name) && (asked === true || asked.includes(s.name))
  );
  if (asked === true && tests.length === 0) return true;
  return tests.map((s) => `${s.peakBytes} ${s.name}
`).join("");
}
function measuredNothing(outcome) {
  return outcome.kind === "absent" || outcome.kind === "measured" && outcome.snapshot.scenarios.length === 0;
}
function snapshotOfNothing(outcome) {
  return outcome.kind === "measured" ? outcome.snapshot : { unmeasured: [] };
}
async function runCommand(command, workingDirectory, checkoutDir, options, pass = {}) {
  const { log } = options;
  const cwd = join2(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) {
    log.info(`${workingDirectory} does not exist in this commit: nothing to measure`);
    return { kind: "absent" };
  }
  const runner = await SideRunner.start(checkoutDir, options, { setup: pass.setup ?? true });
  if ("failure" in runner) return { kind: "failed", error: runner.failure };
  const tracing = pass.env?.ALLOCDIFF_TRACEBACK_SITES !== void 0;
  const frames = tracing ? options.frames : 1;
  const workDir = await runner.workDir("allocdiff-command-");
  const partials = join2(workDir, "processes");
  const snapshotPath = join2(workDir, "snapshot.json");
  try {
    await mkdir2(partials);
    const skip = options.skipTests ?? [];
    const wanted = {
      ...pass.files,
      ...skip.length > 0 ? { ALLOCDIFF_SKIP_TESTS: `${skip.join("\n")}
` } : {}
    };
    const files = {};
    for (const [variable, content] of Object.entries(wanted)) {
      files[variable] = join2(workDir, `${variable.toLowerCase()}.txt`);
      await writeFile2(files[variable], content);
    }
    log.info(
      `${command} with every Python process under tracemalloc (frames: ${frames})` + (skip.length > 0 ? `, ${skip.length} unchanged tests deselected` : "")
    );
    const { result: run, fixedAddresses } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: partials,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_FRAMES: String(frames),
      ...pass.env,
      ...files
    });
    const merge = await runner.tool("allocdiff_harness.aggregate", [
      "--dir",
      partials,
      "--root",
      checkoutDir,
      "--out",
      snapshotPath,
      "--frames",
      String(frames)
    ]);
    if (processFailed(merge) || !existsSync(snapshotPath)) {
      return {
        kind: "failed",
        error: {
          type: "HarnessFailed",
          message: runner.describeExit(`${runner.python} -m allocdiff_harness.aggregate`, merge),
          output: lastLines(`${run.outputTail}${merge.outputTail}`)
        }
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const note of snapshot.unmeasured) log.info(`not measured: ${note.what}: ${note.why}`);
    const tail = lastLines(run.outputTail);
    const failures = snapshot.scenarios.filter((scenario) => scenario.status === "failed");
    for (const scenario of failures) if (scenario.error) scenario.error.output = tail;
    if (processFailed(run) && failures.length === 0) {
      const commandFailure = {
        type: run.timedOut ? "TimedOut" : "CommandFailed",
        message: runner.describeExit("the command", run),
        output: tail
      };
      return { kind: "measured", snapshot, commandFailure };
    }
    return { kind: "measured", snapshot };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
async function readTests(command, workingDirectory, checkoutDir, options) {
  const cwd = join2(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) return void 0;
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ("failure" in runner) return { failure: runner.failure.message };
  const workDir = await runner.workDir("allocdiff-reads-");
  try {
    options.log.info(`${command}, untraced, recording what each test reads`);
    const { result: run } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: workDir,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_RECORD_READS: "1"
    });
    if (run.timedOut) return { failure: runner.describeExit("the command", run) };
    return await readTestReads(workDir);
  } catch (error) {
    return { failure: errorMessage(error) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
function nothingMeasuredMessage(command, base, head) {
  const notes = [...head.unmeasured, ...base.unmeasured].map((note) => `${note.what}: ${note.why}`);
  return `command "${command}" measured nothing on either side: it started no Python process that allocdiff could measure (Python 3.9+, started with the environment it was given, not with -S, -I or -E)${notes.length > 0 ? `; ${[...new Set(notes)].join("; ")}` : ""}`;
}

// src/capture/script-backend.ts
import { existsSync as existsSync2 } from "node:fs";
import { rm as rm2, writeFile as writeFile3 } from "node:fs/promises";
import { join as join3 } from "node:path";
function scriptBackend(script) {
  return {
    name: script,
    inDepth: true,
    check: (checkouts) => refuseScriptOutside(script, checkouts),
    measure: (checkoutDir, options) => measureScript(script, checkoutDir, options),
    trace: (checkoutDir, options, sitesFile) => traceScript(script, checkoutDir, options, sitesFile),
    nothingMeasured: (base, head) => base.kind === "absent" && head.kind === "absent" ? `script "${script}" exists in neither the base nor the head commit (the path is relative to the repository root)` : void 0
  };
}
async function runHarness(runner, script, args) {
  const workDir = await runner.workDir("allocdiff-snapshot-");
  const snapshotPath = join3(workDir, "snapshot.json");
  try {
    const { result, fixedAddresses } = await runner.harness([
      "--script",
      script,
      "--root",
      runner.checkoutDir,
      "--out",
      snapshotPath,
      ...args
    ]);
    const output = lastLines(result.outputTail);
    if (result.exitCode !== 0 || !existsSync2(snapshotPath)) {
      return {
        failure: {
          type: result.timedOut ? "TimedOut" : "HarnessFailed",
          message: runner.describeExit(`${runner.python} -m allocdiff_harness`, result),
          output
        }
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === "failed" && scenario.error) scenario.error.output = output;
    }
    return { snapshot };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
async function measureScript(script, checkoutDir, options) {
  const { log } = options;
  if (!existsSync2(join3(checkoutDir, script))) {
    log.info(`${script} does not exist in this commit: nothing to measure`);
    return { kind: "absent" };
  }
  const failed = (error) => ({ kind: "failed", error });
  const runner = await SideRunner.start(checkoutDir, options);
  if ("failure" in runner) return failed(runner.failure);
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const objectTypes = options.objectTypes ?? true;
  log.info(
    `${runner.python} ${script} under tracemalloc (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ""})`
  );
  const measuring = ["--frames", "1", "--repeats", String(repeats)];
  const earlier = options.sameAs;
  const sameAs = earlier && repeats > 1 ? sameAsFile(earlier) : void 0;
  const retention = options.retentionSites ?? [];
  const filesDir = sameAs || retention.length > 0 ? await sideWorkDir(options.env, "allocdiff-first-") : void 0;
  let first;
  try {
    if (sameAs) await writeFile3(join3(filesDir, "figures.txt"), sameAs);
    if (retention.length > 0) {
      await writeFile3(join3(filesDir, "retention.txt"), `${retention.join("\n")}
`);
      log.info(
        `what keeps the objects of ${retention.length} grown site${retention.length === 1 ? "" : "s"} alive: ${retention.join(", ")}`
      );
    }
    first = await runHarness(runner, script, [
      ...measuring,
      ...iterations > 0 ? ["--iterations", String(iterations)] : [],
      ...objectTypes ? [] : ["--no-object-types"],
      ...sameAs ? ["--same-as", join3(filesDir, "figures.txt")] : [],
      ...retention.length > 0 ? ["--retention-sites", join3(filesDir, "retention.txt")] : []
    ]);
  } finally {
    if (filesDir) await rm2(filesDir, { recursive: true, force: true });
  }
  if (!first.snapshot) return failed(first.failure);
  let snapshot = first.snapshot;
  for (const note of snapshot.unmeasured) {
    log.info(
      `not measured: ${note.what}${note.scenario ? ` of ${note.scenario}` : ""}: ${note.why}`
    );
  }
  for (const scenario of snapshot.scenarios) {
    if (scenario.identicalRuns !== void 0)
      log.info(
        `${scenario.name}: its first call measured exactly what the first run did: ${scenario.identicalRuns} identical runs, no further calls`
      );
  }
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === "script");
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === "ok")) {
    const plain = objectTypes ? repeats - 1 : repeats;
    const reused = earlier && sameScenarios(earlier, snapshot) ? earlier : void 0;
    const countedProves = objectTypes && reused !== void 0 && identical(reused, snapshot);
    const runs = objectTypes && !countedProves ? [] : [snapshot];
    if (reused) runs.unshift(reused);
    let proven = reused !== void 0 && runs.length === 2 && identical(runs[0], runs[1]);
    for (let index = runs.length + 1; index <= plain && !proven; index += 1) {
      log.info(`measurement ${index} of ${plain} (a new process)`);
      const run = await runHarness(runner, script, [...measuring, "--no-object-types"]);
      if (!run.snapshot) return failed(run.failure);
      runs.push(run.snapshot);
      proven = reused !== void 0 && identical(reused, run.snapshot);
    }
    if (proven)
      log.info(
        `${countedProves ? "the process counting objects" : "a new process"} measured exactly what the first run did: ${runs.length} identical runs` + (runs.length < (countedProves ? repeats : plain) ? ", no further repeats" : "")
      );
    const counted = snapshot;
    snapshot = mergeProcessRepeats(runs);
    for (const scenario of snapshot.scenarios) {
      const own = counted.scenarios.find((s) => s.name === scenario.name);
      if (objectTypes && own?.objectTypes) scenario.objectTypes = own.objectTypes;
      if (own?.retention) scenario.retention = own.retention;
    }
    if (proven) for (const scenario of snapshot.scenarios) scenario.identicalRuns = runs.length;
  }
  await capturePeakSites(runner, script, options, snapshot);
  return { kind: "measured", snapshot };
}
function identical(a, b) {
  return sameScenarios(a, b) && a.scenarios.every((scenario, index) => sameFigures(scenario, b.scenarios[index]));
}
function sameScenarios(a, b) {
  return a.scenarios.length === b.scenarios.length && a.scenarios.every(
    (scenario, index) => scenario.status === "ok" && scenario.name === b.scenarios[index].name && scenario.kind === b.scenarios[index].kind
  );
}
async function capturePeakSites(runner, script, options, snapshot) {
  const asked = options.peakSites;
  const wanted = snapshot.scenarios.filter(
    (scenario) => scenario.status === "ok" && (asked === true || Array.isArray(asked) && asked.includes(scenario.name))
  );
  if (!asked || wanted.length === 0) return;
  options.log.info(
    `finding the sites at the peak of ${wanted.map((scenario) => scenario.name).join(", ")} (a hooked run)`
  );
  const wholeScript = wanted.find((scenario) => scenario.kind === "script");
  const functions = wanted.filter((scenario) => scenario.kind === "function");
  const workDir = await sideWorkDir(options.env, "allocdiff-peaks-");
  try {
    const targetsFile = join3(workDir, "peak-targets.txt");
    if (functions.length > 0)
      await writeFile3(targetsFile, functions.map((f) => `${f.name} ${f.peakBytes}
`).join(""));
    const iterations = options.iterations ?? 0;
    const run = await runHarness(runner, script, [
      "--frames",
      "1",
      "--repeats",
      String(options.repeats ?? 1),
      ...iterations > 0 ? ["--iterations", String(iterations)] : [],
      "--peak-sites",
      "--no-object-types",
      ...wholeScript ? ["--peak-target", String(Math.max(1, wholeScript.peakBytes))] : [],
      ...functions.length > 0 ? ["--peak-targets", targetsFile] : []
    ]);
    if (!run.snapshot) {
      options.log.warning(
        `no sites at the peak: ${run.failure?.message ?? "the hooked run failed"}`
      );
      return;
    }
    for (const scenario of wanted) {
      const peak = run.snapshot.scenarios.find((s) => s.name === scenario.name)?.peak;
      if (peak) scenario.peak = peak;
    }
    for (const note of run.snapshot.unmeasured) {
      if (note.what === "sites at the peak")
        options.log.info(`no sites at the peak of ${note.scenario ?? script}: ${note.why}`);
    }
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
async function traceScript(script, checkoutDir, options, sitesFile) {
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ("failure" in runner) return { kind: "failed", error: runner.failure };
  const run = await runHarness(runner, script, [
    "--frames",
    String(options.frames),
    "--repeats",
    "1",
    "--no-object-types",
    "--traceback-sites",
    sitesFile
  ]);
  return run.snapshot ? { kind: "measured", snapshot: run.snapshot } : { kind: "failed", error: run.failure };
}

// src/capture/backend.ts
function backendFor(benchmark, fromRoot) {
  switch (benchmark.kind) {
    case "script":
      return scriptBackend(fromRoot(benchmark.script));
    case "command":
      return commandBackend(benchmark.command, fromRoot(benchmark.workingDirectory));
  }
}
async function traceSites(backend, checkoutDir, options, sites) {
  if (!backend.trace) return void 0;
  const workDir = await sideWorkDir(options.env, "allocdiff-sites-");
  try {
    const sitesFile = join4(workDir, "sites.txt");
    await writeFile4(sitesFile, `${sites.join("\n")}
`);
    options.log.info(
      `tracebacks of ${sites.length} changed site${sites.length === 1 ? "" : "s"} (frames: ${options.frames})`
    );
    const traced = await backend.trace(checkoutDir, options, sitesFile);
    if (traced.kind === "failed") options.log.warning(`no tracebacks: ${traced.error.message}`);
    return traced.kind === "measured" ? traced.snapshot : void 0;
  } finally {
    await rm3(workDir, { recursive: true, force: true });
  }
}

// src/capture/own-code.ts
import { readdir as readdir2, readFile as readFile2, stat } from "node:fs/promises";
import { delimiter, join as join5, posix } from "node:path";
var REPOSITORY_ROOTS_VARIABLE = "ALLOCDIFF_REPOSITORY_ROOTS";
var IMPORT_PATHS_VARIABLE = "ALLOCDIFF_IMPORT_PATHS";
function table(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function strings(value) {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}
async function readText(path) {
  try {
    return await readFile2(path, "utf8");
  } catch {
    return void 0;
  }
}
function parentOfPackage(name, dir) {
  const packageParts = name.split(".");
  const dirParts = posix.normalize(dir).split("/").filter(Boolean);
  const tail = dirParts.slice(-packageParts.length);
  if (tail.length !== packageParts.length || tail.some((part, i) => part !== packageParts[i]))
    return void 0;
  return dirParts.slice(0, -packageParts.length).join("/");
}
function packageDirFolders(mapping) {
  const folders = [];
  for (const [name, dir] of Object.entries(mapping ?? {})) {
    if (typeof dir !== "string") continue;
    const folder = name === "" ? dir : parentOfPackage(name, dir);
    if (folder !== void 0) folders.push(folder);
  }
  return folders;
}
function pyprojectFolders(text) {
  let document;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  const tool = table(document.tool) ?? {};
  const folders = [];
  const setuptools = table(tool.setuptools);
  if (setuptools) {
    const packageDir = table(setuptools["package-dir"]);
    folders.push(...packageDirFolders(packageDir));
    const find = table(table(setuptools.packages)?.find);
    folders.push(...strings(find?.where));
    if (Array.isArray(setuptools.packages) || setuptools["py-modules"] !== void 0) {
      const base = packageDir?.[""];
      folders.push(typeof base === "string" ? base : "");
    }
  }
  const poetry = table(tool.poetry);
  for (const entry of Array.isArray(poetry?.packages) ? poetry.packages : []) {
    const from = table(entry)?.from;
    if (table(entry)) folders.push(typeof from === "string" ? from : "");
  }
  const hatch = table(table(tool.hatch)?.build);
  for (const build of [hatch, table(table(hatch?.targets)?.wheel)]) {
    for (const path of strings(build?.packages)) folders.push(posix.dirname(path));
    const sources = build?.sources;
    folders.push(...strings(sources));
    for (const [from, to] of Object.entries(table(sources) ?? {}))
      if (to === "") folders.push(from);
  }
  folders.push(...strings(table(table(tool.pdm)?.build)?.["package-dir"]));
  folders.push(...strings(table(tool.maturin)?.["python-source"]));
  const scikitBuild = table(table(tool["scikit-build"])?.wheel);
  for (const path of strings(scikitBuild?.packages)) folders.push(posix.dirname(path));
  return folders;
}
function setupCfgFolders(text) {
  const values = /* @__PURE__ */ new Map();
  let section = "";
  let key;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim();
      key = void 0;
    } else if (/^\s/.test(raw) && key !== void 0) {
      values.set(key, `${values.get(key)}
${raw.trim()}`);
    } else {
      const separator = raw.search(/[=:]/);
      if (separator < 0) continue;
      key = `${section}/${raw.slice(0, separator).trim()}`;
      values.set(key, raw.slice(separator + 1).trim());
    }
  }
  const mapping = {};
  for (const line of (values.get("options/package_dir") ?? "").split("\n")) {
    const separator = line.indexOf("=");
    if (separator >= 0) mapping[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  const where = values.get("options.packages.find/where");
  return [...packageDirFolders(mapping), ...where ? where.split(/\s+/).filter(Boolean) : []];
}
async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function holdsPython(folder) {
  let names;
  try {
    names = await readdir2(folder);
  } catch {
    return false;
  }
  for (const name of names) {
    if (name.endsWith(".py") || await isFile(join5(folder, name, "__init__.py"))) return true;
  }
  return false;
}
async function importPaths(checkoutDir) {
  const pyproject = await readText(join5(checkoutDir, "pyproject.toml"));
  const setupCfg = await readText(join5(checkoutDir, "setup.cfg"));
  const named = [
    ...pyproject === void 0 ? [] : pyprojectFolders(pyproject),
    ...setupCfg === void 0 ? [] : setupCfgFolders(setupCfg)
  ];
  const candidates = named.length > 0 ? named : await holdsPython(join5(checkoutDir, "src")) ? ["src"] : [];
  const paths = [];
  for (const candidate of candidates) {
    const path = posix.normalize(candidate.replaceAll("\\", "/")).replace(/\/+$/, "");
    if (path === "." || path === "" || path.startsWith("/") || path.split("/").includes(".."))
      continue;
    if (path.includes(delimiter) || paths.includes(path)) continue;
    if (await isDirectory(join5(checkoutDir, path))) paths.push(path);
  }
  return paths;
}
async function ownCodeEnvironment(env, checkoutDir, repositoryRoots) {
  return {
    ...env,
    [REPOSITORY_ROOTS_VARIABLE]: [...new Set(repositoryRoots)].join(delimiter),
    [IMPORT_PATHS_VARIABLE]: (await importPaths(checkoutDir)).join(delimiter)
  };
}

// src/capture/measure-sides.ts
import { availableParallelism } from "node:os";

// src/log.ts
var PARTIAL_LINE_DELAY_MS = 500;
var PARTIAL_LINE_LIMIT = 64 * 1024;
function shownPart(line) {
  return line.slice(line.lastIndexOf("\r") + 1);
}
function prefixedLogger(log, prefix, delayMs = PARTIAL_LINE_DELAY_MS) {
  let pending = "";
  let timer;
  const mark = (text) => text.split("\n").map((line) => `${prefix}${line}`).join("\n");
  const flush = () => {
    if (timer !== void 0) clearTimeout(timer);
    timer = void 0;
    const shown2 = shownPart(pending);
    pending = "";
    log.pending?.(prefix, "");
    if (shown2 !== "") log.output(`${prefix}${shown2}
`);
  };
  return {
    flush,
    group(title, body) {
      flush();
      log.info(mark(title));
      return body();
    },
    info(message) {
      flush();
      log.info(mark(message));
    },
    warning(message) {
      flush();
      log.warning(mark(message));
    },
    output(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end >= 0) {
        const lines = pending.slice(0, end).split("\n");
        pending = pending.slice(end + 1);
        log.pending?.(prefix, "");
        log.output(
          lines.map((line) => `${prefix}${shownPart(line.replace(/\r$/, ""))}
`).join("")
        );
        if (timer !== void 0) clearTimeout(timer);
        timer = void 0;
      }
      if (pending === "" || pending.length >= PARTIAL_LINE_LIMIT) flush();
      else if (log.pending) log.pending(prefix, shownPart(pending));
      else timer ??= setTimeout(flush, delayMs).unref();
    }
  };
}

// src/capture/measure-sides.ts
function sequentialReason(options) {
  if (options.parallel === false) return "parallel sides are turned off";
  const cores = options.cores ?? availableParallelism();
  if (cores < 2) return "this machine has one core";
  return void 0;
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
async function onBothSides(log, title, measure, sequential) {
  if (sequential !== void 0) {
    const base2 = await log.group(title("base"), () => measure("base", log));
    const head2 = await log.group(title("head"), () => measure("head", log));
    return { base: base2, head: head2 };
  }
  const both = `${title("base")} and ${title("head").replace(/^.*? (?=head\b)/, "")}, at the same time`;
  const measureSide = async (side) => {
    const sideLog = prefixedLogger(log, `[${side}] `);
    const end = log.progress?.(title(side));
    const started = performance.now();
    const ended = (outcome) => {
      sideLog.flush();
      if (end) end(outcome);
      else
        log.info(
          `[${side}] ${outcome === "done" ? "finished" : "failed"}: ${title(side)} (${seconds(performance.now() - started)})`
        );
    };
    try {
      const result = await measure(side, sideLog);
      ended("done");
      return result;
    } catch (error) {
      ended("failed");
      throw error;
    }
  };
  const [base, head] = await log.group(
    both,
    () => Promise.allSettled([measureSide("base"), measureSide("head")])
  );
  if (base.status === "rejected") throw base.reason;
  if (head.status === "rejected") throw head.reason;
  return { base: base.value, head: head.value };
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
function pairEdits(hunk, baseSites, headLines, headSites, matchedHead, done) {
  const inPlace = hunk.oldLines === hunk.newLines;
  const replacement = (base) => hunk.newStart + base.line - hunk.oldStart;
  const alone = [];
  for (const base of baseSites) {
    const position = inPlace ? headLines?.get(replacement(base)) : void 0;
    if (position !== void 0 && !matchedHead[position] && sameFunction(base, headSites[position])) {
      matchedHead[position] = 1;
      done(base, position);
    } else {
      alone.push(base);
    }
  }
  if (alone.length === 0) return;
  const matches = headLines ? textMatches(hunk, alone, headLines, headSites, matchedHead) : [];
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
function textMatches(hunk, alone, headLines, headSites, matchedHead) {
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
    candidates.sort((a, b) => headSites[a].line - headSites[b].line);
  }
  if (candidates.length === 0) return [];
  const candidateLines = candidates.map((position) => headSites[position].line);
  const candidatePairs = candidates.map((position) => characterPairs(headSites[position].text));
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
      const head = headSites[position];
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
    else matches.push(...own.sort(byMatch(alone, headSites)).slice(0, BEST));
  });
  return matches.sort(byMatch(alone, headSites));
}
function byMatch(alone, headSites) {
  return (a, b) => b.similarity - a.similarity || a.sizeGap - b.sizeGap || alone[a.base].line - alone[b.base].line || headSites[a.head].line - headSites[b.head].line;
}

// src/compare/sites.ts
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
  let lines;
  let lastFile;
  for (let index = 0; index < sites.length; index += 1) {
    const site = sites[index];
    if (site.file !== lastFile) {
      lastFile = site.file;
      lines = files.get(site.file);
      if (!lines) files.set(site.file, lines = new LinePositions());
    }
    lines.add(site.line, index);
  }
  for (const lines2 of files.values()) lines2.seal();
  return files;
}
function compareSites(baseSites, headSites, lineMap, options = {}) {
  const headByLine = byFileAndLine(headSites);
  const contentIndex = /* @__PURE__ */ new Map();
  const headByContent = (file) => {
    let index = contentIndex.get(file);
    if (index) return index;
    index = /* @__PURE__ */ new Map();
    for (const position of headByLine.get(file)?.values() ?? []) {
      const key = contentKey(headSites[position]);
      if (key === void 0) continue;
      const list = index.get(key);
      if (list) list.push(position);
      else index.set(key, [position]);
    }
    contentIndex.set(file, index);
    return index;
  };
  const matchedHead = new Uint8Array(headSites.length);
  const deltas = [];
  const unmapped = [];
  const pair2 = (base, head, at) => {
    const baseSize = base?.size ?? 0;
    const headSize = head?.size ?? 0;
    const baseCount = base?.count ?? 0;
    const headCount = head?.count ?? 0;
    if (baseSize === headSize && baseCount === headCount && !options.keepUnchanged) return;
    const file = head?.file ?? at?.file ?? lineMap.headPathOf(base.file) ?? base.file;
    const line = head?.line ?? at?.line ?? null;
    const changedLine = line === null ? false : lineMap.isChangedOnHead(file, line);
    const delta2 = {
      file,
      line,
      baseLine: base?.line ?? null,
      function: head?.function ?? base?.function,
      // An edited line reads as head has it, never as the line it replaced.
      text: head?.text ?? (changedLine ? lineMap.addedText(file, line) || void 0 : base?.text),
      sizeDelta: headSize - baseSize,
      countDelta: headCount - baseCount,
      baseSize,
      headSize,
      baseCount,
      headCount,
      changedLine
    };
    if (base && base.file !== file) delta2.baseFile = base.file;
    if (at && !head) delta2.silent = true;
    const baseSpread = base && options.baseKind ? siteSpread(base, options.baseKind) : void 0;
    const headSpread = head && options.headKind ? siteSpread(head, options.headKind) : void 0;
    recordSpreads(delta2, baseSpread, headSpread);
    deltas.push(delta2);
  };
  const pairWithHead = (base, position) => {
    matchedHead[position] = 1;
    pair2(base, headSites[position]);
  };
  for (const base of baseSites) {
    const headLine = lineMap.lineOnHead(base.file, base.line);
    const headPath = headLine === void 0 ? void 0 : lineMap.headPathOf(base.file);
    const position = headPath === void 0 ? void 0 : headByLine.get(headPath)?.get(headLine);
    if (headLine === void 0 || position !== void 0 && matchedHead[position]) {
      unmapped.push(base);
    } else if (position === void 0) {
      pair2(base, void 0, { file: headPath, line: headLine });
    } else {
      pairWithHead(base, position);
    }
  }
  const edited = /* @__PURE__ */ new Map();
  for (const base of unmapped) {
    const headPath = lineMap.headPathOf(base.file);
    const key = headPath === void 0 ? void 0 : contentKey(base);
    const position = key === void 0 ? void 0 : headByContent(headPath).get(key)?.find((candidate) => !matchedHead[candidate]);
    if (position !== void 0) {
      pairWithHead(base, position);
      continue;
    }
    const hunk = lineMap.hunkOf(base.file, base.line);
    if (hunk === void 0 || hunk.newLines === 0) {
      pair2(base, void 0);
    } else {
      const sites = edited.get(hunk);
      if (sites) sites.push(base);
      else edited.set(hunk, [base]);
    }
  }
  for (const [hunk, sites] of edited) {
    const headPath = lineMap.headPathOf(sites[0].file);
    const headLines = headByLine.get(headPath)?.map();
    pairEdits(hunk, sites, headLines, headSites, matchedHead, (base, match) => {
      if (match === void 0) pair2(base, void 0);
      else if (typeof match === "number") pairWithHead(base, match);
      else pair2(base, void 0, { file: headPath, line: match.line });
    });
  }
  for (let position = 0; position < headSites.length; position += 1) {
    if (!matchedHead[position]) pair2(void 0, headSites[position]);
  }
  return deltas.sort(
    (a, b) => Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) || compareText(a.file, b.file) || (a.line ?? a.baseLine ?? 0) - (b.line ?? b.baseLine ?? 0)
  );
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/compare/scenario-details.ts
var MAX_OBJECT_TYPES = 200;
var MAX_PEAK_SITES = 50;
function leakSitesOf(scenario) {
  return (scenario?.leak?.sites ?? []).map(
    ({ bytesPerCall, countPerCall, file, line, ...rest }) => ({
      ...rest,
      file,
      line,
      size: Math.round(bytesPerCall),
      count: Math.round(countPerCall)
    })
  );
}
function leakSiteDeltas(base, head, lineMap) {
  if (!base?.leak && !head?.leak) return void 0;
  return compareSites(leakSitesOf(base), leakSitesOf(head), lineMap, { keepUnchanged: true }).sort(
    (a, b) => b.headSize - a.headSize || b.baseSize - a.baseSize
  );
}
function growthByType(scenario) {
  if (!scenario?.objectTypes) return void 0;
  return new Map(scenario.objectTypes.map((entry) => [entry.type, entry.after - entry.before]));
}
function objectTypeDeltas(base, head) {
  const baseGrowth = growthByType(base);
  const headGrowth = growthByType(head);
  if (!baseGrowth && !headGrowth) return void 0;
  const types = /* @__PURE__ */ new Set([...baseGrowth?.keys() ?? [], ...headGrowth?.keys() ?? []]);
  const deltas = [];
  for (const type of types) {
    const b = baseGrowth ? baseGrowth.get(type) ?? 0 : null;
    const h = headGrowth ? headGrowth.get(type) ?? 0 : null;
    const delta2 = (h ?? 0) - (b ?? 0);
    if (delta2 !== 0) deltas.push({ type, baseGrowth: b, headGrowth: h, delta: delta2 });
  }
  return deltas.sort(
    (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)
  ).slice(0, MAX_OBJECT_TYPES);
}
function peakSiteDeltas(base, head, lineMap) {
  if (!base?.peak && !head?.peak) return void 0;
  const sites = (scenario) => (scenario?.peak?.sites ?? []).map(({ tracebacks: _tracebacks, ...site }) => site);
  const all = compareSites(sites(base), sites(head), lineMap, { keepUnchanged: true });
  const held = (site) => Math.max(site.baseSize, site.headSize);
  const largest = (a, b) => Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) || held(b) - held(a);
  const kept = (keep) => all.filter(keep).sort(largest).slice(0, MAX_PEAK_SITES);
  const peakSites = {
    sites: [
      ...kept((site) => site.sizeDelta > 0),
      ...kept((site) => site.sizeDelta < 0),
      ...kept((site) => site.sizeDelta === 0)
    ].sort(largest)
  };
  if (base?.peak) peakSites.base = { bytes: base.peak.bytes, peakBytes: base.peak.peakBytes };
  if (head?.peak) peakSites.head = { bytes: head.peak.bytes, peakBytes: head.peak.peakBytes };
  return peakSites;
}

// src/compare/retention.ts
function retentionTargets(scenarios, most) {
  if (most <= 0) return [];
  const wanted = /* @__PURE__ */ new Set();
  for (const scenario of scenarios) {
    if (scenario.status !== "ok" || (scenario.retained.delta ?? 0) <= 0) continue;
    const grown = scenario.sites.filter((site) => site.line !== null && site.sizeDelta > 0).sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file)).slice(0, most);
    for (const site of grown) wanted.add(`${site.file}:${site.line}`);
  }
  return [...wanted].sort();
}
var MAX_FINDINGS = 20;
function retentionFindings(head, sites, lineMap) {
  const retention = head?.retention;
  if (!retention || retention.sites.length === 0) return void 0;
  const changed = (location) => lineMap.isChangedOnHead(location.file, location.line);
  const findings = [];
  for (const site of retention.sites) {
    for (const path of site.paths) {
      const culprit = culpritOf(path, site, sites, changed);
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
function spells(text, name) {
  if (!text || !name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text);
}
function culpritOf(path, site, sites, changed) {
  if (path.kind === "not found") return void 0;
  if (path.kind === "unreachable") {
    const made = path.via.find((step) => changed(step));
    if (made) return { ...locationOf(made), evidence: "stored", type: made.type };
    return changed(site) ? { ...locationOf(site), evidence: "stored", type: path.holderType } : void 0;
  }
  const holderAt = path.via.findIndex((step) => step.type === path.holderType);
  const container = holderAt >= 0 ? path.via[holderAt] : void 0;
  const stored = path.via.slice(holderAt + 1).reverse().find((step) => changed(step));
  if (stored) return { ...locationOf(stored), evidence: "stored", type: stored.type };
  const named = sites.filter(
    (delta2) => delta2.changedLine && delta2.line !== null && delta2.sizeDelta > 0 && spells(delta2.text, path.name)
  ).sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file))[0];
  if (named) return { ...locationOf({ ...named, line: named.line }), evidence: "named" };
  if (container && changed(container))
    return { ...locationOf(container), evidence: "stored", type: container.type };
  return void 0;
}

// src/compare/compare.ts
function compareMeasure(name, base, head) {
  const spec = MEASURES[name];
  const b = base === void 0 ? null : spec.read(base) ?? null;
  const h = head === void 0 ? null : spec.read(head) ?? null;
  if (spec.presence === "measured" && b === null && h === null) return void 0;
  const result = { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
  if (spec.repeat !== void 0) {
    const repeat = spec.repeat;
    recordSpreads(
      result,
      base?.status === "ok" ? totalSpread(base, repeat) : void 0,
      head?.status === "ok" ? totalSpread(head, repeat) : void 0
    );
  }
  return result;
}
function compareMeasures(names, base, head) {
  const fields = {};
  for (const name of names) {
    const measure = compareMeasure(name, base, head);
    if (measure) fields[MEASURES[name].field] = measure;
  }
  return fields;
}
function deterministicOf(base, head) {
  const sides = [base, head].filter((side) => side !== void 0).map(isDeterministic);
  if (sides.length === 0 || sides.includes(void 0)) return void 0;
  return sides.every(Boolean);
}
var ALWAYS = measuresWhere((spec) => spec.presence === "always");
var ONCE_MEASURED = measuresWhere((spec) => spec.presence === "measured");
function compareScenario(name, base, head, lineMap) {
  const failed = [
    head?.status === "failed" ? { side: "head", scenario: head } : void 0,
    base?.status === "failed" ? { side: "base", scenario: base } : void 0
  ].find((entry) => entry !== void 0);
  const status = failed ? "failed" : !base ? "new" : !head ? "removed" : "ok";
  const comparison = {
    name,
    status,
    kind: (head ?? base)?.kind ?? "script",
    repeats: { base: base?.repeats.length ?? 0, head: head?.repeats.length ?? 0 },
    ...compareMeasures(ALWAYS, base, head),
    sites: compareSites(base?.sites ?? [], head?.sites ?? [], lineMap, {
      ...base ? { baseKind: base.kind } : {},
      ...head ? { headKind: head.kind } : {}
    })
  };
  const deterministic = failed ? void 0 : deterministicOf(base, head);
  if (deterministic !== void 0) comparison.deterministic = deterministic;
  const proven = [base, head].filter((side) => side !== void 0).map((s) => s.identicalRuns);
  if (!failed && proven.length > 0 && proven.every((runs) => runs !== void 0))
    comparison.identicalRuns = Math.min(...proven);
  Object.assign(comparison, compareMeasures(ONCE_MEASURED, base, head));
  const leakSites = leakSiteDeltas(base, head, lineMap);
  if (leakSites) comparison.leakSites = leakSites;
  const objectTypes = objectTypeDeltas(base, head);
  if (objectTypes) comparison.objectTypes = objectTypes;
  const peakSites = peakSiteDeltas(base, head, lineMap);
  if (peakSites) comparison.peakSites = peakSites;
  const retention = retentionFindings(head, comparison.sites, lineMap);
  if (retention) comparison.retention = retention;
  if (failed) {
    comparison.error = {
      side: failed.side,
      ...failed.scenario.error ?? { type: "Error", message: "the benchmark failed" }
    };
    if (failed.side === "head" && base?.status === "failed") {
      comparison.baseError = base.error ?? { type: "Error", message: "the benchmark failed" };
    }
  }
  return comparison;
}
function compareSnapshots(base, head, lineMap) {
  const baseByName = new Map(base.scenarios.map((s) => [s.name, s]));
  const headByName = new Map(head.scenarios.map((s) => [s.name, s]));
  const names = [.../* @__PURE__ */ new Set([...head.scenarios.map((s) => s.name), ...baseByName.keys()])];
  return {
    scenarios: names.map(
      (name) => compareScenario(name, baseByName.get(name), headByName.get(name), lineMap)
    )
  };
}

// src/compare/tracebacks.ts
var TRACED_SITES_PER_SCENARIO = 10;
function baseName(site) {
  return site.baseLine === null ? void 0 : `${site.baseFile ?? site.file}:${site.baseLine}`;
}
function headName(site) {
  return site.line === null || site.silent ? void 0 : `${site.file}:${site.line}`;
}
function tracebackTargets(comparison, perScenario = TRACED_SITES_PER_SCENARIO) {
  const base = /* @__PURE__ */ new Set();
  const head = /* @__PURE__ */ new Set();
  for (const scenario of comparison.scenarios) {
    if (scenario.status === "failed") continue;
    for (const site of scenario.sites.slice(0, perScenario)) {
      const onHead = headName(site);
      if (onHead) head.add(onHead);
      else {
        const onBase = baseName(site);
        if (onBase) base.add(onBase);
      }
    }
  }
  return { base: [...base].sort(), head: [...head].sort() };
}
function tracebacksByScenario(snapshot) {
  const byScenario = /* @__PURE__ */ new Map();
  for (const scenario of snapshot?.scenarios ?? []) {
    const bySite = /* @__PURE__ */ new Map();
    for (const site of scenario.sites) {
      if (site.tracebacks?.length) bySite.set(`${site.file}:${site.line}`, site.tracebacks);
    }
    byScenario.set(scenario.name, bySite);
  }
  return byScenario;
}
function attachTracebacks(comparison, traced) {
  const base = tracebacksByScenario(traced.base);
  const head = tracebacksByScenario(traced.head);
  for (const scenario of comparison.scenarios) {
    for (const site of scenario.sites) {
      const onHead = headName(site);
      const onBase = baseName(site);
      const fromHead = onHead ? head.get(scenario.name)?.get(onHead) : void 0;
      const fromBase = !onHead && onBase ? base.get(scenario.name)?.get(onBase) : void 0;
      if (fromHead) {
        site.tracebacks = fromHead;
        site.tracebackSide = "head";
      } else if (fromBase) {
        site.tracebacks = fromBase;
        site.tracebackSide = "base";
      }
    }
  }
}

// src/sides/line-map.ts
var import_parse_diff = __toESM(require_parse_diff(), 1);
var LineMap = class _LineMap {
  changes = /* @__PURE__ */ new Map();
  /** Per head file, the lines the diff added or edited and their text (stripped). */
  addedLines = /* @__PURE__ */ new Map();
  /** Every path the diff names, on either side. */
  named = /* @__PURE__ */ new Set();
  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  renamed = /* @__PURE__ */ new Set();
  static fromUnifiedDiff(diffText) {
    const map = new _LineMap();
    for (const file of (0, import_parse_diff.default)(diffText)) {
      const headPath = file.deleted ? void 0 : file.to;
      const basePath = file.new ? void 0 : file.from;
      const hunks = file.chunks.map((chunk) => ({
        oldStart: chunk.oldStart,
        oldLines: chunk.oldLines,
        newStart: chunk.newStart,
        newLines: chunk.newLines
      })).sort((a, b) => a.oldStart - b.oldStart);
      for (const path of [basePath, headPath]) if (path !== void 0) map.named.add(path);
      if (basePath !== headPath) {
        for (const path of [basePath, headPath]) if (path !== void 0) map.renamed.add(path);
      }
      if (basePath !== void 0) map.changes.set(basePath, { headPath, hunks });
      if (headPath !== void 0) {
        const added = /* @__PURE__ */ new Map();
        for (const chunk of file.chunks) {
          for (const change of chunk.changes) {
            if (change.type === "add") added.set(change.ln, change.content.slice(1).trim());
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
  firstTouched(read) {
    for (const file of read.files) if (this.named.has(file)) return file;
    const listed = new Set(read.folders);
    const searched = new Set(read.importFolders);
    const parentOf = (path) => {
      const slash = path.lastIndexOf("/");
      return slash < 0 ? "." : path.slice(0, slash);
    };
    for (const path of this.renamed) {
      const folder = parentOf(path);
      if (listed.has(folder)) return `${path} (a folder the benchmark listed)`;
      const module = /\.(py|pyc|pyd|so|pth)$/.test(path) && searched.has(folder);
      const isPackage = path.endsWith("/__init__.py") && searched.has(parentOf(folder));
      if (module || isPackage) return `${path} (importable)`;
    }
    return void 0;
  }
  /** The paths that exist on one side only: added, deleted, or a rename's old and new name. */
  onOneSide() {
    return [...this.renamed];
  }
  /** The head position of a base line; undefined when the line was changed or removed. */
  toHead(file, line) {
    const headLine = this.lineOnHead(file, line);
    return headLine === void 0 ? void 0 : { file: this.headPathOf(file), line: headLine };
  }
  /**
   * The line a base line became in `headPathOf(file)`; undefined when it was changed or
   * removed. What `toHead` says, without making an object (it runs for every site).
   */
  lineOnHead(file, line) {
    const change = this.changes.get(file);
    if (!change) return line;
    if (change.headPath === void 0) return void 0;
    let shift = 0;
    for (const hunk of change.hunks) {
      if (hunk.oldLines === 0) {
        if (hunk.oldStart < line) shift += hunk.newLines;
        continue;
      }
      const lastOld = hunk.oldStart + hunk.oldLines - 1;
      if (line < hunk.oldStart) break;
      if (line <= lastOld) return void 0;
      shift += hunk.newLines - hunk.oldLines;
    }
    return line + shift;
  }
  /**
   * The hunk that changed or removed a base line (the same object for every line of it), so its
   * replacement can be looked for among the head lines the hunk added; undefined for a line the
   * diff left alone and for a line of a deleted file.
   */
  hunkOf(file, line) {
    const change = this.changes.get(file);
    if (!change || change.headPath === void 0) return void 0;
    for (const hunk of change.hunks) {
      if (line < hunk.oldStart) break;
      if (line < hunk.oldStart + hunk.oldLines) return hunk;
    }
    return void 0;
  }
  /** The head path a base file became (itself when unchanged), undefined if deleted. */
  headPathOf(file) {
    const change = this.changes.get(file);
    return change ? change.headPath : file;
  }
  /** True when the head line was added or changed by the diff ("introduced here"). */
  isChangedOnHead(file, line) {
    return this.addedLines.get(file)?.has(line) ?? false;
  }
  /** The text (stripped) of a head line the diff added or edited; undefined for other lines. */
  addedText(file, line) {
    return this.addedLines.get(file)?.get(line);
  }
};

// src/sides/working-tree.ts
import { copyFile, lstat, mkdtemp, rm as rm4, stat as stat2, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join6 } from "node:path";
async function readWorkingTree(git, parent) {
  const dir = await mkdtemp(join6(tmpdir(), "allocdiff-index-"));
  const indexFile = join6(dir, "index");
  try {
    try {
      const index = await git.indexPath();
      await copyFile(index, indexFile);
      const { atime, mtime } = await stat2(index);
      await utimes(indexFile, atime, mtime);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      await git.readTreeInto(indexFile, parent);
    }
    const { tree, skipped } = await git.workingTreeTree(indexFile);
    return { parent, tree, changed: tree !== await git.treeOf(parent), skipped };
  } finally {
    await rm4(dir, { recursive: true, force: true });
  }
}
function commitWorkingTree(git, workingTree) {
  return git.commitTree(
    workingTree.tree,
    workingTree.parent,
    "allocdiff: the working tree, uncommitted changes included"
  );
}
var LARGE_UNTRACKED_BYTES = 1e7;
async function untrackedSize(git) {
  const root = await git.topLevel();
  const paths = await git.untrackedFiles();
  const sizes = await Promise.all(
    paths.map(
      (path) => lstat(join6(root, path)).then(
        (stats) => stats.isFile() ? stats.size : 0,
        () => 0
        // gone since git listed it
      )
    )
  );
  const byEntry = /* @__PURE__ */ new Map();
  let bytes = 0;
  paths.forEach((path, index) => {
    const slash = path.indexOf("/");
    const entry = slash === -1 ? path : path.slice(0, slash + 1);
    byEntry.set(entry, (byEntry.get(entry) ?? 0) + sizes[index]);
    bytes += sizes[index];
  });
  const largest = [...byEntry].map(([path, size]) => ({ path, bytes: size })).sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, 3);
  return { bytes, largest };
}

// src/sides/worktrees.ts
import { mkdtemp as mkdtemp2, readdir as readdir3, readFile as readFile3, realpath, rm as rm5, rmdir } from "node:fs/promises";
import { hostname, tmpdir as tmpdir2 } from "node:os";
import { basename, dirname as dirname2, join as join7 } from "node:path";
var ROOT_PREFIX = "allocdiff-";
function lockReason() {
  return `allocdiff run ${process.pid} on ${hostname()}`;
}
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
async function removeAbandonedCheckouts(git) {
  const entries = join7(await git.commonDir(), "worktrees");
  const names = await readdir3(entries).catch(() => []);
  const owner = /^allocdiff run (\d+) on (.*)$/;
  for (const name of names) {
    const entry = join7(entries, name);
    const lock = await readFile3(join7(entry, "locked"), "utf8").catch(() => "");
    const match = owner.exec(lock.trim());
    if (!match || match[2] !== hostname() || running(Number(match[1]))) continue;
    const gitFile = await readFile3(join7(entry, "gitdir"), "utf8").catch(() => "");
    const checkout = gitFile.trim() === "" ? void 0 : dirname2(gitFile.trim());
    if (checkout && basename(dirname2(checkout)).startsWith(ROOT_PREFIX)) {
      await git.removeWorktree(checkout).catch(() => void 0);
      await rmdir(dirname2(checkout)).catch(() => void 0);
    }
    await rm5(entry, { recursive: true, force: true });
  }
}
async function checkoutSides(git, baseSha, headSha, tempRoot = process.env.RUNNER_TEMP || tmpdir2()) {
  await removeAbandonedCheckouts(git);
  const root = await mkdtemp2(join7(await realpath(tempRoot), ROOT_PREFIX));
  const id = basename(root).slice(ROOT_PREFIX.length);
  const baseDir = join7(root, `base-${id}`);
  const headDir = join7(root, `head-${id}`);
  let disposing;
  const dispose = () => disposing ??= (async () => {
    for (const dir of [baseDir, headDir]) {
      await git.removeWorktree(dir).catch(() => void 0);
    }
    await rm5(root, { recursive: true, force: true });
  })();
  try {
    await git.addWorktree(baseDir, baseSha, lockReason());
    await git.addWorktree(headDir, headSha, lockReason());
  } catch (error) {
    await dispose();
    throw error;
  }
  return { baseDir, headDir, dispose };
}
async function verifyBaseCheckout(baseDir, baseSha) {
  const scratch = await mkdtemp2(join7(tmpdir2(), "allocdiff-verify-"));
  let changed;
  try {
    changed = await new Git(baseDir).changedFromCommit(baseSha, join7(scratch, "index"));
  } finally {
    await rm5(scratch, { recursive: true, force: true });
  }
  if (changed.length === 0) return;
  const shown2 = changed.slice(0, 10).map((path) => JSON.stringify(path));
  throw new RunFailure(
    `the base checkout was modified during the run: ${changed.length} file(s) of the base commit ${baseSha.slice(0, 7)} changed or removed (${shown2.join(", ")}${changed.length > 10 ? `, and ${changed.length - 10} more` : ""}). Its figures may be those of other code, so nothing is reported: the head side's code (benchmark or setup) can write there, as the same user. If base's own benchmark or setup writes these files, make it write outside the checkout (e.g. to a temporary folder).`
  );
}

// src/pipeline.ts
var FILE_COMMANDS = [
  "GITHUB_ENV",
  "GITHUB_OUTPUT",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY"
];
async function isolatePullRequestCode(git, sideDirs, log) {
  const temp = await mkdtemp3(join8(await realpath2(tmpdir3()), "allocdiff-tmp-"));
  const tmp = { base: join8(temp, "base"), head: join8(temp, "head") };
  await Promise.all([mkdir3(tmp.base, { mode: 448 }), mkdir3(tmp.head, { mode: 448 })]);
  const commonDir = await git.commonDir();
  const config = join8(temp, "git-config");
  await writeFile5(config, await git.configWithoutCredentials(), { mode: 384 });
  const fileCommands = FILE_COMMANDS.flatMap((name) => {
    const file = process.env[name];
    return file ? [dirname3(file)] : [];
  });
  const shared = {
    readOnly: [commonDir, config, ...fileCommands],
    covered: [[config, join8(commonDir, "config")]]
  };
  const own = (side) => ({
    readOnly: [sideDirs[side].checkout, sideDirs[side].environment ?? [], tmp[side]].flat(),
    covered: []
  });
  const protect = {
    base: protectBoth(shared, own("head")),
    head: protectBoth(shared, own("base"))
  };
  const { mode, note } = isolationHere();
  if (mode === "none" && process.env.GITHUB_ACTIONS === "true") log.warning(note);
  else log.info(note);
  return { temp, tmp, protect };
}
async function runAllocdiff(settings, log, { cache: given } = {}) {
  if (settings.configFile) {
    log.info(
      `configuration: ${settings.configFile}` + (settings.settingsFrom ? ` of ${settings.settingsFrom} (a change is judged by the settings from before it)` : "")
    );
  }
  const git = new Git(settings.repoDir);
  const topLevel = await git.topLevel();
  const projectDir = await realpath2(settings.repoDir);
  const fromRoot = (path) => relative(topLevel, resolve(projectDir, path)).split(sep).join("/");
  const { shard } = settings;
  const backend = shard ? shardedBackend(backendFor(settings.benchmark, fromRoot), shard) : backendFor(settings.benchmark, fromRoot);
  if (shard) {
    log.info(
      `shard ${shardText(shard)}: only the scenarios whose name falls to shard ${shard.index} of ${shard.count} are measured`
    );
  }
  const { baseSha, headSha, measuredHead, workingTree } = await log.group(
    "Resolving base and head",
    async () => {
      const baseSha2 = await resolveCommit(git, settings.base, "base");
      const headSha2 = await resolveCommit(git, settings.head, "head");
      log.info(`base ${settings.base} = ${baseSha2}`);
      const head = await headOrWorkingTree(git, settings, headSha2, log);
      if (head.measuredHead === baseSha2) {
        log.warning(
          `base and head are the same commit (${baseSha2.slice(0, 7)}): only noise can differ; give --base the commit to compare with (e.g. main), or make changes to measure`
        );
      }
      return { baseSha: baseSha2, headSha: headSha2, ...head };
    }
  );
  const checkingOut = checkoutSides(git, baseSha, measuredHead);
  checkingOut.catch(() => void 0);
  let diffText;
  try {
    diffText = await git.diff(baseSha, measuredHead);
  } catch (error) {
    await checkingOut.then((sides2) => sides2.dispose()).catch(() => void 0);
    throw error;
  }
  const sides = await checkingOut;
  const lineMap = LineMap.fromUnifiedDiff(diffText);
  let environments;
  let privateTemp;
  try {
    if (settings.setup) environments = await SideEnvironments.create(settings.python);
    const env = benchmarkEnvironment(process.env, settings.passEnv);
    delete env[SHARD_VARIABLE];
    if (shard) env[SHARD_VARIABLE] = shardText(shard);
    const isolated = await isolatePullRequestCode(
      git,
      {
        base: { checkout: sides.baseDir, environment: environments?.base.dir },
        head: { checkout: sides.headDir, environment: environments?.head.dir }
      },
      log
    );
    privateTemp = isolated.temp;
    const options = {
      ...captureSettingsOf(settings),
      // A backend that does not measure in depth has no sites at the peak.
      peakSites: backend.inDepth && settings.peakSites === true,
      env,
      log
    };
    const dirs = { base: sides.baseDir, head: sides.headDir };
    await backend.check?.(dirs);
    const wanted = given ?? (settings.cacheDir ? { store: directoryStore(settings.cacheDir), save: () => true } : void 0);
    const cache = wanted && await SideCache.open({
      store: wanted.store,
      // A working tree's commit is made for this run only: no later run asks for it.
      save: (side) => wanted.save(side) && !(side === "head" && workingTree),
      python: settings.python,
      env,
      benchmark: JSON.stringify(settings.benchmark),
      setup: settings.setup,
      log
    });
    const commits = { base: baseSha, head: measuredHead };
    const cachedSides = {};
    const keyFields = (side, sideOptions) => cache.fieldsOf(commits[side], dirs[side], {
      ...sideOptions,
      only: settings.benchmark.kind === "command" ? sideOptions.only : void 0
    });
    const fromCache = async (side, sideOptions) => {
      if (!cache) return void 0;
      const fields = await keyFields(side, sideOptions);
      const hit = await cache.load(
        side,
        fields,
        peakScenarios(sideOptions.peakSites),
        sideOptions.log
      );
      if (hit) cachedSides[side] = cachedText(side, commits[side], hit.savedAt);
      return hit && { kind: "measured", snapshot: hit.snapshot };
    };
    const measureSide = async (side, sideOptions, served) => {
      const hit = served ?? await fromCache(side, sideOptions);
      if (hit) return hit;
      const outcome = await backend.measure(dirs[side], sideOptions);
      if (cache) {
        const fields = await keyFields(side, sideOptions);
        await cache.save(
          side,
          fields,
          peakScenarios(sideOptions.peakSites),
          outcome,
          sideOptions.log
        );
      }
      return outcome;
    };
    const labels = {
      base: baseSha.slice(0, 7),
      head: workingTree ? "working tree" : headSha.slice(0, 7)
    };
    const roots = [topLevel, sides.baseDir, sides.headDir];
    const envs = {
      base: { ...await ownCodeEnvironment(env, sides.baseDir, roots), TMPDIR: isolated.tmp.base },
      head: { ...await ownCodeEnvironment(env, sides.headDir, roots), TMPDIR: isolated.tmp.head }
    };
    const { protect } = isolated;
    const sequential = sequentialReason({ parallel: settings.parallel });
    log.info(
      sequential === void 0 ? "base and head are measured at the same time, on different cores" : `base and head are measured one after the other: ${sequential}`
    );
    const autoPeaks = backend.inDepth && settings.peakSites === "auto";
    const deep = backend.inDepth && (settings.repeats > 1 || settings.objectTypes || settings.peakSites !== false);
    const measureAll = (title, sideOptions, earlier, headOnly) => onBothSides(
      log,
      (side) => `${title} ${side} ${labels[side]}`,
      (side, sideLog) => {
        const first = earlier?.[side];
        return measureSide(side, {
          ...sideOptions,
          env: envs[side],
          protect: protect[side],
          log: sideLog,
          environment: environments?.[side],
          ...first?.kind === "measured" ? { sameAs: first.snapshot } : {},
          ...side === "head" ? headOnly : {}
        });
      },
      sequential
    );
    const outcomeContext = { benchmark: backend.name, frames: settings.frames };
    const configFiles = settings.configFile ? [fromRoot(settings.configFile)] : [];
    const selection = await chooseTests(
      settings,
      backend,
      lineMap,
      configFiles,
      log,
      () => backend.readTests(dirs.base, {
        ...options,
        env: envs.base,
        protect: protect.base,
        log,
        environment: environments?.base
      })
    );
    if (selection && selection.kind !== "all") options.skipTests = selection.skip;
    const firstOptions = deep ? { ...options, repeats: 1, objectTypes: false, peakSites: false } : options;
    const skipAllowed = settings.skipUnchanged && !settings.setup && settings.benchmark.kind === "script";
    const baseServed = skipAllowed && sequential === void 0 ? await fromCache("base", { ...firstOptions, env: envs.base, log }) : void 0;
    const skippable = skipAllowed && (sequential !== void 0 || baseServed !== void 0);
    let noChange;
    let measured;
    if (skippable) {
      const measureOne = (side) => log.group(
        `Measuring ${side} ${labels[side]}`,
        () => measureSide(
          side,
          {
            ...firstOptions,
            env: envs[side],
            log,
            environment: environments?.[side]
          },
          side === "base" ? baseServed : void 0
        )
      );
      const base2 = await measureOne("base");
      const always = [
        backend.name,
        ...settings.configFile ? [fromRoot(settings.configFile)] : []
      ];
      noChange = base2.kind === "measured" ? unchangedReads(base2.snapshot, lineMap, always) : void 0;
      if (noChange) log.info(`no change: ${noChange}`);
      measured = { base: base2, head: noChange ? base2 : await measureOne("head") };
    } else if (selection?.kind === "none") {
      const none = { kind: "measured", snapshot: emptySnapshot(settings.frames) };
      measured = { base: none, head: none };
    } else {
      measured = await measureAll("Measuring", firstOptions);
    }
    const firstPass = measured;
    let measuredInDepth = false;
    let repeatsUsed = deep || !backend.inDepth ? 1 : settings.repeats;
    let iterationsUsed = settings.iterations;
    let agreed;
    if (deep) {
      const first = compareSnapshots(
        snapshotOf(measured.base, outcomeContext),
        snapshotOf(measured.head, outcomeContext),
        lineMap
      );
      if (noChange) {
        agreed = first;
      } else if (sidesAgree(first) && options.peakSites === true) {
        measured = await measureAll("Finding the sites at the peak on", {
          ...options,
          repeats: 1,
          objectTypes: false
        });
      } else if (sidesAgree(first)) {
        agreed = first;
        log.info(
          "base and head measured the same in a first run each: no repeats, object counts or peak sites needed"
        );
      } else {
        const peaks = autoPeaks ? peaksChanged(first) : [];
        const leakCheck = settings.iterations === 0 && functionRetainedChanged(first);
        const more = settings.repeats > 1 || settings.objectTypes || options.peakSites === true;
        const retentionSites = retentionTargets(first.scenarios, settings.retentionPaths);
        if (more || peaks.length > 0 || leakCheck || retentionSites.length > 0) {
          measured = await measureAll(
            `Measuring in depth (repeats: ${settings.repeats}${leakCheck ? `, leak check: ${AUTOMATIC_LEAK_CALLS} calls` : ""})`,
            {
              ...options,
              ...autoPeaks ? { peakSites: peaks } : {},
              ...leakCheck ? { iterations: AUTOMATIC_LEAK_CALLS } : {},
              only: differingScenarios(first)
            },
            provable(measured, first),
            retentionSites.length > 0 ? { retentionSites } : void 0
          );
          repeatsUsed = settings.repeats;
          measuredInDepth = true;
          if (leakCheck) iterationsUsed = AUTOMATIC_LEAK_CALLS;
        } else {
          agreed = first;
        }
      }
    }
    for (const side of ["base", "head"]) {
      const first = firstPass[side];
      if (!cache || !wanted?.deepen?.(side) || !deep || measuredInDepth || noChange) continue;
      if (first.kind !== "measured") continue;
      await log.group(
        `Measuring in depth for the cache ${side} ${labels[side]}`,
        () => measureSide(side, {
          ...options,
          peakSites: settings.peakSites !== false,
          env: envs[side],
          protect: protect[side],
          log,
          environment: environments?.[side],
          sameAs: first.snapshot
        })
      );
    }
    const nothing = backend.nothingMeasured(measured.base, measured.head);
    if (nothing !== void 0 && selection?.kind !== "none") throw new UsageError(nothing);
    const sided = sideSnapshots(measured, outcomeContext);
    const { base, head } = shard ? { base: snapshotInShard(sided.base, shard), head: snapshotInShard(sided.head, shard) } : sided;
    const markers = markerBudgets(base, head);
    const compared = agreed ?? compareSnapshots(base, head, lineMap);
    const { comparison, dropped: ignoredSites } = withoutIgnoredSites(compared, settings.ignore);
    if (settings.frames > 1 && backend.trace) {
      const targets = tracebackTargets(comparison);
      const untraced = (side) => settings.setup !== void 0 && side in cachedSides;
      for (const side of ["base", "head"]) {
        if (untraced(side) && targets[side].length > 0)
          log.info(
            `no tracebacks on ${side}: its measurement came from the cache, and setup has not run in its checkout`
          );
      }
      const wanted2 = (side) => untraced(side) ? [] : targets[side];
      const only = comparison.scenarios.filter((s) => s.status !== "failed" && s.sites.length > 0).map((s) => s.name);
      const none = { base: void 0, head: void 0 };
      const traced = targets.base.length + targets.head.length === 0 ? none : await onBothSides(
        log,
        (side) => `Tracebacks on ${side} ${labels[side]}`,
        (side, sideLog) => wanted2(side).length > 0 ? traceSites(
          backend,
          dirs[side],
          {
            ...options,
            env: envs[side],
            protect: protect[side],
            log: sideLog,
            environment: environments?.[side],
            only
          },
          wanted2(side)
        ) : Promise.resolve(void 0),
        sequential
      );
      attachTracebacks(comparison, traced);
    }
    await verifyBaseCheckout(sides.baseDir, baseSha);
    sides.dispose().catch(() => void 0);
    environments?.dispose().catch(() => void 0);
    if (privateTemp) rm6(privateTemp, { recursive: true, force: true }).catch(() => void 0);
    const checked = checkBudgets(comparison, settings.budgets, markers.rules);
    const budgets = checked.results;
    const warnings = [...markers.warnings, ...shard ? [] : checked.warnings];
    for (const warning of warnings) log.warning(warning);
    if (shard) {
      for (const warning of checked.warnings) {
        log.info(`in this shard: ${warning} (the merge warns if no shard checked it)`);
      }
    }
    const shown2 = withoutSmallSites(comparison, settings.minimumChange);
    const described = head.scenarios.length > 0 && head.python.version ? head : base;
    const report = buildReport({
      allocdiffVersion: VERSION,
      key: settings.key,
      verdict: decideVerdict(comparison, budgets, warnings),
      ...settings.repository ? { repository: settings.repository } : {},
      ...settings.serverUrl ? { serverUrl: settings.serverUrl } : {},
      ...settings.pullRequest !== void 0 ? { pullRequest: settings.pullRequest } : {},
      base: { sha: baseSha, ref: settings.base },
      head: { sha: headSha, ref: settings.head, ...workingTree ? { workingTree } : {} },
      environment: {
        python: described.python.version || void 0,
        implementation: described.python.implementation || void 0,
        platform: described.platform || void 0,
        frames: settings.frames,
        repeats: repeatsUsed,
        iterations: iterationsUsed
      },
      comparison: shown2.comparison,
      budgets,
      warnings,
      ...settings.configFile ? { configFile: settings.configFile } : {},
      hiddenSites: {
        ignored: ignoredSites,
        belowMinimumChange: shown2.dropped,
        minimumChange: settings.minimumChange
      }
    });
    if (noChange) report.noChange = `no change: ${noChange}`;
    if (selection && selection.kind !== "all" && selection.skip.length > 0) {
      report.testsNotRun = { count: selection.skip.length, why: selection.why };
    }
    const cached = ["base", "head"].flatMap((side) => cachedSides[side] ?? []);
    if (cached.length > 0) report.cached = cached;
    if (shard) {
      const { overrides, rules } = checked.unchecked;
      report.shard = {
        ...shard,
        settings: settingsDigest(settings),
        ...overrides.length + rules.length > 0 ? { unchecked: checked.unchecked } : {}
      };
    }
    if (settings.proposed && settings.settingsFrom) {
      report.settingsChange = judgeProposed(
        report,
        compared,
        settings.proposed,
        settings.settingsFrom,
        markers.headRules
      );
      log.warning(settingsChangeText(report.settingsChange));
    }
    const outputs = await writeOutputs(settings, report, renderOptions(settings));
    return { report, outputs, markdown: outputs.comment.content, summary: outputs.summary.content };
  } finally {
    await Promise.all([
      sides.dispose(),
      environments?.dispose(),
      privateTemp && rm6(privateTemp, { recursive: true, force: true })
    ]);
  }
}
async function chooseTests(settings, backend, lineMap, always, log, readBase) {
  if (settings.benchmark.kind !== "command" || !settings.selectTests || !backend.readTests) {
    return void 0;
  }
  if (settings.setup) {
    log.info("every test is traced: with a setup, what a test runs may be installed code");
    return void 0;
  }
  return log.group("Recording what each test reads on base", async () => {
    const reads = await readBase();
    if (reads === void 0) {
      log.info("no pytest test ran: every process is traced");
      return void 0;
    }
    if ("failure" in reads) {
      log.warning(`every test is traced: what each test reads was not recorded: ${reads.failure}`);
      return void 0;
    }
    const selection = selectTests(reads, lineMap, always);
    log.info(
      selection.kind === "all" ? `every test is traced: ${selection.why}` : `${selection.run.length} tests of base to trace on both sides (and any head adds); ${selection.why}`
    );
    return selection;
  });
}
function unchangedReads(base, lineMap, always) {
  if (!base.reads || base.scenarios.some((s) => s.status !== "ok")) return void 0;
  const files = /* @__PURE__ */ new Set([...base.reads.files, ...always]);
  if (lineMap.firstTouched({ ...base.reads, files }) !== void 0) return void 0;
  const count2 = (n, what) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `this pull request touches nothing the benchmark reads: on base it read ${count2(files.size, "file")} of the repository (the script and config file included) and listed ${count2(base.reads.folders.length, "folder")}, and the diff changes none of them, so head's figures are base's`;
}
function provable(measured, first) {
  const agreeing = new Set(first.scenarios.filter(scenarioAgrees).map((s) => s.name));
  const only = (outcome) => outcome.kind === "measured" ? {
    kind: "measured",
    snapshot: {
      ...outcome.snapshot,
      scenarios: outcome.snapshot.scenarios.filter(
        (s) => s.kind !== "function" || agreeing.has(s.name)
      )
    }
  } : outcome;
  return { base: only(measured.base), head: only(measured.head) };
}
async function headOrWorkingTree(git, settings, headSha, log) {
  const commit = { measuredHead: headSha };
  const named = `head ${settings.head} = ${headSha}`;
  if (settings.workingTree === void 0 || !await git.workingTreeHasChanges()) {
    log.info(named);
    return commit;
  }
  if (settings.workingTree === "mention" || await git.commitOf("HEAD") !== headSha) {
    log.info(named);
    log.info(
      `the working tree's uncommitted changes are not measured: head is the commit ${settings.head} (without --head, allocdiff measures the working tree)`
    );
    return commit;
  }
  const untracked = await untrackedSize(git);
  if (untracked.bytes >= LARGE_UNTRACKED_BYTES) {
    const largest = untracked.largest.map((entry) => `${entry.path} ${formatBytes(entry.bytes)}`);
    log.warning(
      `the working tree's untracked files hold ${formatBytes(untracked.bytes)} (${largest.join(", ")}): head measures them, so git copies them into the repository's objects (until its garbage collection removes them) and into head's checkout. Ignore what the benchmark does not need (.gitignore, .git/info/exclude), or measure the last commit alone with --head HEAD.`
    );
  }
  const tree = await readWorkingTree(git, headSha).catch((error) => {
    throw new RunFailure(
      `the working tree could not be read to measure it as head: ${errorMessage(error)}. --head HEAD measures the last commit instead.`
    );
  });
  for (const skipped of tree.skipped) {
    log.warning(`left out of the working tree: ${skipped}`);
  }
  if (!tree.changed) {
    log.info(`${named} (the working tree has the same files)`);
    return commit;
  }
  log.info(
    `head: working tree on top of ${headSha.slice(0, 7)} (its changes not yet committed, untracked files included; --head HEAD measures the commit alone)`
  );
  return { measuredHead: await commitWorkingTree(git, tree), workingTree: true };
}

// src/format/text-width.ts
var WIDE = [
  [4352, 4447],
  [8986, 8987],
  [9001, 9002],
  [11904, 12350],
  [12353, 13311],
  [13312, 19903],
  [19968, 40959],
  [40960, 42191],
  [43360, 43391],
  [44032, 55203],
  [63744, 64255],
  [65040, 65049],
  [65072, 65135],
  [65280, 65376],
  [65504, 65510],
  [94176, 101631],
  [110592, 111359],
  [127488, 127743],
  [131072, 196605],
  [196608, 262141]
];
var EMOJI = new RegExp("\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F|\\p{Regional_Indicator}", "u");
var ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
function isWide(codePoint) {
  return WIDE.some(([low, high]) => codePoint >= low && codePoint <= high);
}
var segmenter;
function graphemeWidth(grapheme) {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme) || isWide(grapheme.codePointAt(0) ?? 0)) return 2;
  return 1;
}
function displayWidth(text) {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}
function padToWidth(text, width, side = "end") {
  const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
  return side === "start" ? padding + text : text + padding;
}

// src/report/terminal.ts
var VERDICT_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
var STYLE2 = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36",
  boldRed: "1;31",
  boldGreen: "1;32",
  boldYellow: "1;33"
};
function changeStyle(cell) {
  const text = cell.trim();
  if (text.startsWith("+")) return "red";
  if (text.startsWith("-") && text !== "-") return "green";
  return void 0;
}
var STATUS_STYLE = {
  failed: "red",
  new: "cyan",
  removed: "dim",
  fail: "red",
  warn: "yellow",
  pass: "green",
  skip: "dim"
};
function table2(rows, align, paint) {
  const widths = rows[0].map(
    (_, column) => Math.max(...rows.map((row) => displayWidth(row[column])))
  );
  return rows.map((row, rowIndex) => {
    const cells = row.map(
      (cell, column) => padToWidth(cell, widths[column], align[column] === "r" ? "start" : "end")
    );
    const last = cells.length - 1;
    cells[last] = cells[last].trimEnd();
    const styled = paint ? cells.map((cell, column) => {
      const style = rowIndex === 0 ? "bold" : paint(row[column], rowIndex, column);
      return style && cell.trim() ? `\x1B[${STYLE2[style]}m${cell}\x1B[0m` : cell;
    }) : cells;
    return styled.join("  ").trimEnd();
  });
}
function grew(site) {
  return site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0;
}
var NOISE_ROWS = measuresWhere((spec) => spec.words.row !== void 0);
function isNoisy(scenario) {
  return NOISE_ROWS.some((name) => measureOf(scenario, name)?.noisy) || scenario.sites.some((site) => site.noisy);
}
function pair(measure) {
  const show = (value) => value === null ? "-" : formatBytes(value);
  return `${show(measure.base)} -> ${show(measure.head)}`;
}
function delta(measure) {
  if (measure === void 0 || measure.delta === null || measure.base === null || measure.head === null)
    return "-";
  return `${formatBytesDelta(measure.delta)} (${formatPercent(percentChange(measure.base, measure.head))})`;
}
function unchangedText(report, listed) {
  const line = unchangedLine(report, listed);
  if (!line) return [];
  const why = line.minimum > 0 ? `by less than the minimum change of ${formatBytes(line.minimum)} or within noise` : "only within noise";
  const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : "";
  return [
    ...listed.length > 0 ? [""] : [],
    `${line.unchanged} unchanged${slight}, ${groupDigits(line.listed)} changed`
  ];
}
function renderTerminal(report, topSites = 10, options = {}) {
  const color = options.color === true;
  const paint = (fn) => color ? fn : void 0;
  const styled = (style2, text) => color ? `\x1B[${STYLE2[style2]}m${text}\x1B[0m` : text;
  const leak = report.scenarios.some((s) => s.leak !== void 0);
  const extra = changedMeasures(report);
  const header = [
    "scenario",
    "peak",
    "peak change",
    "retained",
    "retained change",
    ...extra.map((name) => `${MEASURES[name].words.name} change`)
  ];
  const head = report.head.workingTree ? `head: working tree on top of ${report.head.sha.slice(0, 7)}` : `head ${report.head.sha.slice(0, 7)}`;
  const listed = listedChanges(report);
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> ${head}`,
    ...report.cached ?? [],
    "",
    ...listed.length === 0 ? [] : table2(
      [
        [...header, ...leak ? ["leak/call"] : [], "status"],
        ...listed.map((s) => [
          s.name,
          pair(s.peak),
          delta(s.peak),
          pair(s.retained),
          delta(s.retained),
          ...extra.map((name) => delta(measureOf(s, name))),
          ...leak ? [(s.leak && leakText(s.leak)) ?? "-"] : [],
          [
            s.status,
            isNoisy(s) ? "noisy" : "",
            // Growth over the in-process repeats, as the comment's leak section shows it.
            s.retained.headGrowth ? `rising ${formatBytesDelta(s.retained.headGrowth)}/call` : ""
          ].filter(Boolean).join(", ")
        ])
      ],
      `lrrrr${"r".repeat(extra.length)}${leak ? "r" : ""}l`,
      paint(
        (cell, _row, column) => column === 2 || column >= 4 && column < header.length + (leak ? 1 : 0) ? changeStyle(cell.replace(/^.*\(/, "")) : column === header.length + (leak ? 1 : 0) ? STATUS_STYLE[cell.split(",")[0].trim()] : void 0
      )
    ),
    ...unchangedText(report, listed),
    ...report.testsNotRun ? ["", testsNotRunText(report.testsNotRun)] : []
  ];
  for (const scenario of listed) {
    for (const { sides, error } of failuresOf(scenario)) {
      const who = sides === "base and head" ? "both sides failed" : `the ${sides} side failed`;
      lines.push("", `${scenario.name}: ${who}: ${error.type}: ${error.message}`);
      const detail = failureText(error);
      if (detail) lines.push(...detail.split("\n").map((l) => `  | ${l}`));
    }
    if (scenario.sites.length === 0) continue;
    const grown = scenario.sites.filter(grew).slice(0, topSites);
    const shrunk = scenario.sites.filter((site) => !grew(site)).slice(0, topSites);
    const listed2 = /* @__PURE__ */ new Set([...grown, ...shrunk]);
    const shown2 = scenario.sites.filter((site) => listed2.has(site));
    const marked = shown2.some((site) => site.changedLine) ? ` (${styled("yellow", "*")} a line the change touches)` : "";
    lines.push("", `changed sites in ${scenario.name}${marked}:`);
    lines.push(
      ...table2(
        [
          ["site", "size change", "count", "head size", "function", "source"],
          ...shown2.map((site) => [
            `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? " *" : ""}`,
            formatBytesDelta(site.sizeDelta),
            site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
            formatBytes(site.headSize),
            site.function ?? "",
            (site.text ?? "").slice(0, 60)
          ])
        ],
        "lrrrll",
        paint(
          (cell, _row, column) => column === 0 && cell.endsWith(" *") ? "yellow" : column === 1 || column === 2 ? changeStyle(cell) : void 0
        )
      ).map((line) => `  ${line}`)
    );
    if (scenario.sites.length > shown2.length)
      lines.push(
        `  \u2026 ${groupDigits(scenario.sites.length - shown2.length)} more in the JSON report`
      );
    if (scenario.sitesLeftOut)
      lines.push(
        `  \u2026 and ${groupDigits(scenario.sitesLeftOut.count)} more changed sites not kept in the report, summed: ${formatBytesDelta(scenario.sitesLeftOut.sizeDelta)}`
      );
    const findings = scenario.retention ?? [];
    if (findings.length > 0) {
      lines.push("", `kept alive in ${scenario.name}:`);
      for (const finding of findings.slice(0, RETENTION_SHOWN))
        lines.push(`  ${retentionSentence(finding)}`, `    path: ${finding.path || "-"}`);
      if (findings.length > RETENTION_SHOWN)
        lines.push(`  \u2026 ${groupDigits(findings.length - RETENTION_SHOWN)} more in the JSON report`);
    }
  }
  const hidden = report.hiddenSites;
  if (hidden && hidden.ignored + hidden.belowMinimumChange > 0) {
    lines.push(
      "",
      `not shown: ${groupDigits(hidden.ignored)} site(s) matching an ignore glob, ${groupDigits(hidden.belowMinimumChange)} changed by less than ${formatBytes(hidden.minimumChange)}`
    );
  }
  if (report.budgets.length > 0) {
    lines.push("", "budgets:");
    lines.push(
      ...table2(
        [
          ["rule", "scenario", "limit", "actual", "level", "status"],
          ...report.budgets.map((b) => [
            b.metric,
            b.scenario,
            b.limit,
            `${b.actual}${b.site ? ` at ${b.site}` : ""}${b.leak ? ` (${b.leak})` : ""}`,
            b.level,
            b.reason && b.status !== "pass" ? `${b.status} (${b.reason})` : b.status
          ])
        ],
        "llrrll",
        paint(
          (cell, _row, column) => column === 5 ? STATUS_STYLE[cell.split(" ")[0]] : void 0
        )
      ).map((line) => `  ${line}`)
    );
  }
  for (const warning of report.warnings ?? []) lines.push("", `warning: ${warning}`);
  if (report.settingsChange) lines.push("", settingsChangeText(report.settingsChange));
  if (report.accepted) lines.push("", `${acceptanceText(report.accepted)}: the check passes`);
  const verdictStyle = { pass: "boldGreen", warn: "boldYellow", fail: "boldRed" };
  const explanation = explainVerdict(report);
  const style = grewUnchecked(explanation) ? "boldYellow" : verdictStyle[report.verdict];
  lines.push(
    "",
    `${styled(style, VERDICT_WORD[report.verdict])}: ${verdictReason(report, explanation)}`,
    ""
  );
  return lines.join("\n");
}

export {
  renderOptions,
  OUTPUTS,
  writeOutputs,
  runAllocdiff,
  renderTerminal
};
