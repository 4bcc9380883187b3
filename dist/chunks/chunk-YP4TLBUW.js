import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  REPORT_SCHEMA,
  SITE_LIMITS,
  TEXT_LIMITS,
  renderJson
} from "./chunk-KVJUZTHE.js";
import {
  MAX_SHARDS
} from "./chunk-YBF2V7KG.js";
import {
  BUDGET_METRICS
} from "./chunk-REFG7THN.js";
import {
  MEASURES,
  MEASURE_NAMES
} from "./chunk-NBJJRWMZ.js";
import {
  RETENTION_ROOT_KINDS,
  _enum,
  array,
  boolean,
  literal,
  number,
  strictObject,
  string,
  tuple
} from "./chunk-ZAFJCKPJ.js";
import {
  InvalidDataError
} from "./chunk-XA3YYY7N.js";

// src/publish/artifact.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m)
      m = a[i2];
  }
  return m;
};
var bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var et = /* @__PURE__ */ new u8(0);
var b2 = function(d, b) {
  return d[b] | d[b + 1] << 8;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var b8 = function(d, b) {
  return b4(d, b) + b4(d, b + 4) * 4294967296;
};
function inflateSync(data, opts) {
  return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++];
    var eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    if (!eb)
      r += String.fromCharCode(c);
    else if (eb == 3) {
      c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023);
    } else if (eb & 1)
      r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63);
    else
      r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63);
  }
};
function strFromU8(dat, latin1) {
  if (latin1) {
    var r = "";
    for (var i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else if (td) {
    return td.decode(dat);
  } else {
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    if (r.length)
      err(8);
    return s;
  }
}
var slzh = function(d, b) {
  return b + 30 + b2(d, b + 26) + b2(d, b + 28);
};
var zh = function(d, b, z) {
  var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
  var _a2 = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a2[0], su = _a2[1], off = _a2[2];
  return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
var z64hs = function(d, b, l, z, sc, su, off) {
  var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
  var nf = nsc + nsu + noff;
  if (z && nf) {
    for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
      if (b2(d, b) == 1) {
        return [
          nsc ? b8(d, b + 4 + 8 * nsu) : sc,
          nsu ? b8(d, b + 4) : su,
          noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
          1
        ];
      }
    }
    if (z < 2)
      err(13);
  }
  return [sc, su, off, 0];
};
function unzipSync(data, opts) {
  var files = {};
  var e = data.length - 22;
  for (; b4(data, e) != 101010256; --e) {
    if (!e || data.length - e > 65558)
      err(13);
  }
  ;
  var c = b2(data, e + 8);
  if (!c)
    return {};
  var o = b4(data, e + 16);
  var z = b4(data, e - 20) == 117853008;
  if (z) {
    var ze = b4(data, e - 12);
    z = b4(data, ze) == 101075792;
    if (z) {
      c = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  var fltr = opts && opts.filter;
  for (var i2 = 0; i2 < c; ++i2) {
    var _a2 = zh(data, o, z), c_2 = _a2[0], sc = _a2[1], su = _a2[2], fn = _a2[3], no = _a2[4], off = _a2[5], b = slzh(data, off);
    o = no;
    if (!fltr || fltr({
      name: fn,
      size: sc,
      originalSize: su,
      compression: c_2
    })) {
      if (!c_2)
        files[fn] = slc(data, b, b + sc);
      else if (c_2 == 8)
        files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
      else
        err(14, "unknown compression type " + c_2);
    }
  }
  return files;
}

// src/report/report-schema.ts
var text = (max2 = 1e4) => string().max(max2);
var bytes = number().int().finite();
var sha = string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a full commit SHA");
var range = tuple([bytes, bytes]);
var growth = number().int().positive();
var measure = strictObject({
  base: bytes.nullable(),
  head: bytes.nullable(),
  delta: bytes.nullable(),
  noisy: boolean().optional(),
  baseRange: range.optional(),
  headRange: range.optional(),
  baseGrowth: growth.optional(),
  headGrowth: growth.optional(),
  fewRepeats: literal(true).optional(),
  cold: strictObject({
    noisy: boolean().optional(),
    baseRange: range.optional(),
    headRange: range.optional()
  }).optional()
});
var measureShape = Object.fromEntries(
  MEASURE_NAMES.map((name) => [
    MEASURES[name].field,
    MEASURES[name].presence === "always" ? measure : measure.optional()
  ])
);
var frame = strictObject({
  file: text(TEXT_LIMITS.file),
  line: number().int().nonnegative(),
  text: text(TEXT_LIMITS.text).optional(),
  function: text(TEXT_LIMITS.name).optional()
});
var traceback = strictObject({
  size: bytes,
  count: bytes,
  frames: array(frame).max(1e3),
  truncated: literal(true).optional()
});
var site = strictObject({
  file: text(TEXT_LIMITS.file),
  line: number().int().positive().nullable(),
  baseLine: number().int().positive().nullable(),
  baseFile: text(TEXT_LIMITS.file).optional(),
  function: text(TEXT_LIMITS.name).optional(),
  text: text(TEXT_LIMITS.text).optional(),
  sizeDelta: bytes,
  countDelta: bytes,
  baseSize: bytes,
  headSize: bytes,
  baseCount: bytes,
  headCount: bytes,
  changedLine: boolean(),
  silent: literal(true).optional(),
  noisy: boolean().optional(),
  baseRange: range.optional(),
  headRange: range.optional(),
  baseGrowth: growth.optional(),
  headGrowth: growth.optional(),
  fewRepeats: literal(true).optional(),
  tracebacks: array(traceback).max(10).optional(),
  tracebackSide: _enum(["base", "head"]).optional()
});
var scenarioError = strictObject({
  type: text(TEXT_LIMITS.name),
  message: text(TEXT_LIMITS.text),
  traceback: text(TEXT_LIMITS.long).optional(),
  phase: _enum(["setup", "call"]).optional(),
  output: text(TEXT_LIMITS.long).optional()
});
var peakLevel = strictObject({ bytes, peakBytes: bytes });
var count = number().int().nonnegative();
var retentionFinding = strictObject({
  site: frame,
  kind: _enum(RETENTION_ROOT_KINDS),
  root: text(TEXT_LIMITS.name),
  holder: text(TEXT_LIMITS.name),
  holderType: text(TEXT_LIMITS.name),
  name: text(TEXT_LIMITS.name),
  path: text(TEXT_LIMITS.text),
  bytes: count,
  count,
  sampled: count,
  sampledOf: count,
  objects: count,
  storage: _enum(["found", "none", "several", "held", "untraced"]).optional(),
  items: count.optional(),
  culprit: frame.extend({
    evidence: _enum(["stored", "named", "grown", "made"]),
    type: text(TEXT_LIMITS.name).optional()
  }).optional(),
  cycle: array(strictObject({ type: text(TEXT_LIMITS.name), objects: count })).max(1e3).optional(),
  via: array(frame.extend({ type: text(TEXT_LIMITS.name) })).max(1e3)
});
var scenario = strictObject({
  name: text(TEXT_LIMITS.name),
  status: _enum(["ok", "new", "removed", "failed"]),
  kind: _enum(["script", "function", "process", "test"]).optional(),
  repeats: strictObject({ base: number().int().nonnegative(), head: number().int().nonnegative() }).optional(),
  deterministic: boolean().optional(),
  notRun: strictObject({ tests: number().int().positive() }).optional(),
  identicalRuns: number().int().min(2).optional(),
  error: scenarioError.extend({ side: _enum(["base", "head"]) }).optional(),
  baseError: scenarioError.optional(),
  ...measureShape,
  sites: array(site).max(SITE_LIMITS.perScenario),
  sitesLeftOut: strictObject({ count: number().int().positive(), sizeDelta: bytes, countDelta: bytes }).optional(),
  leakSites: array(site).max(1e5).optional(),
  objectTypes: array(
    strictObject({
      type: text(TEXT_LIMITS.name),
      baseGrowth: bytes.nullable(),
      headGrowth: bytes.nullable(),
      delta: bytes
    })
  ).max(1e4).optional(),
  peakSites: strictObject({
    base: peakLevel.optional(),
    head: peakLevel.optional(),
    sites: array(site).max(1e4),
    missed: strictObject({ base: text().optional(), head: text().optional() }).optional(),
    apart: strictObject({ sharedBytes: bytes }).optional()
  }).optional(),
  retention: array(retentionFinding).max(1e3).optional()
});
var budget = strictObject({
  rule: text(1e3),
  metric: _enum(BUDGET_METRICS),
  scenario: text(1e3),
  limit: text(100),
  actual: text(1e3),
  status: _enum(["pass", "warn", "fail", "skip"]),
  level: _enum(["warn", "fail"]),
  site: text(5e3).optional(),
  reason: text(1e3).optional(),
  noisy: literal(true).optional(),
  leak: text(100).optional(),
  unmeasured: strictObject({ what: text(100), why: text(1e3).optional() }).optional(),
  over: number().min(0).optional()
});
var reportSchema = strictObject({
  schema: literal(REPORT_SCHEMA),
  allocdiffVersion: text(100),
  key: text(200),
  verdict: _enum(["pass", "warn", "fail"]),
  repository: text(300).optional(),
  serverUrl: text(300).optional(),
  pullRequest: number().int().positive().optional(),
  base: strictObject({ sha, ref: text(1e3).optional() }),
  head: strictObject({
    sha,
    ref: text(1e3).optional(),
    workingTree: literal(true).optional()
  }),
  environment: strictObject({
    python: text(100).optional(),
    implementation: text(100).optional(),
    platform: text(1e3).optional(),
    frames: number().int().positive(),
    repeats: number().int().positive().optional(),
    iterations: number().int().nonnegative().optional()
  }),
  scenarios: array(scenario).max(1e5),
  budgets: array(budget).max(1e5),
  warnings: array(text()).max(1e4).optional(),
  configFile: text(TEXT_LIMITS.file).optional(),
  hiddenSites: strictObject({ ignored: bytes, belowMinimumChange: bytes, minimumChange: bytes }).optional(),
  settingsChange: strictObject({
    from: text(200),
    configFile: text(4096).optional(),
    changed: array(text(100)).max(100),
    verdict: _enum(["pass", "warn", "fail"]),
    reason: text(),
    wouldFail: boolean(),
    notTried: array(text(100)).max(100)
  }).optional(),
  accepted: strictObject({ label: text(100), by: text(100).optional() }).optional(),
  noChange: text().optional(),
  testsNotRun: strictObject({
    count: number().int().nonnegative(),
    why: text(),
    by: _enum(["default", "setting"])
  }).optional(),
  objectsNotCounted: strictObject({ count: number().int().positive(), why: text() }).optional(),
  cached: array(text(200)).max(2).optional(),
  interrupted: strictObject({
    signal: text(20).optional(),
    why: text(2e3).optional(),
    during: text(200),
    figures: _enum(["first-run", "complete"])
  }).optional(),
  shard: strictObject({
    index: number().int().positive().max(1e3),
    count: number().int().positive().max(1e3),
    settings: string().regex(/^[0-9a-f]{64}$/, "a SHA-256 digest"),
    unchecked: strictObject({
      overrides: array(strictObject({ override: text(), rules: array(text()).max(1e3) })).max(1e4),
      rules: array(strictObject({ rule: text(), reason: text() })).max(1e4)
    }).optional()
  }).optional(),
  shards: strictObject({
    count: number().int().positive().max(1e3),
    missing: array(number().int().positive().max(1e3)).max(1e3)
  }).optional()
});
function parseReport(value, source) {
  const result = reportSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  throw new InvalidDataError(
    `${source} is not a valid allocdiff report:
  ${problems.join("\n  ")}`
  );
}

// src/publish/artifact.ts
var ARTIFACT_FILES = {
  report: "report.json",
  comment: "comment.md",
  pullRequest: "pull-request.json"
};
function artifactName(key, shard) {
  const name = `allocdiff-${key.replace(/[^A-Za-z0-9._-]/g, "_")}`;
  return shard ? `${name}-shard-${shard.index}-of-${shard.count}` : name;
}
function shardOfArtifact(name, key) {
  const prefix = `${artifactName(key)}-shard-`;
  if (!name.startsWith(prefix)) return void 0;
  const match = /^([1-9]\d{0,2})-of-([1-9]\d{0,2})$/.exec(name.slice(prefix.length));
  if (!match) return void 0;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return shard.index <= shard.count && shard.count <= MAX_SHARDS ? shard : void 0;
}
var identitySchema = strictObject({
  number: number().int().positive(),
  headSha: string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  baseSha: string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  repository: string().max(300)
});
async function writeArtifact(dir, report, markdown, identity) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, ARTIFACT_FILES.report), renderJson(report));
  await writeFile(join(dir, ARTIFACT_FILES.comment), markdown);
  await writeFile(join(dir, ARTIFACT_FILES.pullRequest), `${JSON.stringify(identity, null, 2)}
`);
}
var MAX_FILE_BYTES = 200 * 1024 * 1024;
function readJson(files, name, artifact) {
  const data = files[name];
  if (!data) throw new InvalidDataError(`artifact ${artifact} has no ${name}`);
  if (data.byteLength > MAX_FILE_BYTES)
    throw new InvalidDataError(`${name} in artifact ${artifact} is too large`);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch (error) {
    throw new InvalidDataError(
      `${name} in artifact ${artifact} is not valid UTF-8 JSON: ${error.message}`
    );
  }
}
function readArtifact(zip, artifact) {
  let files;
  try {
    files = unzipSync(zip, {
      filter: (file) => Object.values(ARTIFACT_FILES).includes(file.name) && file.originalSize <= MAX_FILE_BYTES
    });
  } catch (error) {
    throw new InvalidDataError(
      `artifact ${artifact} is not a readable zip archive: ${error.message}`
    );
  }
  const report = parseReport(
    readJson(files, ARTIFACT_FILES.report, artifact),
    `${ARTIFACT_FILES.report} in artifact ${artifact}`
  );
  const identity = identitySchema.safeParse(readJson(files, ARTIFACT_FILES.pullRequest, artifact));
  if (!identity.success) {
    throw new InvalidDataError(
      `${ARTIFACT_FILES.pullRequest} in artifact ${artifact} is not valid: ${identity.error.issues.map((i2) => `${i2.path.join(".")}: ${i2.message}`).join("; ")}`
    );
  }
  return { report, identity: identity.data };
}

export {
  ARTIFACT_FILES,
  artifactName,
  shardOfArtifact,
  writeArtifact,
  readArtifact
};
