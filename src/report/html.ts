/**
 * The HTML report: one self-contained page (every style and script inline, nothing fetched when
 * it is viewed) with, per scenario, the totals on base and head, a differential flame graph of
 * the changed sites by call path, and the site table, sortable.
 *
 * The page is built by hand: the flame graph is a column of positioned boxes laid out by a small
 * inline script (PAGE_SCRIPT), which also sorts the table. Text from the pull request reaches the
 * page in two ways only: escaped for HTML (`escapeHtml`) in what this module writes, and as JSON
 * in a `<script type="application/json">` block (`jsonForScript`) that the script reads and puts
 * into the page as `textContent`, never as markup. The page's Content-Security-Policy runs only
 * the script whose hash it names, so even markup that got through could run nothing.
 */
import type { TracebackFrame } from '../capture/snapshot.js';
import type { ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import {
  MEASURE_NAMES,
  MEASURES,
  measureOf,
  type Measure,
  type MeasureName,
} from '../compare/measures.js';
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange,
} from '../format/sizes.js';
import { escapeHtml, jsonForScript, visibleText } from './escape.js';
import type { Report } from './report.js';
import { interruptedText } from './verdict.js';

/** A place in the code with its bytes and blocks per side, as the page shows it. */
interface PlaceFigures {
  /** The function, as the harness named it; absent when unknown. */
  function?: string;
  file: string;
  line: number | null;
  /** The source line. */
  text?: string;
  /** Bytes and blocks per side (in the flame graph, a shrink below zero counts as zero). */
  base: number;
  head: number;
  baseCount: number;
  headCount: number;
  /** Noisy: varies between runs of the same code. */
  noisy?: true;
}

/** One frame of the flame graph: a call-path prefix, the bytes of the changed sites under it. */
export interface FlameNode extends PlaceFigures {
  /**
   * Part of a site's figures under it come from splitting the site across its call paths in
   * proportion to the traced side's bytes (only one side's paths are traced).
   */
  split?: true;
  children: FlameNode[];
}

/** A row of the site table, as the page's script reads it. */
interface SiteRow extends PlaceFigures {
  changedLine?: true;
}

/** One call path of a site with the share of the site's figures that goes along it. */
interface Stack {
  frames: TracebackFrame[];
  share: number;
  split: boolean;
}

function siteFrame(site: SiteDelta): TracebackFrame {
  const frame: TracebackFrame = { file: site.file, line: site.line ?? site.baseLine ?? 0 };
  if (site.function !== undefined) frame.function = site.function;
  if (site.text !== undefined) frame.text = site.text;
  return frame;
}

/**
 * A site's call paths: its tracebacks (oldest frame first, the site last), each with its part of
 * the traced bytes; a site with none is a stack of one frame, the site itself.
 */
function stacksOf(site: SiteDelta): Stack[] {
  const tracebacks = (site.tracebacks ?? []).filter((t) => t.size > 0 && t.frames.length > 0);
  const traced = tracebacks.reduce((sum, t) => sum + t.size, 0);
  if (traced === 0) return [{ frames: [siteFrame(site)], share: 1, split: false }];
  return tracebacks.map((t) => ({
    frames: t.frames,
    share: t.size / traced,
    split: tracebacks.length > 1,
  }));
}

function frameKey(frame: TracebackFrame): string {
  return `${frame.file}\u0000${frame.line}\u0000${frame.function ?? ''}`;
}

function shownFrame(frame: TracebackFrame): Pick<FlameNode, 'file' | 'line' | 'function' | 'text'> {
  const shown: Pick<FlameNode, 'file' | 'line' | 'function' | 'text'> = {
    file: visibleText(frame.file),
    line: frame.line,
  };
  if (frame.function !== undefined) shown.function = visibleText(frame.function);
  if (frame.text !== undefined) shown.text = visibleText(frame.text);
  return shown;
}

/**
 * The flame graph of changed sites: a root, then each call path's frames oldest first, frames
 * with the same place and function merged, widest first. A frame's figures are the sum of the
 * sites' under it; a site with several call paths is split across them in proportion to its
 * traced bytes.
 */
