import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  renderMarkdown,
  renderSummary
} from "./chunk-WWWJIJJ2.js";
import {
  escapeHtml,
  interruptedText,
  jsonForScript,
  visibleText
} from "./chunk-AG4ZHWQW.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-I74BVKXL.js";
import {
  renderJson
} from "./chunk-KVJUZTHE.js";
import {
  MEASURES,
  MEASURE_NAMES,
  measureOf
} from "./chunk-NBJJRWMZ.js";

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
  const shown = {
    file: visibleText(frame.file),
    line: frame.line
  };
  if (frame.function !== void 0) shown.function = visibleText(frame.function);
  if (frame.text !== void 0) shown.text = visibleText(frame.text);
  return shown;
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
  const table = new StringTable();
  const scenarios = report.scenarios.map((scenario) => ({
    views: {
      retained: table.node(flameTree(scenario.sites)),
      ...scenario.peakSites && scenario.peakSites.sites.length > 0 ? { peak: table.node(flameTree(scenario.peakSites.sites)) } : {}
    },
    sites: scenario.sites.map((site) => table.place(siteRow(site)))
  }));
  return { strings: table.strings, scenarios };
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
  const delta = base !== null && head !== null ? head - base : null;
  const percent = base !== null && head !== null ? formatPercent(percentChange(base, head)) : "\u2014";
  const cls = delta === null || delta === 0 ? "" : delta > 0 ? ' class="grew"' : ' class="shrank"';
  const label = MEASURES[name].words.name;
  return `<tr${cls}><th scope="row">${escapeHtml(label.charAt(0).toUpperCase() + label.slice(1))}</th><td>${figure(measure, base, format)}</td><td>${figure(measure, head, format)}</td><td>${figure(measure, delta, bytes ? formatBytesDelta : signedCount)}</td><td>${escapeHtml(percent)}</td></tr>`;
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
    ...report.interrupted ? [
      `<p><strong>Stopped before the end:</strong> ${escapeHtml(interruptedText(report.interrupted))}.</p>`
    ] : [],
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
function outputPaths(paths) {
  return Object.fromEntries(OUTPUTS.map((output) => [output.name, output.path(paths)]));
}
async function writeOutputs(paths, report, options = {}, outputs = OUTPUTS) {
  const written = {};
  for (const output of outputs) {
    const path = output.path(paths);
    const content = output.render(report, options);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written[output.name] = { path, content };
  }
  return written;
}

export {
  renderOptions,
  summaryPathOf,
  htmlPathOf,
  OUTPUTS,
  outputPaths,
  writeOutputs
};