export function flameTree(sites: readonly SiteDelta[]): FlameNode {
  const root: FlameNode = {
    function: 'all changed sites',
    file: '',
    line: null,
    base: 0,
    head: 0,
    baseCount: 0,
    headCount: 0,
    children: [],
  };
  const childIndex = new Map<FlameNode, Map<string, FlameNode>>();
  const add = (node: FlameNode, site: SiteDelta, stack: Stack) => {
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
        if (!index) childIndex.set(node, (index = new Map()));
        const key = frameKey(frame);
        let child = index.get(key);
        if (!child) {
          child = {
            ...shownFrame(frame),
            base: 0,
            head: 0,
            baseCount: 0,
            headCount: 0,
            children: [],
          };
          index.set(key, child);
          node.children.push(child);
        }
        add(child, site, stack);
        node = child;
      }
    }
  }
  const order = (node: FlameNode) => {
    node.children.sort((a, b) => b.head - a.head || b.base - a.base);
    node.children.forEach(order);
  };
  order(root);
  return root;
}

function siteRow(site: SiteDelta): SiteRow {
  const row: SiteRow = {
    file: visibleText(site.file),
    line: site.line ?? site.baseLine,
    base: site.baseSize,
    head: site.headSize,
    baseCount: site.baseCount,
    headCount: site.headCount,
  };
  if (site.function !== undefined) row.function = visibleText(site.function);
  if (site.text !== undefined) row.text = visibleText(site.text);
  if (site.noisy) row.noisy = true;
  if (site.changedLine) row.changedLine = true;
  return row;
}

/** A place's file, function and source text as positions in the page's string table. */
type Indexed<T extends PlaceFigures> = Omit<T, 'file' | 'function' | 'text' | 'children'> & {
  file: number;
  function?: number;
  text?: number;
};
type IndexedNode = Indexed<FlameNode> & { children: IndexedNode[] };

/**
 * Each string once: a site's file, function and source line appear in its table row and again
 * in the flame graph (as do a caller's, on every call path through it), so the page stores
 * them in one table and everything else by position in it.
 */
class StringTable {
  readonly strings: string[] = [];
  private readonly positions = new Map<string, number>();

  at(text: string): number {
    let position = this.positions.get(text);
    if (position === undefined) {
      position = this.strings.push(text) - 1;
      this.positions.set(text, position);
    }
    return position;
  }

  /** A copy of `place` with its strings as positions (one copy: the page is large). */
  place<T extends PlaceFigures>(place: T): Indexed<T> {
    const indexed = { ...place } as Record<string, unknown>;
    indexed.file = this.at(place.file);
    if (place.function !== undefined) indexed.function = this.at(place.function);
    if (place.text !== undefined) indexed.text = this.at(place.text);
    return indexed as Indexed<T>;
  }

  node(node: FlameNode): IndexedNode {
    const indexed = this.place(node) as Indexed<FlameNode> & { children: unknown };
    indexed.children = node.children.map((child) => this.node(child));
    return indexed as IndexedNode;
  }
}

/**
 * What the page's script reads: the string table, and per scenario its flame graphs and site
 * rows, whose `file`, `function` and `text` are positions in the table.
 */
function pageData(report: Report) {
  const table = new StringTable();
  const scenarios = report.scenarios.map((scenario) => ({
    views: {
      retained: table.node(flameTree(scenario.sites)),
      ...(scenario.peakSites && scenario.peakSites.sites.length > 0
        ? { peak: table.node(flameTree(scenario.peakSites.sites)) }
        : {}),
    },
    sites: scenario.sites.map((site) => table.place(siteRow(site))),
  }));
  return { strings: table.strings, scenarios };
}

const NOISY_TITLE = 'noisy: varies between runs of the same code';

function figure(measure: Measure, value: number | null, format: (n: number) => string): string {
  if (value === null) return '—';
  const text = escapeHtml(format(value));
  return measure.noisy ? `<span class="noisy" title="${NOISY_TITLE}">≈ ${text}</span>` : text;
}

function signedCount(n: number): string {
  return n > 0 ? `+${groupDigits(n)}` : groupDigits(n);
}

function totalsRow(name: MeasureName, measure: Measure): string {
  const bytes = MEASURES[name].unit === 'bytes';
  const format = bytes ? formatBytes : groupDigits;
  const { base, head } = measure;
  const delta = base !== null && head !== null ? head - base : null;
  const percent = base !== null && head !== null ? formatPercent(percentChange(base, head)) : '—';
  const cls = delta === null || delta === 0 ? '' : delta > 0 ? ' class="grew"' : ' class="shrank"';
  const label = MEASURES[name].words.name;
  return (
    `<tr${cls}><th scope="row">${escapeHtml(label.charAt(0).toUpperCase() + label.slice(1))}</th>` +
    `<td>${figure(measure, base, format)}</td><td>${figure(measure, head, format)}</td>` +
    `<td>${figure(measure, delta, bytes ? formatBytesDelta : signedCount)}</td>` +
    `<td>${escapeHtml(percent)}</td></tr>`
  );
}

/** Every measure the scenario has, base and head. */
function totalsTable(scenario: ScenarioComparison): string {
  const rows = MEASURE_NAMES.flatMap((name) => {
    const measure = measureOf(scenario, name);
    return measure ? [totalsRow(name, measure)] : [];
  });
  return (
    '<table class="totals"><thead><tr><th></th><th scope="col">base</th><th scope="col">head</th>' +
    `<th scope="col">Δ</th><th scope="col">%</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function errorNote(scenario: ScenarioComparison): string {
  const { error } = scenario;
  if (!error) return '';
  const line = `${error.side} failed: ${error.type}: ${error.message}`;
  return `<p class="error">${escapeHtml(line)}</p>`;
}

function scenarioSection(scenario: ScenarioComparison, index: number): string {
  const sites = scenario.sites.length;
  const peak = scenario.peakSites?.sites.length ?? 0;
  return [
    `<section class="scenario" id="scenario-${index}">`,
    `<h2>${escapeHtml(scenario.name)} <small>${escapeHtml(scenario.status)}</small></h2>`,
    errorNote(scenario),
    totalsTable(scenario),
    sites + peak > 0
      ? `<h3>Changed sites by call path</h3><div class="flame-box" data-scenario="${index}"></div>` +
        `<h3>Changed sites (${groupDigits(sites)})</h3><div class="table-box" data-scenario="${index}"></div>`
      : '<p>No changed allocation sites.</p>',
    '</section>',
  ].join('\n');
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function sideText(side: Report['base']): string {
  return `${shortSha(side.sha)}${side.ref ? ` (${side.ref})` : ''}${side.workingTree ? ' + working tree' : ''}`;
}

const STYLE = `
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

/**
 * The page's script. It reads the JSON block, draws each scenario's flame graph (zoom on click,
 * details on hover, search) and its site table (sorted by a click on a column), and puts text
 * from the report into the page as `textContent` only. ASCII, so its hash is that of its bytes.
 */
export const PAGE_SCRIPT = String.raw`(function () {
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

/**
 * The Content-Security-Policy hash of PAGE_SCRIPT (base64 SHA-256 of its bytes): the page runs
 * that script and no other. A unit test checks it against the script.
 */
export const PAGE_SCRIPT_HASH = 'sha256-hWZTHaRrpdztJ9FHNx1nRSS06rLIv3yXH4Iq72zagXo=';

const POLICY = `default-src 'none'; script-src '${PAGE_SCRIPT_HASH}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;

/** The report as one self-contained HTML page. */
export function renderHtml(report: Report): string {
  const title = `allocdiff: ${shortSha(report.base.sha)} → ${shortSha(report.head.sha)}`;
  const context = [
    report.repository ? escapeHtml(report.repository) : undefined,
    report.pullRequest !== undefined ? `pull request #${report.pullRequest}` : undefined,
    `base ${escapeHtml(sideText(report.base))} → head ${escapeHtml(sideText(report.head))}`,
    report.environment.python
      ? `${escapeHtml(report.environment.implementation ?? 'Python')} ${escapeHtml(report.environment.python)}`
      : undefined,
    `${report.environment.frames} frame${report.environment.frames === 1 ? '' : 's'} per traceback`,
  ].filter((part) => part !== undefined);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>Verdict: <strong>${escapeHtml(report.accepted ? 'accepted' : report.verdict)}</strong> · ${context.join(' · ')}</p>`,
    ...(report.interrupted
      ? [
          `<p><strong>Stopped before the end:</strong> ${escapeHtml(interruptedText(report.interrupted))}.</p>`,
        ]
      : []),
    '<p class="legend">Flame graph: one box per frame of the call paths to the changed sites, ' +
      "oldest call on top; a box's width is head's retained bytes under it, its colour the " +
      'change from base (<span class="key" style="background:hsl(4,78%,55%)"></span> grew, ' +
      '<span class="key" style="background:hsl(214,78%,55%)"></span> shrank, ' +
      '<span class="key" style="background:hsl(0,0%,86%)"></span> unchanged); striped and ≈: noisy, ' +
      'varies between runs of the same code. Hover for both sides, click to zoom, search to highlight. ' +
      'A site gone from head has no width: the table lists it.</p>',
    '<noscript><p>The flame graphs and site tables need JavaScript; the JSON report holds the same figures.</p></noscript>',
    ...report.scenarios.map(scenarioSection),
    '<div id="tip" role="tooltip"></div>',
    `<script type="application/json" id="allocdiff-data">${jsonForScript(pageData(report))}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
