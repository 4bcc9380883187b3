#!/usr/bin/env node
import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/zx/build/esblib.cjs
var require_esblib = __commonJS({
  "node_modules/zx/build/esblib.cjs"(exports, module) {
    var __create2 = Object.create;
    var __defProp2 = Object.defineProperty;
    var __getOwnPropDesc2 = Object.getOwnPropertyDescriptor;
    var __getOwnPropNames2 = Object.getOwnPropertyNames;
    var __getProtoOf2 = Object.getPrototypeOf;
    var __hasOwnProp2 = Object.prototype.hasOwnProperty;
    var __export = (target, all) => {
      for (var name in all)
        __defProp2(target, name, { get: all[name], enumerable: true });
    };
    var __copyProps2 = (to, from, except, desc) => {
      if (from && typeof from === "object" || typeof from === "function") {
        for (let key of __getOwnPropNames2(from))
          if (!__hasOwnProp2.call(to, key) && key !== except)
            __defProp2(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc2(from, key)) || desc.enumerable });
      }
      return to;
    };
    var __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create2(__getProtoOf2(mod)) : {}, __copyProps2(
      // If the importer is in node compatibility mode or this is not an ESM
      // file that has been converted to a CommonJS file using a Babel-
      // compatible transform (i.e. "__esModule" has not been set), then set
      // "default" to the CommonJS "module.exports" for node compatibility.
      isNodeMode || !mod || !mod.__esModule ? __defProp2(target, "default", { value: mod, enumerable: true }) : target,
      mod
    ));
    var __toCommonJS = (mod) => __copyProps2(__defProp2({}, "__esModule", { value: true }), mod);
    var __async = (__this, __arguments, generator) => {
      return new Promise((resolve3, reject) => {
        var fulfilled = (value) => {
          try {
            step(generator.next(value));
          } catch (e) {
            reject(e);
          }
        };
        var rejected = (value) => {
          try {
            step(generator.throw(value));
          } catch (e) {
            reject(e);
          }
        };
        var step = (x2) => x2.done ? resolve3(x2.value) : Promise.resolve(x2.value).then(fulfilled, rejected);
        step((generator = generator.apply(__this, __arguments)).next());
      });
    };
    var __defProps = Object.defineProperties;
    var __getOwnPropDescs = Object.getOwnPropertyDescriptors;
    var __getOwnPropSymbols = Object.getOwnPropertySymbols;
    var __propIsEnum = Object.prototype.propertyIsEnumerable;
    var __knownSymbol = (name, symbol) => (symbol = Symbol[name]) ? symbol : /* @__PURE__ */ Symbol.for("Symbol." + name);
    var __typeError = (msg) => {
      throw TypeError(msg);
    };
    var __defNormalProp = (obj, key, value) => key in obj ? __defProp2(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
    var __spreadValues = (a, b) => {
      for (var prop in b || (b = {}))
        if (__hasOwnProp2.call(b, prop))
          __defNormalProp(a, prop, b[prop]);
      if (__getOwnPropSymbols)
        for (var prop of __getOwnPropSymbols(b)) {
          if (__propIsEnum.call(b, prop))
            __defNormalProp(a, prop, b[prop]);
        }
      return a;
    };
    var __spreadProps = (a, b) => __defProps(a, __getOwnPropDescs(b));
    var __await = function(promise, isYieldStar) {
      this[0] = promise;
      this[1] = isYieldStar;
    };
    var __asyncGenerator = (__this, __arguments, generator) => {
      var resume = (k2, v2, yes, no) => {
        try {
          var x2 = generator[k2](v2), isAwait = (v2 = x2.value) instanceof __await, done = x2.done;
          Promise.resolve(isAwait ? v2[0] : v2).then((y) => isAwait ? resume(k2 === "return" ? k2 : "next", v2[1] ? { done: y.done, value: y.value } : y, yes, no) : yes({ value: y, done })).catch((e) => resume("throw", e, yes, no));
        } catch (e) {
          no(e);
        }
      }, method = (k2) => it[k2] = (x2) => new Promise((yes, no) => resume(k2, x2, yes, no)), it = {};
      return generator = generator.apply(__this, __arguments), it[__knownSymbol("asyncIterator")] = () => it, method("next"), method("throw"), method("return"), it;
    };
    var __yieldStar = (value) => {
      var obj = value[__knownSymbol("asyncIterator")], isAwait = false, method, it = {};
      if (obj == null) {
        obj = value[__knownSymbol("iterator")]();
        method = (k2) => it[k2] = (x2) => obj[k2](x2);
      } else {
        obj = obj.call(value);
        method = (k2) => it[k2] = (v2) => {
          if (isAwait) {
            isAwait = false;
            if (k2 === "throw") throw v2;
            return v2;
          }
          isAwait = true;
          return {
            done: false,
            value: new __await(new Promise((resolve3) => {
              var x2 = obj[k2](v2);
              if (!(x2 instanceof Object)) __typeError("Object expected");
              resolve3(x2);
            }), 1)
          };
        };
      }
      return it[__knownSymbol("iterator")] = () => it, method("next"), "throw" in obj ? method("throw") : it.throw = (x2) => {
        throw x2;
      }, "return" in obj && method("return"), it;
    };
    var __forAwait = (obj, it, method) => (it = obj[__knownSymbol("asyncIterator")]) ? it.call(obj) : (obj = obj[__knownSymbol("iterator")](), it = {}, method = (key, fn) => (fn = obj[key]) && (it[key] = (arg) => new Promise((yes, no, done) => (arg = fn.call(obj, arg), done = arg.done, Promise.resolve(arg.value).then((value) => yes({ value, done }), no)))), method("next"), method("return"), it);
    var __pow = Math.pow;
    var __reExport = (target, mod, secondTarget) => (__copyProps2(target, mod, "default"), secondTarget && __copyProps2(secondTarget, mod, "default"));
    var __commonJS2 = (cb, mod) => function __require2() {
      return mod || (0, cb[__getOwnPropNames2(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
    };
    var __esm = (fn, res) => function __init() {
      return fn && (res = (0, fn[__getOwnPropNames2(fn)[0]])(fn = 0)), res;
    };
    var __accessCheck = (obj, member, msg) => member.has(obj) || __typeError("Cannot " + msg);
    var __privateGet = (obj, member, getter) => (__accessCheck(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
    var __privateAdd = (obj, member, value) => member.has(obj) ? __typeError("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
    var __privateSet = (obj, member, value, setter) => (__accessCheck(obj, member, "write to private field"), setter ? setter.call(obj, value) : member.set(obj, value), value);
    module.exports = {
      __create: __create2,
      __defProp: __defProp2,
      __getOwnPropDesc: __getOwnPropDesc2,
      __getOwnPropNames: __getOwnPropNames2,
      __getProtoOf: __getProtoOf2,
      __hasOwnProp: __hasOwnProp2,
      __export,
      __copyProps: __copyProps2,
      __toESM: __toESM2,
      __toCommonJS,
      __async,
      __defProps,
      __getOwnPropDescs,
      __getOwnPropSymbols,
      __propIsEnum,
      __knownSymbol,
      __typeError,
      __defNormalProp,
      __spreadValues,
      __spreadProps,
      __await,
      __asyncGenerator,
      __yieldStar,
      __forAwait,
      __pow,
      __reExport,
      __commonJS: __commonJS2,
      __esm,
      __accessCheck,
      __privateGet,
      __privateAdd,
      __privateSet
    };
  }
});

// node_modules/zx/build/internals.cjs
var require_internals = __commonJS({
  "node_modules/zx/build/internals.cjs"(exports, module) {
    "use strict";
    var {
      __export,
      __toCommonJS
    } = require_esblib();
    var internals_exports = {};
    __export(internals_exports, {
      bus: () => bus3
    });
    module.exports = __toCommonJS(internals_exports);
    var locked = false;
    var lock = () => locked = true;
    var store = /* @__PURE__ */ new Map();
    var override = store.set.bind(store);
    function wrap(name, api) {
      if (locked) throw new Error("bus is locked");
      override(name, api);
      return new Proxy(api, {
        get(_, key) {
          var _a, _b;
          return store.get(name)[key] || ((_b = (_a = store.get(name)) == null ? void 0 : _a.default) == null ? void 0 : _b[key]);
        },
        apply(_, self, args) {
          return store.get(name).apply(self, args);
        }
      });
    }
    var bus3 = {
      override,
      wrap,
      lock
    };
  }
});

// node_modules/zx/build/vendor-core.cjs
var require_vendor_core = __commonJS({
  "node_modules/zx/build/vendor-core.cjs"(exports, module) {
    "use strict";
    var {
      __create: __create2,
      __spreadValues,
      __spreadProps,
      __commonJS: __commonJS2,
      __export,
      __toESM: __toESM2,
      __toCommonJS,
      __async
    } = require_esblib();
    var require_posix = __commonJS2({
      "node_modules/isexe/dist/cjs/posix.js"(exports2) {
        "use strict";
        Object.defineProperty(exports2, "__esModule", { value: true });
        exports2.sync = exports2.isexe = void 0;
        var fs_1 = __require("fs");
        var promises_1 = __require("fs").promises;
        var isexe = (_0, ..._1) => __async(null, [_0, ..._1], function* (path3, options = {}) {
          const { ignoreErrors = false } = options;
          try {
            return checkStat(yield (0, promises_1.stat)(path3), options);
          } catch (e) {
            const er = e;
            if (ignoreErrors || er.code === "EACCES")
              return false;
            throw er;
          }
        });
        exports2.isexe = isexe;
        var sync = (path3, options = {}) => {
          const { ignoreErrors = false } = options;
          try {
            return checkStat((0, fs_1.statSync)(path3), options);
          } catch (e) {
            const er = e;
            if (ignoreErrors || er.code === "EACCES")
              return false;
            throw er;
          }
        };
        exports2.sync = sync;
        var checkStat = (stat, options) => stat.isFile() && checkMode(stat, options);
        var checkMode = (stat, options) => {
          var _a, _b, _c, _d, _e, _f, _g, _h;
          const myUid = (_b = options.uid) != null ? _b : (_a = process.getuid) == null ? void 0 : _a.call(process);
          const myGroups = (_e = (_d = options.groups) != null ? _d : (_c = process.getgroups) == null ? void 0 : _c.call(process)) != null ? _e : [];
          const myGid = (_h = (_g = options.gid) != null ? _g : (_f = process.getgid) == null ? void 0 : _f.call(process)) != null ? _h : myGroups[0];
          if (myUid === void 0 || myGid === void 0) {
            throw new Error("cannot get uid or gid");
          }
          const groups = /* @__PURE__ */ new Set([myGid, ...myGroups]);
          const mod = stat.mode;
          const uid = stat.uid;
          const gid = stat.gid;
          const u = parseInt("100", 8);
          const g2 = parseInt("010", 8);
          const o = parseInt("001", 8);
          const ug = u | g2;
          return !!(mod & o || mod & g2 && groups.has(gid) || mod & u && uid === myUid || mod & ug && myUid === 0);
        };
      }
    });
    var require_win32 = __commonJS2({
      "node_modules/isexe/dist/cjs/win32.js"(exports2) {
        "use strict";
        Object.defineProperty(exports2, "__esModule", { value: true });
        exports2.sync = exports2.isexe = void 0;
        var fs_1 = __require("fs");
        var promises_1 = __require("fs").promises;
        var isexe = (_0, ..._1) => __async(null, [_0, ..._1], function* (path3, options = {}) {
          const { ignoreErrors = false } = options;
          try {
            return checkStat(yield (0, promises_1.stat)(path3), path3, options);
          } catch (e) {
            const er = e;
            if (ignoreErrors || er.code === "EACCES")
              return false;
            throw er;
          }
        });
        exports2.isexe = isexe;
        var sync = (path3, options = {}) => {
          const { ignoreErrors = false } = options;
          try {
            return checkStat((0, fs_1.statSync)(path3), path3, options);
          } catch (e) {
            const er = e;
            if (ignoreErrors || er.code === "EACCES")
              return false;
            throw er;
          }
        };
        exports2.sync = sync;
        var checkPathExt = (path3, options) => {
          const { pathExt = process.env.PATHEXT || "" } = options;
          const peSplit = pathExt.split(";");
          if (peSplit.indexOf("") !== -1) {
            return true;
          }
          for (let i = 0; i < peSplit.length; i++) {
            const p = peSplit[i].toLowerCase();
            const ext = path3.substring(path3.length - p.length).toLowerCase();
            if (p && ext === p) {
              return true;
            }
          }
          return false;
        };
        var checkStat = (stat, path3, options) => stat.isFile() && checkPathExt(path3, options);
      }
    });
    var require_options = __commonJS2({
      "node_modules/isexe/dist/cjs/options.js"(exports2) {
        "use strict";
        Object.defineProperty(exports2, "__esModule", { value: true });
      }
    });
    var require_cjs = __commonJS2({
      "node_modules/isexe/dist/cjs/index.js"(exports2) {
        "use strict";
        var __createBinding = exports2 && exports2.__createBinding || (Object.create ? (function(o, m, k, k2) {
          if (k2 === void 0) k2 = k;
          var desc = Object.getOwnPropertyDescriptor(m, k);
          if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
            desc = { enumerable: true, get: function() {
              return m[k];
            } };
          }
          Object.defineProperty(o, k2, desc);
        }) : (function(o, m, k, k2) {
          if (k2 === void 0) k2 = k;
          o[k2] = m[k];
        }));
        var __setModuleDefault = exports2 && exports2.__setModuleDefault || (Object.create ? (function(o, v) {
          Object.defineProperty(o, "default", { enumerable: true, value: v });
        }) : function(o, v) {
          o["default"] = v;
        });
        var __importStar = exports2 && exports2.__importStar || function(mod) {
          if (mod && mod.__esModule) return mod;
          var result = {};
          if (mod != null) {
            for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
          }
          __setModuleDefault(result, mod);
          return result;
        };
        var __exportStar = exports2 && exports2.__exportStar || function(m, exports3) {
          for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports3, p)) __createBinding(exports3, m, p);
        };
        Object.defineProperty(exports2, "__esModule", { value: true });
        exports2.sync = exports2.isexe = exports2.posix = exports2.win32 = void 0;
        var posix = __importStar(require_posix());
        exports2.posix = posix;
        var win32 = __importStar(require_win32());
        exports2.win32 = win32;
        __exportStar(require_options(), exports2);
        var platform = process.env._ISEXE_TEST_PLATFORM_ || process.platform;
        var impl = platform === "win32" ? win32 : posix;
        exports2.isexe = impl.isexe;
        exports2.sync = impl.sync;
      }
    });
    var require_lib = __commonJS2({
      "node_modules/which/lib/index.js"(exports2, module2) {
        "use strict";
        var { isexe, sync: isexeSync } = require_cjs();
        var { join: join4, delimiter: delimiter2, sep: sep2, posix } = __require("path");
        var isWindows = process.platform === "win32";
        var rSlash = new RegExp(`[${posix.sep}${sep2 === posix.sep ? "" : sep2}]`.replace(/(\\)/g, "\\$1"));
        var rRel = new RegExp(`^\\.${rSlash.source}`);
        var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
        var getPathInfo = (cmd, {
          path: optPath = process.env.PATH,
          pathExt: optPathExt = process.env.PATHEXT,
          delimiter: optDelimiter = delimiter2
        }) => {
          const pathEnv = cmd.match(rSlash) ? [""] : [
            // windows always checks the cwd first
            ...isWindows ? [process.cwd()] : [],
            ...(optPath || /* istanbul ignore next: very unusual */
            "").split(optDelimiter)
          ];
          if (isWindows) {
            const pathExtExe = optPathExt || [".EXE", ".CMD", ".BAT", ".COM"].join(optDelimiter);
            const pathExt = pathExtExe.split(optDelimiter).flatMap((item) => [item, item.toLowerCase()]);
            if (cmd.includes(".") && pathExt[0] !== "") {
              pathExt.unshift("");
            }
            return { pathEnv, pathExt, pathExtExe };
          }
          return { pathEnv, pathExt: [""] };
        };
        var getPathPart = (raw, cmd) => {
          const pathPart = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
          const prefix = !pathPart && rRel.test(cmd) ? cmd.slice(0, 2) : "";
          return prefix + join4(pathPart, cmd);
        };
        var which22 = (_0, ..._1) => __async(null, [_0, ..._1], function* (cmd, opt = {}) {
          const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
          const found = [];
          for (const envPart of pathEnv) {
            const p = getPathPart(envPart, cmd);
            for (const ext of pathExt) {
              const withExt = p + ext;
              const is = yield isexe(withExt, { pathExt: pathExtExe, ignoreErrors: true });
              if (is) {
                if (!opt.all) {
                  return withExt;
                }
                found.push(withExt);
              }
            }
          }
          if (opt.all && found.length) {
            return found;
          }
          if (opt.nothrow) {
            return null;
          }
          throw getNotFoundError(cmd);
        });
        var whichSync = (cmd, opt = {}) => {
          const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
          const found = [];
          for (const pathEnvPart of pathEnv) {
            const p = getPathPart(pathEnvPart, cmd);
            for (const ext of pathExt) {
              const withExt = p + ext;
              const is = isexeSync(withExt, { pathExt: pathExtExe, ignoreErrors: true });
              if (is) {
                if (!opt.all) {
                  return withExt;
                }
                found.push(withExt);
              }
            }
          }
          if (opt.all && found.length) {
            return found;
          }
          if (opt.nothrow) {
            return null;
          }
          throw getNotFoundError(cmd);
        };
        module2.exports = which22;
        which22.sync = whichSync;
      }
    });
    var vendor_core_exports = {};
    __export(vendor_core_exports, {
      VoidStream: () => VoidStream,
      buildCmd: () => buildCmd,
      chalk: () => chalk22,
      exec: () => exec,
      isStringLiteral: () => isStringLiteral2,
      ps: () => ps3,
      which: () => which3
    });
    module.exports = __toCommonJS(vendor_core_exports);
    var ANSI_BACKGROUND_OFFSET = 10;
    var wrapAnsi16 = (offset = 0) => (code) => `\x1B[${code + offset}m`;
    var wrapAnsi256 = (offset = 0) => (code) => `\x1B[${38 + offset};5;${code}m`;
    var wrapAnsi16m = (offset = 0) => (red, green, blue) => `\x1B[${38 + offset};2;${red};${green};${blue}m`;
    var styles = {
      modifier: {
        reset: [0, 0],
        // 21 isn't widely supported and 22 does the same thing
        bold: [1, 22],
        dim: [2, 22],
        italic: [3, 23],
        underline: [4, 24],
        overline: [53, 55],
        inverse: [7, 27],
        hidden: [8, 28],
        strikethrough: [9, 29]
      },
      color: {
        black: [30, 39],
        red: [31, 39],
        green: [32, 39],
        yellow: [33, 39],
        blue: [34, 39],
        magenta: [35, 39],
        cyan: [36, 39],
        white: [37, 39],
        // Bright color
        blackBright: [90, 39],
        gray: [90, 39],
        // Alias of `blackBright`
        grey: [90, 39],
        // Alias of `blackBright`
        redBright: [91, 39],
        greenBright: [92, 39],
        yellowBright: [93, 39],
        blueBright: [94, 39],
        magentaBright: [95, 39],
        cyanBright: [96, 39],
        whiteBright: [97, 39]
      },
      bgColor: {
        bgBlack: [40, 49],
        bgRed: [41, 49],
        bgGreen: [42, 49],
        bgYellow: [43, 49],
        bgBlue: [44, 49],
        bgMagenta: [45, 49],
        bgCyan: [46, 49],
        bgWhite: [47, 49],
        // Bright color
        bgBlackBright: [100, 49],
        bgGray: [100, 49],
        // Alias of `bgBlackBright`
        bgGrey: [100, 49],
        // Alias of `bgBlackBright`
        bgRedBright: [101, 49],
        bgGreenBright: [102, 49],
        bgYellowBright: [103, 49],
        bgBlueBright: [104, 49],
        bgMagentaBright: [105, 49],
        bgCyanBright: [106, 49],
        bgWhiteBright: [107, 49]
      }
    };
    var modifierNames = Object.keys(styles.modifier);
    var foregroundColorNames = Object.keys(styles.color);
    var backgroundColorNames = Object.keys(styles.bgColor);
    var colorNames = [...foregroundColorNames, ...backgroundColorNames];
    function assembleStyles() {
      const codes = /* @__PURE__ */ new Map();
      for (const [groupName, group] of Object.entries(styles)) {
        for (const [styleName, style] of Object.entries(group)) {
          styles[styleName] = {
            open: `\x1B[${style[0]}m`,
            close: `\x1B[${style[1]}m`
          };
          group[styleName] = styles[styleName];
          codes.set(style[0], style[1]);
        }
        Object.defineProperty(styles, groupName, {
          value: group,
          enumerable: false
        });
      }
      Object.defineProperty(styles, "codes", {
        value: codes,
        enumerable: false
      });
      styles.color.close = "\x1B[39m";
      styles.bgColor.close = "\x1B[49m";
      styles.color.ansi = wrapAnsi16();
      styles.color.ansi256 = wrapAnsi256();
      styles.color.ansi16m = wrapAnsi16m();
      styles.bgColor.ansi = wrapAnsi16(ANSI_BACKGROUND_OFFSET);
      styles.bgColor.ansi256 = wrapAnsi256(ANSI_BACKGROUND_OFFSET);
      styles.bgColor.ansi16m = wrapAnsi16m(ANSI_BACKGROUND_OFFSET);
      Object.defineProperties(styles, {
        rgbToAnsi256: {
          value(red, green, blue) {
            if (red === green && green === blue) {
              if (red < 8) {
                return 16;
              }
              if (red > 248) {
                return 231;
              }
              return Math.round((red - 8) / 247 * 24) + 232;
            }
            return 16 + 36 * Math.round(red / 255 * 5) + 6 * Math.round(green / 255 * 5) + Math.round(blue / 255 * 5);
          },
          enumerable: false
        },
        hexToRgb: {
          value(hex) {
            const matches = /[a-f\d]{6}|[a-f\d]{3}/i.exec(hex.toString(16));
            if (!matches) {
              return [0, 0, 0];
            }
            let [colorString] = matches;
            if (colorString.length === 3) {
              colorString = [...colorString].map((character) => character + character).join("");
            }
            const integer = Number.parseInt(colorString, 16);
            return [
              /* eslint-disable no-bitwise */
              integer >> 16 & 255,
              integer >> 8 & 255,
              integer & 255
              /* eslint-enable no-bitwise */
            ];
          },
          enumerable: false
        },
        hexToAnsi256: {
          value: (hex) => styles.rgbToAnsi256(...styles.hexToRgb(hex)),
          enumerable: false
        },
        ansi256ToAnsi: {
          value(code) {
            if (code < 8) {
              return 30 + code;
            }
            if (code < 16) {
              return 90 + (code - 8);
            }
            let red;
            let green;
            let blue;
            if (code >= 232) {
              red = ((code - 232) * 10 + 8) / 255;
              green = red;
              blue = red;
            } else {
              code -= 16;
              const remainder = code % 36;
              red = Math.floor(code / 36) / 5;
              green = Math.floor(remainder / 6) / 5;
              blue = remainder % 6 / 5;
            }
            const value = Math.max(red, green, blue) * 2;
            if (value === 0) {
              return 30;
            }
            let result = 30 + (Math.round(blue) << 2 | Math.round(green) << 1 | Math.round(red));
            if (value === 2) {
              result += 60;
            }
            return result;
          },
          enumerable: false
        },
        rgbToAnsi: {
          value: (red, green, blue) => styles.ansi256ToAnsi(styles.rgbToAnsi256(red, green, blue)),
          enumerable: false
        },
        hexToAnsi: {
          value: (hex) => styles.ansi256ToAnsi(styles.hexToAnsi256(hex)),
          enumerable: false
        }
      });
      return styles;
    }
    var ansiStyles = assembleStyles();
    var ansi_styles_default = ansiStyles;
    var import_node_process = __toESM2(__require("process"), 1);
    var import_node_os4 = __toESM2(__require("os"), 1);
    var import_node_tty = __toESM2(__require("tty"), 1);
    function hasFlag(flag, argv = globalThis.Deno ? globalThis.Deno.args : import_node_process.default.argv) {
      const prefix = flag.startsWith("-") ? "" : flag.length === 1 ? "-" : "--";
      const position = argv.indexOf(prefix + flag);
      const terminatorPosition = argv.indexOf("--");
      return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
    }
    var { env } = import_node_process.default;
    var flagForceColor;
    if (hasFlag("no-color") || hasFlag("no-colors") || hasFlag("color=false") || hasFlag("color=never")) {
      flagForceColor = 0;
    } else if (hasFlag("color") || hasFlag("colors") || hasFlag("color=true") || hasFlag("color=always")) {
      flagForceColor = 1;
    }
    function envForceColor() {
      if ("FORCE_COLOR" in env) {
        if (env.FORCE_COLOR === "true") {
          return 1;
        }
        if (env.FORCE_COLOR === "false") {
          return 0;
        }
        return env.FORCE_COLOR.length === 0 ? 1 : Math.min(Number.parseInt(env.FORCE_COLOR, 10), 3);
      }
    }
    function translateLevel(level) {
      if (level === 0) {
        return false;
      }
      return {
        level,
        hasBasic: true,
        has256: level >= 2,
        has16m: level >= 3
      };
    }
    function _supportsColor(haveStream, { streamIsTTY, sniffFlags = true } = {}) {
      const noFlagForceColor = envForceColor();
      if (noFlagForceColor !== void 0) {
        flagForceColor = noFlagForceColor;
      }
      const forceColor = sniffFlags ? flagForceColor : noFlagForceColor;
      if (forceColor === 0) {
        return 0;
      }
      if (sniffFlags) {
        if (hasFlag("color=16m") || hasFlag("color=full") || hasFlag("color=truecolor")) {
          return 3;
        }
        if (hasFlag("color=256")) {
          return 2;
        }
      }
      if ("TF_BUILD" in env && "AGENT_NAME" in env) {
        return 1;
      }
      if (haveStream && !streamIsTTY && forceColor === void 0) {
        return 0;
      }
      const min = forceColor || 0;
      if (env.TERM === "dumb") {
        return min;
      }
      if (import_node_process.default.platform === "win32") {
        const osRelease = import_node_os4.default.release().split(".");
        if (Number(osRelease[0]) >= 10 && Number(osRelease[2]) >= 10586) {
          return Number(osRelease[2]) >= 14931 ? 3 : 2;
        }
        return 1;
      }
      if ("CI" in env) {
        if (["GITHUB_ACTIONS", "GITEA_ACTIONS", "CIRCLECI"].some((key) => key in env)) {
          return 3;
        }
        if (["TRAVIS", "APPVEYOR", "GITLAB_CI", "BUILDKITE", "DRONE"].some((sign) => sign in env) || env.CI_NAME === "codeship") {
          return 1;
        }
        return min;
      }
      if ("TEAMCITY_VERSION" in env) {
        return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
      }
      if (env.COLORTERM === "truecolor") {
        return 3;
      }
      if (env.TERM === "xterm-kitty") {
        return 3;
      }
      if (env.TERM === "xterm-ghostty") {
        return 3;
      }
      if (env.TERM === "wezterm") {
        return 3;
      }
      if ("TERM_PROGRAM" in env) {
        const version = Number.parseInt((env.TERM_PROGRAM_VERSION || "").split(".")[0], 10);
        switch (env.TERM_PROGRAM) {
          case "iTerm.app": {
            return version >= 3 ? 3 : 2;
          }
          case "Apple_Terminal": {
            return 2;
          }
        }
      }
      if (/-256(color)?$/i.test(env.TERM)) {
        return 2;
      }
      if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
        return 1;
      }
      if ("COLORTERM" in env) {
        return 1;
      }
      return min;
    }
    function createSupportsColor(stream, options = {}) {
      const level = _supportsColor(stream, __spreadValues({
        streamIsTTY: stream && stream.isTTY
      }, options));
      return translateLevel(level);
    }
    var supportsColor = {
      stdout: createSupportsColor({ isTTY: import_node_tty.default.isatty(1) }),
      stderr: createSupportsColor({ isTTY: import_node_tty.default.isatty(2) })
    };
    var supports_color_default = supportsColor;
    function stringReplaceAll(string, substring, replacer) {
      let index = string.indexOf(substring);
      if (index === -1) {
        return string;
      }
      const substringLength = substring.length;
      let endIndex = 0;
      let returnValue = "";
      do {
        returnValue += string.slice(endIndex, index) + substring + replacer;
        endIndex = index + substringLength;
        index = string.indexOf(substring, endIndex);
      } while (index !== -1);
      returnValue += string.slice(endIndex);
      return returnValue;
    }
    function stringEncaseCRLFWithFirstIndex(string, prefix, postfix, index) {
      let endIndex = 0;
      let returnValue = "";
      do {
        const gotCR = string[index - 1] === "\r";
        returnValue += string.slice(endIndex, gotCR ? index - 1 : index) + prefix + (gotCR ? "\r\n" : "\n") + postfix;
        endIndex = index + 1;
        index = string.indexOf("\n", endIndex);
      } while (index !== -1);
      returnValue += string.slice(endIndex);
      return returnValue;
    }
    var { stdout: stdoutColor, stderr: stderrColor } = supports_color_default;
    var GENERATOR = /* @__PURE__ */ Symbol("GENERATOR");
    var STYLER = /* @__PURE__ */ Symbol("STYLER");
    var IS_EMPTY = /* @__PURE__ */ Symbol("IS_EMPTY");
    var levelMapping = [
      "ansi",
      "ansi",
      "ansi256",
      "ansi16m"
    ];
    var styles2 = /* @__PURE__ */ Object.create(null);
    var applyOptions = (object, options = {}) => {
      if (options.level && !(Number.isInteger(options.level) && options.level >= 0 && options.level <= 3)) {
        throw new Error("The `level` option should be an integer from 0 to 3");
      }
      const colorLevel = stdoutColor ? stdoutColor.level : 0;
      object.level = options.level === void 0 ? colorLevel : options.level;
    };
    var chalkFactory = (options) => {
      const chalk32 = (...strings) => strings.join(" ");
      applyOptions(chalk32, options);
      Object.setPrototypeOf(chalk32, createChalk.prototype);
      return chalk32;
    };
    function createChalk(options) {
      return chalkFactory(options);
    }
    Object.setPrototypeOf(createChalk.prototype, Function.prototype);
    for (const [styleName, style] of Object.entries(ansi_styles_default)) {
      styles2[styleName] = {
        get() {
          const builder = createBuilder(this, createStyler(style.open, style.close, this[STYLER]), this[IS_EMPTY]);
          Object.defineProperty(this, styleName, { value: builder });
          return builder;
        }
      };
    }
    styles2.visible = {
      get() {
        const builder = createBuilder(this, this[STYLER], true);
        Object.defineProperty(this, "visible", { value: builder });
        return builder;
      }
    };
    var getModelAnsi = (model, level, type, ...arguments_) => {
      if (model === "rgb") {
        if (level === "ansi16m") {
          return ansi_styles_default[type].ansi16m(...arguments_);
        }
        if (level === "ansi256") {
          return ansi_styles_default[type].ansi256(ansi_styles_default.rgbToAnsi256(...arguments_));
        }
        return ansi_styles_default[type].ansi(ansi_styles_default.rgbToAnsi(...arguments_));
      }
      if (model === "hex") {
        return getModelAnsi("rgb", level, type, ...ansi_styles_default.hexToRgb(...arguments_));
      }
      return ansi_styles_default[type][model](...arguments_);
    };
    var usedModels = ["rgb", "hex", "ansi256"];
    for (const model of usedModels) {
      styles2[model] = {
        get() {
          const { level } = this;
          return function(...arguments_) {
            const styler = createStyler(getModelAnsi(model, levelMapping[level], "color", ...arguments_), ansi_styles_default.color.close, this[STYLER]);
            return createBuilder(this, styler, this[IS_EMPTY]);
          };
        }
      };
      const bgModel = "bg" + model[0].toUpperCase() + model.slice(1);
      styles2[bgModel] = {
        get() {
          const { level } = this;
          return function(...arguments_) {
            const styler = createStyler(getModelAnsi(model, levelMapping[level], "bgColor", ...arguments_), ansi_styles_default.bgColor.close, this[STYLER]);
            return createBuilder(this, styler, this[IS_EMPTY]);
          };
        }
      };
    }
    var proto = Object.defineProperties(() => {
    }, __spreadProps(__spreadValues({}, styles2), {
      level: {
        enumerable: true,
        get() {
          return this[GENERATOR].level;
        },
        set(level) {
          this[GENERATOR].level = level;
        }
      }
    }));
    var createStyler = (open, close, parent) => {
      let openAll;
      let closeAll;
      if (parent === void 0) {
        openAll = open;
        closeAll = close;
      } else {
        openAll = parent.openAll + open;
        closeAll = close + parent.closeAll;
      }
      return {
        open,
        close,
        openAll,
        closeAll,
        parent
      };
    };
    var createBuilder = (self, _styler, _isEmpty) => {
      const builder = (...arguments_) => applyStyle(builder, arguments_.length === 1 ? "" + arguments_[0] : arguments_.join(" "));
      Object.setPrototypeOf(builder, proto);
      builder[GENERATOR] = self;
      builder[STYLER] = _styler;
      builder[IS_EMPTY] = _isEmpty;
      return builder;
    };
    var applyStyle = (self, string) => {
      if (self.level <= 0 || !string) {
        return self[IS_EMPTY] ? "" : string;
      }
      let styler = self[STYLER];
      if (styler === void 0) {
        return string;
      }
      const { openAll, closeAll } = styler;
      if (string.includes("\x1B")) {
        while (styler !== void 0) {
          string = stringReplaceAll(string, styler.close, styler.open);
          styler = styler.parent;
        }
      }
      const lfIndex = string.indexOf("\n");
      if (lfIndex !== -1) {
        string = stringEncaseCRLFWithFirstIndex(string, closeAll, openAll, lfIndex);
      }
      return openAll + string + closeAll;
    };
    Object.defineProperties(createChalk.prototype, styles2);
    var chalk3 = createChalk();
    var chalkStderr = createChalk({ level: stderrColor ? stderrColor.level : 0 });
    var source_default = chalk3;
    var import_which = __toESM2(require_lib(), 1);
    var import_node_process4 = __toESM2(__require("process"), 1);
    var import_node_fs2 = __toESM2(__require("fs"), 1);
    var import_node_os22 = __toESM2(__require("os"), 1);
    var EOL = /\r?\n|\r|\n/;
    var EMPTY = "-";
    var parseLine = (line, sep2 = " ") => {
      if (typeof line !== "string") throw new Error("parseLine: line must be a string");
      const result = {
        spaces: [],
        words: []
      };
      const capture = () => {
        if (word) {
          result.words.push({
            s,
            e: s + word.length - 1,
            w: word
          });
          word = "";
          s = -1;
        }
      };
      let bb;
      let word = "";
      let s = -1;
      for (const i in [...line]) {
        const prev = line[+i - 1];
        const char = line[i];
        if (bb) {
          word += char;
          if (char === bb && prev !== "\\") {
            bb = void 0;
          }
          continue;
        }
        if (char === sep2) {
          result.spaces.push(+i);
          capture();
          continue;
        }
        if (s === -1) s = +i;
        if (char === '"' || char === "'") bb = char;
        word += char;
      }
      capture();
      return result;
    };
    var parseLines = (input, sep2) => input.split(EOL).filter(Boolean).map((l) => parseLine(l, sep2));
    var countWordsByIndex = ({ words }, index) => words.filter(({ e }) => e < index).length;
    var getBorders = (lines) => lines[0].spaces.reduce((m, i) => {
      const c = countWordsByIndex(lines[0], i);
      if (lines.every((l) => l.spaces.includes(i) && c === countWordsByIndex(l, i))) {
        m.push(i);
      }
      return m;
    }, []);
    var parseUnixGrid = (input) => {
      const lines = parseLines(input);
      const borders = getBorders(lines);
      const _borders = [Number.NEGATIVE_INFINITY, ...borders, Number.POSITIVE_INFINITY];
      const grid = [];
      for (const { words } of lines) {
        const row = [];
        grid.push(row);
        for (const n in words) {
          const { w, s, e } = words[n];
          for (const _b in _borders) {
            const a = _borders[+_b];
            const b = _borders[+_b + 1];
            if (b === void 0) break;
            const block = row[_b] || (row[_b] = []);
            if (s > a && e < b) block.push(w);
          }
        }
      }
      return gridToData(grid);
    };
    var gridToData = (grid) => {
      const data = [];
      const [headers, ...body] = grid;
      for (const row of body) {
        const entry = {};
        data.push(entry);
        for (const i in headers) {
          const keys = headers[i];
          if (keys.length === 0) continue;
          if (keys.length > row[i].length) {
            throw new Error("Malformed grid: row has more columns than headers");
          }
          for (const k in keys) {
            const key = keys[k];
            const to = +k + 1 === keys.length ? Number.POSITIVE_INFINITY : +k + 1;
            entry[key] = row[i].slice(+k, to);
          }
        }
      }
      return data;
    };
    var parseWinGrid = (input, debug = false) => {
      const lines = input.split(/\r*\n+/).filter(Boolean);
      const headline = lines.shift();
      const headers = headline.trim().split(/\s\s+/);
      const hl = headers.length;
      const ll = headline.length;
      if (debug) {
        console.log("Headers:", headers);
        console.log("Line lengths:", lines.map((l) => l.length));
      }
      if (lines.every((l) => ll / l.length < 2)) {
        const spaces = Array.from({ length: ll }).map(
          (_, i) => lines.every((l) => l[i] === " ")
        );
        const borders = spaces.reduce((m, v, i, a) => {
          if (v && !a[i - 1]) m.push(i);
          return m;
        }, [0]);
        const data2 = [];
        debug && console.log("Borders:", borders);
        for (const line of lines) {
          const props = [];
          for (const i in headers) {
            const k = headers[i];
            const s = borders[i];
            const e = borders[+i + 1] || ll;
            const v = line.slice(s, e).trim();
            props.push([k, [v || EMPTY]]);
          }
          data2.push(Object.fromEntries(props));
        }
        return data2;
      }
      let w = "";
      let p;
      const body = input.slice(headline.length);
      const vals = [];
      const data = [];
      const cap = (v) => {
        const _v = w.trim() || (vals.length === 0 ? v : w.trim());
        if (!_v) return;
        vals.push(_v);
        if (vals.length === hl) {
          data.push(Object.fromEntries(headers.map((h, i) => [h, [vals[i]]])));
          vals.length = 0;
        }
        w = "";
      };
      for (const c of body) {
        w += c;
        if (c === " ") {
          if (p === "\n") {
            cap(EMPTY);
          } else if (p === " ") {
            cap();
          }
        } else if (c === "\n") {
          cap();
        }
        p = c;
      }
      cap();
      return data;
    };
    var parsers = {
      unix: parseUnixGrid,
      win: parseWinGrid
    };
    var parse = (input, { format = "unix", debug = false } = {}) => {
      const parser = parsers[format];
      if (!parser) throw new Error(`unsupported format: ${format}`);
      return parser(input, debug);
    };
    var cp = __toESM2(__require("child_process"), 1);
    var import_node_process3 = __toESM2(__require("process"), 1);
    var import_node_events = __toESM2(__require("events"), 1);
    var import_node_stream = __require("stream");
    var import_node_process2 = __toESM2(__require("process"), 1);
    var g = !import_node_process2.default.versions.deno && global || globalThis;
    var immediate = g.setImmediate || ((f) => g.setTimeout(f, 0));
    var noop = () => {
    };
    var randomId = () => Math.random().toString(36).slice(2);
    var isPromiseLike = (value) => typeof (value == null ? void 0 : value.then) === "function";
    var isStringLiteral2 = (pieces, ...rest) => {
      var _a;
      return (pieces == null ? void 0 : pieces.length) > 0 && ((_a = pieces.raw) == null ? void 0 : _a.length) === pieces.length && // Object.isFrozen(pieces) &&
      rest.length + 1 === pieces.length;
    };
    var assign = (target, ...extras) => Object.defineProperties(target, extras.reduce((m, extra) => __spreadValues(__spreadValues({}, m), Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(extra)).filter(([, v]) => !Object.prototype.hasOwnProperty.call(v, "value") || v.value !== void 0))), {}));
    var buildCmd = (quote22, pieces, args, subs = substitute) => {
      if (args.some(isPromiseLike))
        return Promise.all(args).then((args2) => buildCmd(quote22, pieces, args2, subs));
      let cmd = pieces[0], i = 0;
      while (i < args.length) {
        const s = Array.isArray(args[i]) ? args[i].map((x) => quote22(subs(x))).join(" ") : quote22(subs(args[i]));
        cmd += s + pieces[++i];
      }
      return cmd;
    };
    var substitute = (arg) => typeof (arg == null ? void 0 : arg.stdout) === "string" ? arg.stdout.replace(/\n$/, "") : `${arg}`;
    var defaults2 = {
      get id() {
        return randomId();
      },
      cmd: "",
      get cwd() {
        return import_node_process3.default.cwd();
      },
      sync: false,
      args: [],
      input: null,
      env: import_node_process3.default.env,
      get ee() {
        return new import_node_events.default();
      },
      get ac() {
        return g.AbortController && new AbortController();
      },
      get signal() {
        var _a;
        return (_a = this.ac) == null ? void 0 : _a.signal;
      },
      on: {},
      detached: import_node_process3.default.platform !== "win32",
      shell: true,
      spawn: cp.spawn,
      spawnSync: cp.spawnSync,
      spawnOpts: {},
      get store() {
        return createStore();
      },
      callback: noop,
      get stdin() {
        return new VoidStream();
      },
      get stdout() {
        return new VoidStream();
      },
      get stderr() {
        return new VoidStream();
      },
      stdio: ["pipe", "pipe", "pipe"],
      run: immediate,
      stack: ""
    };
    var normalizeCtx = (...ctxs) => assign(
      __spreadValues({}, defaults2),
      { get signal() {
        var _a;
        return (_a = this.ac) == null ? void 0 : _a.signal;
      } },
      ...ctxs
    );
    var processInput = (child, input) => {
      if (input && child.stdin && !child.stdin.destroyed) {
        if (input instanceof import_node_stream.Readable) {
          input.pipe(child.stdin);
        } else {
          child.stdin.write(input);
          child.stdin.end();
        }
      }
    };
    var VoidStream = class extends import_node_stream.Transform {
      _transform(chunk, _, cb) {
        this.emit("data", chunk);
        cb();
      }
    };
    var buildSpawnOpts = ({ spawnOpts, stdio, cwd, shell, input, env: env2, detached, signal }) => __spreadProps(__spreadValues({}, spawnOpts), {
      env: env2,
      cwd,
      stdio,
      shell,
      input,
      windowsHide: true,
      detached,
      signal
    });
    var toggleListeners = (pos, ee, on = {}) => {
      for (const [name, listener] of Object.entries(on)) {
        ee[pos](name, listener);
      }
      if (pos === "on")
        ee.once("end", () => toggleListeners("off", ee, on));
    };
    var createStore = () => ({
      stdout: [],
      stderr: [],
      stdall: []
    });
    var invoke = (c) => {
      var _a, _b;
      const now = Date.now();
      const stdio = [c.stdin, c.stdout, c.stderr];
      const push = (kind, data) => {
        c.store[kind].push(data);
        c.store.stdall.push(data);
        c.ee.emit(kind, data, c);
        c.ee.emit("stdall", data, c);
      };
      try {
        if (c.sync) {
          toggleListeners("on", c.ee, c.on);
          const opts = buildSpawnOpts(c);
          const r = c.spawnSync(c.cmd, c.args, opts);
          c.ee.emit("start", r, c);
          if (((_a = r.stdout) == null ? void 0 : _a.length) > 0) {
            c.stdout.write(r.stdout);
            push("stdout", r.stdout);
          }
          if (((_b = r.stderr) == null ? void 0 : _b.length) > 0) {
            c.stderr.write(r.stderr);
            push("stderr", r.stderr);
          }
          c.callback(null, c.fulfilled = __spreadProps(__spreadValues({}, r), {
            get stdout() {
              return c.store.stdout.join("");
            },
            get stderr() {
              return c.store.stderr.join("");
            },
            get stdall() {
              return c.store.stdall.join("");
            },
            stdio,
            duration: Date.now() - now,
            ctx: c
          }));
          c.ee.emit("end", c.fulfilled, c);
        } else {
          c.run(() => {
            var _a2, _b2, _c;
            toggleListeners("on", c.ee, c.on);
            let error = null;
            let aborted = false;
            const opts = buildSpawnOpts(c);
            const child = c.spawn(c.cmd, c.args, opts);
            const onAbort = (event) => {
              if (opts.detached && child.pid) {
                try {
                  import_node_process3.default.kill(-child.pid);
                } catch (e) {
                  child.kill();
                }
              }
              aborted = true;
              c.ee.emit("abort", event, c);
            };
            c.child = child;
            c.ee.emit("start", child, c);
            (_a2 = opts.signal) == null ? void 0 : _a2.addEventListener("abort", onAbort);
            processInput(child, c.input || c.stdin);
            (_b2 = child.stdout) == null ? void 0 : _b2.on("data", (d) => {
              push("stdout", d);
            }).pipe(c.stdout);
            (_c = child.stderr) == null ? void 0 : _c.on("data", (d) => {
              push("stderr", d);
            }).pipe(c.stderr);
            child.once("error", (e) => {
              error = e;
              c.ee.emit("err", error, c);
            }).once("exit", () => {
              var _a3, _b3;
              if (aborted) {
                (_a3 = child.stdout) == null ? void 0 : _a3.destroy();
                (_b3 = child.stderr) == null ? void 0 : _b3.destroy();
              }
            }).once("close", (status, signal) => {
              var _a3;
              c.fulfilled = {
                error,
                status,
                signal,
                get stdout() {
                  return c.store.stdout.join("");
                },
                get stderr() {
                  return c.store.stderr.join("");
                },
                get stdall() {
                  return c.store.stdall.join("");
                },
                stdio,
                duration: Date.now() - now,
                ctx: c
              };
              (_a3 = opts.signal) == null ? void 0 : _a3.removeEventListener("abort", onAbort);
              c.callback(error, c.fulfilled);
              c.ee.emit("end", c.fulfilled, c);
            });
          }, c);
        }
      } catch (error) {
        c.callback(
          error,
          c.fulfilled = {
            error,
            status: null,
            signal: null,
            stdout: "",
            stderr: "",
            stdall: "",
            stdio,
            duration: Date.now() - now,
            ctx: c
          }
        );
        c.ee.emit("err", error, c);
        c.ee.emit("end", c.fulfilled, c);
      }
      return c;
    };
    var exec = (ctx) => invoke(normalizeCtx(ctx));
    var IS_WIN = import_node_process4.default.platform === "win32";
    var IS_WIN2025_PLUS = IS_WIN && Number.parseInt(import_node_os22.default.release().split(".")[2], 10) >= 26e3;
    var LOOKUPS = {
      wmic: {
        cmd: "wmic process get ProcessId,ParentProcessId,CommandLine",
        args: [],
        parse(stdout) {
          return parse(removeWmicPrefix(stdout), { format: "win" });
        }
      },
      ps: {
        cmd: "ps",
        args: ["-lx"],
        parse(stdout) {
          return parse(stdout, { format: "unix" });
        }
      },
      pwsh: {
        cmd: "pwsh",
        args: ["-NoProfile", "-Command", '"Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,CommandLine | ConvertTo-Json -Compress"'],
        parse(stdout) {
          let arr = [];
          try {
            arr = JSON.parse(stdout);
          } catch (e) {
            return [];
          }
          return arr.map((p) => ({
            ProcessId: [p.ProcessId + ""],
            ParentProcessId: [p.ParentProcessId + ""],
            CommandLine: p.CommandLine ? [p.CommandLine] : []
          }));
        }
      }
    };
    var isBin = (f) => {
      if (f === "") return false;
      if (!f.includes("/") && !f.includes("\\")) return true;
      if (f.length > 3 && f[0] === '"')
        return f[f.length - 1] === '"' ? isBin(f.slice(1, -1)) : false;
      try {
        if (!import_node_fs2.default.existsSync(f)) return false;
        const stat = import_node_fs2.default.lstatSync(f);
        return stat.isFile() || stat.isSymbolicLink();
      } catch (e) {
        return false;
      }
    };
    var lookup = (query = {}, cb = noop2) => _lookup({ query, cb, sync: false });
    var lookupSync = (query = {}, cb = noop2) => _lookup({ query, cb, sync: true });
    lookup.sync = lookupSync;
    var _lookup = ({
      query = {},
      cb = noop2,
      sync = false
    }) => {
      const pFactory = sync ? makePseudoDeferred.bind(null, []) : makeDeferred;
      const { promise, resolve: resolve3, reject } = pFactory();
      const result = [];
      const lookupFlow = IS_WIN ? IS_WIN2025_PLUS ? "pwsh" : "wmic" : "ps";
      const {
        parse: parse2,
        cmd,
        args
      } = LOOKUPS[lookupFlow];
      const callback = (err, { stdout }) => {
        if (err) {
          reject(err);
          cb(err);
          return;
        }
        result.push(...filterProcessList(normalizeOutput(parse2(stdout)), query));
        resolve3(result);
        cb(null, result);
      };
      exec({
        cmd,
        args,
        callback,
        sync,
        run(cb2) {
          cb2();
        }
      });
      return Object.assign(promise, result);
    };
    var filterProcessList = (processList, query = {}) => {
      const pidList = (query.pid === void 0 ? [] : [query.pid].flat(1)).map((v) => v + "");
      const filters = [
        (p) => query.command ? new RegExp(query.command, "i").test(p.command) : true,
        (p) => query.arguments ? new RegExp(query.arguments, "i").test(p.arguments.join(" ")) : true,
        (p) => query.ppid ? query.ppid + "" === p.ppid : true
      ];
      return processList.filter(
        (p) => (pidList.length === 0 || pidList.includes(p.pid)) && filters.every((f) => f(p))
      );
    };
    var removeWmicPrefix = (stdout) => {
      const s = stdout.indexOf(LOOKUPS.wmic.cmd + import_node_os22.default.EOL);
      const e = stdout.includes(">") ? stdout.trimEnd().lastIndexOf(import_node_os22.default.EOL) : stdout.length;
      return (s > 0 ? stdout.slice(s + LOOKUPS.wmic.cmd.length, e) : stdout.slice(0, e)).trimStart();
    };
    var pickTree = (list, pid, recursive = false) => {
      const children = list.filter((p) => p.ppid === pid + "");
      return [
        ...children,
        ...children.flatMap((p) => recursive ? pickTree(list, p.pid, true) : [])
      ];
    };
    var _tree = ({
      cb = noop2,
      opts,
      sync = false
    }) => {
      if (typeof opts === "string" || typeof opts === "number") {
        return _tree({ opts: { pid: opts }, cb, sync });
      }
      const onError = (err) => cb(err);
      const onData = (all) => {
        if (opts === void 0) return all;
        const { pid, recursive = false } = opts;
        const list = pickTree(all, pid, recursive);
        cb(null, list);
        return list;
      };
      try {
        const all = _lookup({ sync });
        return sync ? onData(all) : all.then(onData, (err) => {
          onError(err);
          throw err;
        });
      } catch (err) {
        onError(err);
        return Promise.reject(err);
      }
    };
    var tree = (opts, cb) => __async(null, null, function* () {
      return _tree({ opts, cb });
    });
    var treeSync = (opts, cb) => _tree({ opts, cb, sync: true });
    tree.sync = treeSync;
    var kill2 = (pid, opts, next) => {
      if (typeof opts == "function") {
        return kill2(pid, void 0, opts);
      }
      if (typeof opts == "string" || typeof opts == "number") {
        return kill2(pid, { signal: opts }, next);
      }
      const { promise, resolve: resolve3, reject } = makeDeferred();
      const {
        timeout = 30,
        signal = "SIGTERM"
      } = opts || {};
      try {
        import_node_process4.default.kill(+pid, signal);
      } catch (e) {
        reject(e);
        next == null ? void 0 : next(e);
        return promise;
      }
      let checkConfident = 0;
      let checkTimeoutTimer;
      let checkIsTimeout = false;
      const checkKilled = (finishCallback) => lookup({ pid }, (err, list = []) => {
        if (checkIsTimeout) return;
        if (err) {
          clearTimeout(checkTimeoutTimer);
          reject(err);
          finishCallback == null ? void 0 : finishCallback(err, pid);
        } else if (list.length > 0) {
          checkConfident = checkConfident - 1 || 0;
          checkKilled(finishCallback);
        } else {
          checkConfident++;
          if (checkConfident === 5) {
            clearTimeout(checkTimeoutTimer);
            resolve3(pid);
            finishCallback == null ? void 0 : finishCallback(null, pid);
          } else {
            checkKilled(finishCallback);
          }
        }
      });
      if (next) {
        checkKilled(next);
        checkTimeoutTimer = setTimeout(() => {
          checkIsTimeout = true;
          next(new Error("Kill process timeout"));
        }, timeout * 1e3);
      } else {
        resolve3(pid);
      }
      return promise;
    };
    var normalizeOutput = (data) => data.reduce((m, d) => {
      var _a, _b;
      const pid = (_a = d.PID || d.ProcessId) == null ? void 0 : _a[0];
      const ppid = (_b = d.PPID || d.ParentProcessId) == null ? void 0 : _b[0];
      const _cmd = d.CMD || d.CommandLine || d.COMMAND || [];
      const cmd = _cmd.length === 1 ? _cmd[0].split(/\s+/) : _cmd;
      if (pid && cmd.length > 0) {
        const c = cmd.findIndex((_v, i) => isBin(cmd.slice(0, i).join(" ")));
        const command = (c === -1 ? cmd : cmd.slice(0, c)).join(" ");
        const args = c === -1 ? [] : cmd.slice(c);
        m.push({
          pid,
          ppid,
          command,
          arguments: args
        });
      }
      return m;
    }, []);
    var makeDeferred = () => {
      let resolve3;
      let reject;
      const promise = new Promise((res, rej) => {
        resolve3 = res;
        reject = rej;
      });
      return { resolve: resolve3, reject, promise };
    };
    var makePseudoDeferred = (r = {}) => ({
      promise: r,
      resolve: identity,
      reject(e) {
        throw e;
      }
    });
    var noop2 = () => {
    };
    var identity = (v) => v;
    var index_default = { kill: kill2, lookup, lookupSync, tree, treeSync };
    var import_internals = require_internals();
    var chalk22 = import_internals.bus.wrap("chalk", source_default);
    var which3 = import_internals.bus.wrap("which", import_which.default);
    var ps3 = import_internals.bus.wrap("ps", index_default);
  }
});

// node_modules/zx/build/util.cjs
var require_util = __commonJS({
  "node_modules/zx/build/util.cjs"(exports, module) {
    "use strict";
    var {
      __spreadValues,
      __spreadProps,
      __export,
      __toESM: __toESM2,
      __toCommonJS
    } = require_esblib();
    var util_exports = {};
    __export(util_exports, {
      bufArrJoin: () => bufArrJoin,
      bufToString: () => bufToString,
      getLast: () => getLast,
      getLines: () => getLines,
      identity: () => identity,
      isString: () => isString,
      isStringLiteral: () => import_vendor_core.isStringLiteral,
      iteratorToArray: () => iteratorToArray,
      noop: () => noop,
      once: () => once,
      parseBool: () => parseBool,
      parseDuration: () => parseDuration,
      preferLocalBin: () => preferLocalBin,
      proxyOverride: () => proxyOverride,
      quote: () => quote3,
      quotePowerShell: () => quotePowerShell3,
      randomId: () => randomId,
      toCamelCase: () => toCamelCase
    });
    module.exports = __toCommonJS(util_exports);
    var import_node_path5 = __toESM2(__require("path"), 1);
    var import_node_process = __toESM2(__require("process"), 1);
    var import_vendor_core = require_vendor_core();
    function noop() {
    }
    function identity(v) {
      return v;
    }
    function randomId() {
      return Math.random().toString(36).slice(2);
    }
    function isString(obj) {
      return typeof obj === "string";
    }
    var utf8Decoder = new TextDecoder("utf-8");
    var bufToString = (buf) => isString(buf) ? buf : utf8Decoder.decode(buf);
    var bufArrJoin = (arr) => arr.reduce((acc, buf) => acc + bufToString(buf), "");
    var getLast = (arr) => arr[arr.length - 1];
    function preferLocalBin(env, ...dirs) {
      const pathKey = import_node_process.default.platform === "win32" ? Object.keys(env).reverse().find((key) => key.toUpperCase() === "PATH") || "Path" : "PATH";
      const pathValue = dirs.map(
        (c) => c && [
          import_node_path5.default.resolve(c, "node_modules", ".bin"),
          import_node_path5.default.resolve(c)
        ]
      ).flat().concat(env[pathKey]).filter(Boolean).join(import_node_path5.default.delimiter);
      return __spreadProps(__spreadValues({}, env), {
        [pathKey]: pathValue
      });
    }
    function quote3(arg) {
      if (arg === "") return `$''`;
      if (/^[\w/.\-@:=]+$/.test(arg)) return arg;
      return `$'` + arg.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\f/g, "\\f").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t").replace(/\v/g, "\\v").replace(/\0/g, "\\0") + `'`;
    }
    function quotePowerShell3(arg) {
      if (arg === "") return `''`;
      if (/^[\w/.\-]+$/.test(arg)) return arg;
      return `'` + arg.replace(/'/g, "''") + `'`;
    }
    function parseDuration(d) {
      if (typeof d === "number") {
        if (isNaN(d) || d < 0) throw new Error(`Invalid duration: "${d}".`);
        return d;
      }
      const [m, v, u] = d.match(/^(\d+)(m?s?)$/) || [];
      if (!m) throw new Error(`Unknown duration: "${d}".`);
      return +v * ({ s: 1e3, ms: 1, m: 6e4 }[u] || 1);
    }
    var once = (fn) => {
      let called = false;
      let result;
      return (...args) => called ? result : (called = true, result = fn(...args));
    };
    var proxyOverride = (origin, ...fallbacks) => new Proxy(origin, {
      get(target, key) {
        var _a, _b;
        return (_b = (_a = fallbacks.find((f) => key in f)) == null ? void 0 : _a[key]) != null ? _b : Reflect.get(target, key);
      }
    });
    var toCamelCase = (str) => str.toLowerCase().replace(/([a-z])[_-]+([a-z])/g, (_, p1, p2) => p1 + p2.toUpperCase());
    var parseBool = (v) => v === "true" || v !== "false" && v;
    var getLines = (chunk, next, delimiter2) => {
      const lines = ((next.pop() || "") + bufToString(chunk)).split(delimiter2);
      next.push(lines.pop());
      return lines;
    };
    var iteratorToArray = (it) => {
      const arr = [];
      let entry;
      while (!(entry = it.next()).done) arr.push(entry.value);
      return arr;
    };
  }
});

// node_modules/zx/build/core.cjs
var require_core = __commonJS({
  "node_modules/zx/build/core.cjs"(exports, module) {
    "use strict";
    var {
      __spreadValues,
      __spreadProps,
      __export,
      __toESM: __toESM2,
      __toCommonJS,
      __async,
      __await,
      __asyncGenerator,
      __yieldStar,
      __forAwait
    } = require_esblib();
    var core_exports = {};
    __export(core_exports, {
      $: () => $2,
      Fail: () => Fail2,
      ProcessOutput: () => ProcessOutput2,
      ProcessPromise: () => ProcessPromise2,
      bus: () => import_internals.bus,
      cd: () => cd2,
      chalk: () => import_vendor_core3.chalk,
      defaults: () => defaults2,
      kill: () => kill2,
      log: () => log2,
      os: () => os2,
      path: () => import_node_path5.default,
      ps: () => import_vendor_core3.ps,
      quote: () => import_util2.quote,
      quotePowerShell: () => import_util2.quotePowerShell,
      resolveDefaults: () => resolveDefaults2,
      syncProcessCwd: () => syncProcessCwd2,
      useBash: () => useBash2,
      usePowerShell: () => usePowerShell2,
      usePwsh: () => usePwsh2,
      which: () => import_vendor_core3.which,
      within: () => within2
    });
    module.exports = __toCommonJS(core_exports);
    var import_node_async_hooks = __require("async_hooks");
    var import_node_buffer = __require("buffer");
    var import_node_child_process2 = __toESM2(__require("child_process"), 1);
    var import_node_events = __require("events");
    var import_node_fs2 = __toESM2(__require("fs"), 1);
    var import_node_os4 = __require("os");
    var import_node_process2 = __toESM2(__require("process"), 1);
    var import_node_util2 = __require("util");
    var EXIT_CODES = {
      2: "Misuse of shell builtins",
      126: "Invoked command cannot execute",
      127: "Command not found",
      128: "Invalid exit argument",
      129: "Hangup",
      130: "Interrupt",
      131: "Quit and dump core",
      132: "Illegal instruction",
      133: "Trace/breakpoint trap",
      134: "Process aborted",
      135: 'Bus error: "access to undefined portion of memory object"',
      136: 'Floating point exception: "erroneous arithmetic operation"',
      137: "Kill (terminate immediately)",
      138: "User-defined 1",
      139: "Segmentation violation",
      140: "User-defined 2",
      141: "Write to pipe with no one reading",
      142: "Signal raised by alarm",
      143: "Termination (request to terminate)",
      145: "Child process terminated, stopped (or continued*)",
      146: "Continue if stopped",
      147: "Stop executing temporarily",
      148: "Terminal stop signal",
      149: 'Background process attempting to read from tty ("in")',
      150: 'Background process attempting to write to tty ("out")',
      151: "Urgent data available on socket",
      152: "CPU time limit exceeded",
      153: "File size limit exceeded",
      154: 'Signal raised by timer counting virtual time: "virtual timer expired"',
      155: "Profiling timer expired",
      157: "Pollable event",
      159: "Bad syscall"
    };
    var ERRNO_CODES = {
      0: "Success",
      1: "Not super-user",
      2: "No such file or directory",
      3: "No such process",
      4: "Interrupted system call",
      5: "I/O error",
      6: "No such device or address",
      7: "Arg list too long",
      8: "Exec format error",
      9: "Bad file number",
      10: "No children",
      11: "No more processes",
      12: "Not enough core",
      13: "Permission denied",
      14: "Bad address",
      15: "Block device required",
      16: "Mount device busy",
      17: "File exists",
      18: "Cross-device link",
      19: "No such device",
      20: "Not a directory",
      21: "Is a directory",
      22: "Invalid argument",
      23: "Too many open files in system",
      24: "Too many open files",
      25: "Not a typewriter",
      26: "Text file busy",
      27: "File too large",
      28: "No space left on device",
      29: "Illegal seek",
      30: "Read only file system",
      31: "Too many links",
      32: "Broken pipe",
      33: "Math arg out of domain of func",
      34: "Math result not representable",
      35: "File locking deadlock error",
      36: "File or path name too long",
      37: "No record locks available",
      38: "Function not implemented",
      39: "Directory not empty",
      40: "Too many symbolic links",
      42: "No message of desired type",
      43: "Identifier removed",
      44: "Channel number out of range",
      45: "Level 2 not synchronized",
      46: "Level 3 halted",
      47: "Level 3 reset",
      48: "Link number out of range",
      49: "Protocol driver not attached",
      50: "No CSI structure available",
      51: "Level 2 halted",
      52: "Invalid exchange",
      53: "Invalid request descriptor",
      54: "Exchange full",
      55: "No anode",
      56: "Invalid request code",
      57: "Invalid slot",
      59: "Bad font file fmt",
      60: "Device not a stream",
      61: "No data (for no delay io)",
      62: "Timer expired",
      63: "Out of streams resources",
      64: "Machine is not on the network",
      65: "Package not installed",
      66: "The object is remote",
      67: "The link has been severed",
      68: "Advertise error",
      69: "Srmount error",
      70: "Communication error on send",
      71: "Protocol error",
      72: "Multihop attempted",
      73: "Cross mount point (not really error)",
      74: "Trying to read unreadable message",
      75: "Value too large for defined data type",
      76: "Given log. name not unique",
      77: "f.d. invalid for this operation",
      78: "Remote address changed",
      79: "Can   access a needed shared lib",
      80: "Accessing a corrupted shared lib",
      81: ".lib section in a.out corrupted",
      82: "Attempting to link in too many libs",
      83: "Attempting to exec a shared library",
      84: "Illegal byte sequence",
      86: "Streams pipe error",
      87: "Too many users",
      88: "Socket operation on non-socket",
      89: "Destination address required",
      90: "Message too long",
      91: "Protocol wrong type for socket",
      92: "Protocol not available",
      93: "Unknown protocol",
      94: "Socket type not supported",
      95: "Not supported",
      96: "Protocol family not supported",
      97: "Address family not supported by protocol family",
      98: "Address already in use",
      99: "Address not available",
      100: "Network interface is not configured",
      101: "Network is unreachable",
      102: "Connection reset by network",
      103: "Connection aborted",
      104: "Connection reset by peer",
      105: "No buffer space available",
      106: "Socket is already connected",
      107: "Socket is not connected",
      108: "Can't send after socket shutdown",
      109: "Too many references",
      110: "Connection timed out",
      111: "Connection refused",
      112: "Host is down",
      113: "Host is unreachable",
      114: "Socket already connected",
      115: "Connection already in progress",
      116: "Stale file handle",
      122: "Quota exceeded",
      123: "No medium (in tape drive)",
      125: "Operation canceled",
      130: "Previous owner died",
      131: "State not recoverable"
    };
    var DOCS_URL = "https://google.github.io/zx";
    var _Fail = class _Fail2 extends Error {
      static formatExitMessage(code, signal, stderr, from, details = "") {
        if (code == 0 && signal == null) return `exit code: ${code}`;
        const codeInfo = _Fail2.getExitCodeInfo(code);
        let message = `${stderr}
    at ${from}
    exit code: ${code}${codeInfo ? " (" + codeInfo + ")" : ""}`;
        if (signal != null) message += `
    signal: ${signal}`;
        if (details) message += `
    details: 
${details}`;
        return message;
      }
      static formatErrorMessage(err, from) {
        return `${err.message}
    errno: ${err.errno} (${_Fail2.getErrnoMessage(err.errno)})
    code: ${err.code}
    at ${from}`;
      }
      static formatErrorDetails(lines = [], lim = 20) {
        if (lines.length < lim) return lines.join("\n");
        let errors = lines.filter((l) => /(fail|error|not ok|exception)/i.test(l));
        if (errors.length === 0) errors = lines;
        return errors.slice(0, lim).join("\n") + (errors.length > lim ? "\n..." : "");
      }
      static getExitCodeInfo(exitCode) {
        return EXIT_CODES[exitCode];
      }
      static getCallerLocationFromString(stackString = "unknown") {
        const lines = stackString.split(/^\s*(at\s)?/m).filter((s) => s == null ? void 0 : s.includes(":"));
        const i = lines.findIndex((l) => l.includes("Proxy.set"));
        const offset = i < 0 ? i : i + 2;
        return (lines.find((l) => l.includes("file://")) || lines[offset] || stackString).trim();
      }
      static getCallerLocation(err = new Error("zx error")) {
        return _Fail2.getCallerLocationFromString(err.stack);
      }
      static getErrnoMessage(errno) {
        return ERRNO_CODES[-errno] || "Unknown error";
      }
    };
    _Fail.DOCS_URL = DOCS_URL;
    _Fail.EXIT_CODES = EXIT_CODES;
    _Fail.ERRNO_CODES = ERRNO_CODES;
    var Fail2 = _Fail;
    var import_vendor_core = require_vendor_core();
    var import_node_util3 = __require("util");
    var import_node_process = __toESM2(__require("process"), 1);
    var formatters = {
      cmd({ cmd }) {
        return formatCmd(cmd);
      },
      stdout({ data }) {
        return data;
      },
      stderr({ data }) {
        return data;
      },
      custom({ data }) {
        return data;
      },
      fetch(entry) {
        const init = entry.init ? " " + (0, import_node_util3.inspect)(entry.init) : "";
        return `$ ${import_vendor_core.chalk.greenBright("fetch")} ${entry.url}${init}
`;
      },
      cd(entry) {
        return `$ ${import_vendor_core.chalk.greenBright("cd")} ${entry.dir}
`;
      },
      retry(entry) {
        const attempt = `Attempt: ${entry.attempt}${entry.total == Infinity ? "" : `/${entry.total}`}`;
        const delay = entry.delay > 0 ? `; next in ${entry.delay}ms` : "";
        return `${import_vendor_core.chalk.bgRed.white(" FAIL ")} ${attempt}${delay}
`;
      },
      end() {
        return "";
      },
      kill() {
        return "";
      }
    };
    var log2 = function(entry) {
      var _a;
      if (!entry.verbose) return;
      const stream = log2.output || import_node_process.default.stderr;
      const format = ((_a = log2.formatters) == null ? void 0 : _a[entry.kind]) || formatters[entry.kind];
      if (!format) return;
      stream.write(format(entry));
    };
    var SPACE_RE = /\s/;
    var SYNTAX = "()[]{}<>;:+|&=";
    var CMD_BREAK = "|&;><";
    var RESERVED_WORDS = /* @__PURE__ */ new Set([
      "if",
      "then",
      "else",
      "elif",
      "fi",
      "case",
      "esac",
      "for",
      "select",
      "while",
      "until",
      "do",
      "done",
      "in",
      "EOF"
    ]);
    function formatCmd(cmd) {
      if (cmd == void 0) return import_vendor_core.chalk.grey("undefined");
      let q = "";
      let out = "$ ";
      let buf = "";
      let mode = "";
      let pos = 0;
      const cap = () => {
        const word = buf.trim();
        if (word) {
          pos++;
          if (mode === "syntax") {
            if (CMD_BREAK.includes(word)) {
              pos = 0;
            }
            out += import_vendor_core.chalk.red(buf);
          } else if (mode === "quote" || mode === "dollar") {
            out += import_vendor_core.chalk.yellowBright(buf);
          } else if (RESERVED_WORDS.has(word)) {
            out += import_vendor_core.chalk.cyanBright(buf);
          } else if (pos === 1) {
            out += import_vendor_core.chalk.greenBright(buf);
            pos = Infinity;
          } else {
            out += buf;
          }
        } else {
          out += buf;
        }
        mode = "";
        buf = "";
      };
      for (const c of [...cmd]) {
        if (!q) {
          if (c === "$") {
            cap();
            mode = "dollar";
            buf += c;
            cap();
          } else if (c === "'" || c === '"') {
            cap();
            mode = "quote";
            q = c;
            buf += c;
          } else if (SPACE_RE.test(c)) {
            cap();
            buf += c;
          } else if (SYNTAX.includes(c)) {
            const isEnv = c === "=" && pos === 0;
            isEnv && (pos = 1);
            cap();
            mode = "syntax";
            buf += c;
            cap();
            isEnv && (pos = -1);
          } else {
            buf += c;
          }
        } else {
          buf += c;
          if (c === q) {
            cap();
            q = "";
          }
        }
      }
      cap();
      return out.replaceAll("\n", import_vendor_core.chalk.reset("\n> ")) + "\n";
    }
    var import_vendor_core2 = require_vendor_core();
    var import_util = require_util();
    var import_internals = require_internals();
    var import_node_path5 = __toESM2(__require("path"), 1);
    var os2 = __toESM2(__require("os"), 1);
    var import_vendor_core3 = require_vendor_core();
    var import_util2 = require_util();
    var CWD = /* @__PURE__ */ Symbol("processCwd");
    var SYNC = /* @__PURE__ */ Symbol("syncExec");
    var EPF = /* @__PURE__ */ Symbol("end-piped-from");
    var SHOT = /* @__PURE__ */ Symbol("snapshot");
    var EOL = import_node_buffer.Buffer.from(import_node_os4.EOL);
    var BR_CC = "\n".charCodeAt(0);
    var DLMTR = /\r?\n/;
    var SIGTERM = "SIGTERM";
    var ENV_PREFIX = "ZX_";
    var ENV_OPTS = /* @__PURE__ */ new Set([
      "cwd",
      "preferLocal",
      "detached",
      "verbose",
      "quiet",
      "timeout",
      "timeoutSignal",
      "killSignal",
      "prefix",
      "postfix",
      "shell"
    ]);
    var defaults2 = resolveDefaults2({
      [CWD]: import_node_process2.default.cwd(),
      [SYNC]: false,
      verbose: false,
      env: import_node_process2.default.env,
      sync: false,
      shell: true,
      stdio: "pipe",
      nothrow: false,
      quiet: false,
      detached: false,
      preferLocal: false,
      spawn: import_node_child_process2.default.spawn,
      spawnSync: import_node_child_process2.default.spawnSync,
      log: log2,
      kill: kill2,
      killSignal: SIGTERM,
      timeoutSignal: SIGTERM
    });
    var storage = new import_node_async_hooks.AsyncLocalStorage();
    var getStore = () => storage.getStore() || defaults2;
    var getSnapshot = (opts, from, pieces, args) => __spreadProps(__spreadValues({}, opts), {
      ac: opts.ac || new AbortController(),
      ee: new import_node_events.EventEmitter(),
      from,
      pieces,
      args,
      cmd: ""
    });
    function within2(callback) {
      return storage.run(__spreadValues({}, getStore()), callback);
    }
    var $2 = new Proxy(
      // prettier-ignore
      function(pieces, ...args) {
        const opts = getStore();
        if (!Array.isArray(pieces)) {
          return function(...args2) {
            return within2(() => Object.assign($2, opts, pieces).apply(this, args2));
          };
        }
        const from = Fail2.getCallerLocation();
        const cb = () => cb[SHOT] = getSnapshot(opts, from, pieces, args);
        const pp = new ProcessPromise2(cb);
        if (!pp.isHalted()) pp.run();
        return pp.sync ? pp.output : pp;
      },
      {
        set(t, key, value) {
          return Reflect.set(
            key in Function.prototype ? t : getStore(),
            key === "sync" ? SYNC : key,
            value
          );
        },
        get(t, key) {
          return key === "sync" ? $2({ sync: true }) : Reflect.get(key in Function.prototype ? t : getStore(), key);
        }
      }
    );
    var _ProcessPromise = class _ProcessPromise2 extends Promise {
      constructor(executor) {
        let resolve3;
        let reject;
        super((...args) => {
          ;
          [resolve3 = import_util.noop, reject = import_util.noop] = args;
          executor(...args);
        });
        this._stage = "initial";
        this._id = (0, import_util.randomId)();
        this._piped = false;
        this._stdin = new import_vendor_core2.VoidStream();
        this._zurk = null;
        this._output = null;
        this.writable = true;
        const snapshot = executor[SHOT];
        if (snapshot) {
          this._snapshot = snapshot;
          this._resolve = resolve3;
          this._reject = reject;
          if (snapshot.halt) this._stage = "halted";
          try {
            this.build();
          } catch (err) {
            this.finalize(ProcessOutput2.fromError(err), true);
          }
        } else _ProcessPromise2.disarm(this);
      }
      // prettier-ignore
      build() {
        const $22 = this._snapshot;
        if (!$22.shell)
          throw new Fail2(`No shell is available: ${Fail2.DOCS_URL}/shell`);
        if (!$22.quote)
          throw new Fail2(`No quote function is defined: ${Fail2.DOCS_URL}/quotes`);
        if ($22.pieces.some((p) => p == null))
          throw new Fail2(`Malformed command at ${$22.from}`);
        $22.cmd = (0, import_vendor_core2.buildCmd)(
          $22.quote,
          $22.pieces,
          $22.args
        );
      }
      run() {
        var _a, _b;
        _ProcessPromise2.bus.runBack(this);
        if (this.isRunning() || this.isSettled()) return this;
        this._stage = "running";
        const self = this;
        const $22 = self._snapshot;
        const id = self.id;
        const cwd = $22.cwd || $22[CWD];
        if ($22.preferLocal) {
          const dirs = $22.preferLocal === true ? [$22.cwd, $22[CWD]] : [$22.preferLocal].flat();
          $22.env = (0, import_util.preferLocalBin)($22.env, ...dirs);
        }
        this._zurk = (0, import_vendor_core2.exec)({
          cmd: self.fullCmd,
          cwd,
          input: (_b = (_a = $22.input) == null ? void 0 : _a.stdout) != null ? _b : $22.input,
          stdin: self._stdin,
          sync: self.sync,
          signal: self.signal,
          shell: (0, import_util.isString)($22.shell) ? $22.shell : true,
          id,
          env: $22.env,
          spawn: $22.spawn,
          spawnSync: $22.spawnSync,
          store: $22.store,
          stdio: $22.stdio,
          detached: $22.detached,
          ee: $22.ee,
          run(cb, ctx) {
            var _a2, _b2;
            ((_b2 = (_a2 = self.cmd).then) == null ? void 0 : _b2.call(
              _a2,
              (cmd) => {
                $22.cmd = cmd;
                ctx.cmd = self.fullCmd;
                cb();
              },
              (error) => self.finalize(ProcessOutput2.fromError(error))
            )) || cb();
          },
          on: {
            start: () => {
              $22.log({ kind: "cmd", cmd: $22.cmd, cwd, verbose: self.isVerbose(), id });
              self.timeout($22.timeout, $22.timeoutSignal);
            },
            stdout: (data) => {
              $22.log({ kind: "stdout", data, verbose: !self._piped && self.isVerbose(), id });
            },
            stderr: (data) => {
              $22.log({ kind: "stderr", data, verbose: !self.isQuiet(), id });
            },
            end: (data, c) => {
              const { error: _error, status, signal: __signal, duration, ctx: { store } } = data;
              const { stdout, stderr } = store;
              const { cause, exitCode, signal: _signal } = self._breakerData || {};
              const signal = _signal != null ? _signal : __signal;
              const code = exitCode != null ? exitCode : status;
              const error = cause != null ? cause : _error;
              const output = new ProcessOutput2({
                code,
                signal,
                error,
                duration,
                store,
                from: $22.from
              });
              $22.log({ kind: "end", signal, exitCode: code, duration, error, verbose: self.isVerbose(), id });
              if (stdout.length && (0, import_util.getLast)((0, import_util.getLast)(stdout)) !== BR_CC) c.on.stdout(EOL, c);
              if (stderr.length && (0, import_util.getLast)((0, import_util.getLast)(stderr)) !== BR_CC) c.on.stderr(EOL, c);
              self.finalize(output);
            }
          }
        });
        return this;
      }
      break(exitCode, signal, cause) {
        if (!this.isRunning()) return;
        this._breakerData = { exitCode, signal, cause };
        this.kill(signal);
      }
      finalize(output, legacy = false) {
        if (this.isSettled()) return;
        this._output = output;
        _ProcessPromise2.bus.unpipeBack(this);
        if (output.ok || this.isNothrow()) {
          this._stage = "fulfilled";
          this._resolve(output);
        } else {
          this._stage = "rejected";
          if (legacy) {
            this._resolve(output);
            throw output.cause || output;
          }
          this._reject(output);
          if (this.sync) throw output;
        }
      }
      abort(reason) {
        if (this.isSettled()) throw new Fail2("Too late to abort the process.");
        if (this.signal !== this.ac.signal)
          throw new Fail2("The signal is controlled by another process.");
        if (!this.child)
          throw new Fail2("Trying to abort a process without creating one.");
        this.ac.abort(reason);
      }
      kill(signal) {
        if (this.isSettled()) throw new Fail2("Too late to kill the process.");
        if (!this.child)
          throw new Fail2("Trying to kill a process without creating one.");
        if (!this.pid) throw new Fail2("The process pid is undefined.");
        return $2.kill(this.pid, signal || this._snapshot.killSignal || $2.killSignal);
      }
      // Configurators
      stdio(stdin, stdout = "pipe", stderr = "pipe") {
        this._snapshot.stdio = Array.isArray(stdin) ? stdin : [stdin, stdout, stderr];
        return this;
      }
      nothrow(v = true) {
        this._snapshot.nothrow = v;
        return this;
      }
      quiet(v = true) {
        this._snapshot.quiet = v;
        return this;
      }
      verbose(v = true) {
        this._snapshot.verbose = v;
        return this;
      }
      timeout(d = 0, signal = $2.timeoutSignal) {
        if (this.isSettled()) return this;
        const $22 = this._snapshot;
        $22.timeout = (0, import_util.parseDuration)(d);
        $22.timeoutSignal = signal;
        if (this._timeoutId) clearTimeout(this._timeoutId);
        if ($22.timeout && this.isRunning()) {
          this._timeoutId = setTimeout(() => this.kill($22.timeoutSignal), $22.timeout);
          this.finally(() => clearTimeout(this._timeoutId)).catch(import_util.noop);
        }
        return this;
      }
      /**
       *  @deprecated Use $({halt: true})`cmd` instead.
       */
      halt() {
        return this;
      }
      // Getters
      get id() {
        return this._id;
      }
      get pid() {
        var _a;
        return (_a = this.child) == null ? void 0 : _a.pid;
      }
      get cmd() {
        return this._snapshot.cmd;
      }
      get fullCmd() {
        const { prefix = "", postfix = "", cmd } = this._snapshot;
        return prefix + cmd + postfix;
      }
      get child() {
        var _a;
        return (_a = this._zurk) == null ? void 0 : _a.child;
      }
      get stdin() {
        var _a;
        return (_a = this.child) == null ? void 0 : _a.stdin;
      }
      get stdout() {
        var _a;
        return (_a = this.child) == null ? void 0 : _a.stdout;
      }
      get stderr() {
        var _a;
        return (_a = this.child) == null ? void 0 : _a.stderr;
      }
      get exitCode() {
        return this.then(
          (o) => o.exitCode,
          (o) => o.exitCode
        );
      }
      get signal() {
        return this._snapshot.signal || this.ac.signal;
      }
      get ac() {
        return this._snapshot.ac;
      }
      get output() {
        return this._output;
      }
      get stage() {
        return this._stage;
      }
      get sync() {
        return this._snapshot[SYNC];
      }
      get [Symbol.toStringTag]() {
        return "ProcessPromise";
      }
      [Symbol.toPrimitive]() {
        return this.toString();
      }
      // Output formatters
      json() {
        return this.then((o) => o.json());
      }
      text(encoding) {
        return this.then((o) => o.text(encoding));
      }
      lines(delimiter2) {
        return this.then((o) => o.lines(delimiter2));
      }
      buffer() {
        return this.then((o) => o.buffer());
      }
      blob(type) {
        return this.then((o) => o.blob(type));
      }
      // Status checkers
      isQuiet() {
        return this._snapshot.quiet;
      }
      isVerbose() {
        return this._snapshot.verbose && !this.isQuiet();
      }
      isNothrow() {
        return this._snapshot.nothrow;
      }
      isHalted() {
        return this.stage === "halted" && !this.sync;
      }
      isSettled() {
        return !!this.output;
      }
      isRunning() {
        return this.stage === "running";
      }
      // Piping
      // prettier-ignore
      get pipe() {
        const getPipeMethod = (kind) => this._pipe.bind(this, kind);
        const stdout = getPipeMethod("stdout");
        const stderr = getPipeMethod("stderr");
        const stdall = getPipeMethod("stdall");
        return Object.assign(stdout, { stdout, stderr, stdall });
      }
      unpipe(to) {
        _ProcessPromise2.bus.unpipe(this, to);
        return this;
      }
      // prettier-ignore
      _pipe(source, dest, ...args) {
        if ((0, import_util.isString)(dest))
          return this._pipe(source, import_node_fs2.default.createWriteStream(dest));
        if ((0, import_util.isStringLiteral)(dest, ...args))
          return this._pipe(
            source,
            $2({
              halt: true,
              signal: this.signal
            })(dest, ...args)
          );
        const isP = dest instanceof _ProcessPromise2;
        if (isP && dest.isSettled()) throw new Fail2("Cannot pipe to a settled process.");
        if (!isP && dest.writableEnded) throw new Fail2("Cannot pipe to a closed stream.");
        this._piped = true;
        _ProcessPromise2.bus.pipe(this, dest);
        const { ee } = this._snapshot;
        const output = this.output;
        const from = new import_vendor_core2.VoidStream();
        const check = () => {
          var _a;
          return !!((_a = _ProcessPromise2.bus.refs.get(this)) == null ? void 0 : _a.has(dest));
        };
        const end = () => {
          if (!check()) return;
          setImmediate(() => {
            _ProcessPromise2.bus.unpipe(this, dest);
            _ProcessPromise2.bus.sources(dest).length === 0 && from.end();
          });
        };
        const fill = () => {
          for (const chunk of this._zurk.store[source]) from.write(chunk);
        };
        const fillSettled = () => {
          if (!output) return;
          if (isP && !output.ok) dest.break(output.exitCode, output.signal, output.cause);
          fill();
          end();
        };
        if (!output) {
          const onData = (chunk) => check() && from.write(chunk);
          ee.once(source, () => {
            fill();
            ee.on(source, onData);
          }).once("end", () => {
            ee.removeListener(source, onData);
            end();
          });
        }
        if (isP) {
          from.pipe(dest._stdin);
          if (this.isHalted()) ee.once("start", () => dest.run());
          else {
            dest.run();
            this.catch((e) => dest.break(e.exitCode, e.signal, e.cause));
          }
          fillSettled();
          return dest;
        }
        from.once("end", () => dest.emit(EPF)).pipe(dest);
        fillSettled();
        return _ProcessPromise2.promisifyStream(dest, this);
      }
      // Promise API
      then(onfulfilled, onrejected) {
        return super.then(onfulfilled, onrejected);
      }
      catch(onrejected) {
        return super.catch(onrejected);
      }
      // Async iterator API
      [Symbol.asyncIterator]() {
        return __asyncGenerator(this, null, function* () {
          const memo = [];
          const dlmtr = this._snapshot.delimiter || $2.delimiter || DLMTR;
          for (const chunk of this._zurk.store.stdout) {
            yield* __yieldStar((0, import_util.getLines)(chunk, memo, dlmtr));
          }
          try {
            for (var iter = __forAwait(this.stdout || []), more, temp, error; more = !(temp = yield new __await(iter.next())).done; more = false) {
              const chunk = temp.value;
              yield* __yieldStar((0, import_util.getLines)(chunk, memo, dlmtr));
            }
          } catch (temp2) {
            error = [temp2];
          } finally {
            try {
              more && (temp = iter.return) && (yield new __await(temp.call(iter)));
            } finally {
              if (error)
                throw error[0];
            }
          }
          if (memo[0]) yield memo[0];
          yield new __await(this);
        });
      }
      emit(event, ...args) {
        return this;
      }
      on(event, cb) {
        this._stdin.on(event, cb);
        return this;
      }
      once(event, cb) {
        this._stdin.once(event, cb);
        return this;
      }
      write(data, encoding, cb) {
        this._stdin.write(data, encoding, cb);
        return this;
      }
      end(chunk, cb) {
        this._stdin.end(chunk, cb);
        return this;
      }
      removeListener(event, cb) {
        this._stdin.removeListener(event, cb);
        return this;
      }
      // prettier-ignore
      static disarm(p, toggle = true) {
        Object.getOwnPropertyNames(_ProcessPromise2.prototype).forEach((k) => {
          if (k in Promise.prototype) return;
          if (!toggle) {
            Reflect.deleteProperty(p, k);
            return;
          }
          Object.defineProperty(p, k, { configurable: true, get() {
            throw new Fail2("Inappropriate usage. Apply $ instead of direct instantiation.");
          } });
        });
      }
    };
    _ProcessPromise.bus = {
      refs: /* @__PURE__ */ new Map(),
      streams: /* @__PURE__ */ new WeakMap(),
      pipe(from, to) {
        const set = this.refs.get(from) || this.refs.set(from, /* @__PURE__ */ new Set()).get(from);
        set.add(to);
      },
      unpipe(from, to) {
        const set = this.refs.get(from);
        if (!set) return;
        if (to) set.delete(to);
        if (set.size) return;
        this.refs.delete(from);
        from._piped = false;
      },
      unpipeBack(to, from) {
        if (from) return this.unpipe(from, to);
        for (const _from of this.refs.keys()) {
          this.unpipe(_from, to);
        }
      },
      runBack(p) {
        var _a;
        for (const from of this.sources(p)) {
          if (from instanceof _ProcessPromise) from.run();
          else (_a = this.streams.get(from)) == null ? void 0 : _a.run();
        }
      },
      sources(p) {
        const refs = [];
        for (const [from, set] of this.refs.entries()) {
          set.has(p) && refs.push(from);
        }
        return refs;
      }
    };
    _ProcessPromise.promisifyStream = (stream, from) => {
      const proxy = _ProcessPromise.bus.streams.get(stream) || (0, import_util.proxyOverride)(stream, {
        then(res = import_util.noop, rej = import_util.noop) {
          return new Promise((_res, _rej) => {
            const end = () => _res(res((0, import_util.proxyOverride)(stream, from.output)));
            stream.once("error", (e) => _rej(rej(e))).once("finish", end).once(EPF, end);
          });
        },
        run() {
          from.run();
        },
        pipe(...args) {
          const dest = stream.pipe.apply(stream, args);
          return dest instanceof _ProcessPromise ? dest : _ProcessPromise.promisifyStream(dest, from);
        }
      });
      _ProcessPromise.bus.streams.set(stream, proxy);
      return proxy;
    };
    var ProcessPromise2 = _ProcessPromise;
    var _ProcessOutput = class _ProcessOutput2 extends Error {
      // prettier-ignore
      constructor(code = null, signal = null, stdout = "", stderr = "", stdall = "", message = "", duration = 0, error = null, from = "", store = { stdout: [stdout], stderr: [stderr], stdall: [stdall] }) {
        super(message);
        const dto = code !== null && typeof code === "object" ? code : { code, signal, duration, error, from, store };
        Object.defineProperties(this, {
          _dto: { value: dto, enumerable: false },
          cause: { get() {
            return dto.error;
          }, enumerable: false },
          stdout: { get: (0, import_util.once)(() => (0, import_util.bufArrJoin)(dto.store.stdout)) },
          stderr: { get: (0, import_util.once)(() => (0, import_util.bufArrJoin)(dto.store.stderr)) },
          stdall: { get: (0, import_util.once)(() => (0, import_util.bufArrJoin)(dto.store.stdall)) },
          message: { get: (0, import_util.once)(
            () => dto.error || message ? _ProcessOutput2.getErrorMessage(dto.error || new Error(message), dto.from) : _ProcessOutput2.getExitMessage(
              dto.code,
              dto.signal,
              this.stderr,
              dto.from,
              this.stderr.trim() ? "" : _ProcessOutput2.getErrorDetails(this.lines())
            )
          ) }
        });
      }
      get exitCode() {
        return this._dto.code;
      }
      get signal() {
        return this._dto.signal;
      }
      get duration() {
        return this._dto.duration;
      }
      get [Symbol.toStringTag]() {
        return "ProcessOutput";
      }
      get ok() {
        return !this._dto.error && this.exitCode === 0;
      }
      json() {
        return JSON.parse(this.stdall);
      }
      buffer() {
        return import_node_buffer.Buffer.from(this.stdall);
      }
      blob(type = "text/plain") {
        if (!globalThis.Blob)
          throw new Fail2(
            "Blob is not supported in this environment. Provide a polyfill"
          );
        return new Blob([this.buffer()], { type });
      }
      text(encoding = "utf8") {
        return encoding === "utf8" ? this.toString() : this.buffer().toString(encoding);
      }
      lines(delimiter2) {
        return (0, import_util.iteratorToArray)(this[Symbol.iterator](delimiter2));
      }
      toString() {
        return this.stdall;
      }
      valueOf() {
        return this.stdall.trim();
      }
      [Symbol.toPrimitive]() {
        return this.valueOf();
      }
      // prettier-ignore
      *[Symbol.iterator](dlmtr = this._dto.delimiter || $2.delimiter || DLMTR) {
        const memo = [];
        for (const chunk of this._dto.store.stdall) {
          yield* __yieldStar((0, import_util.getLines)(chunk, memo, dlmtr));
        }
        if (memo[0]) yield memo[0];
      }
      [import_node_util2.inspect.custom]() {
        const codeInfo = _ProcessOutput2.getExitCodeInfo(this.exitCode);
        return `ProcessOutput {
  stdout: ${import_vendor_core2.chalk.green((0, import_node_util2.inspect)(this.stdout))},
  stderr: ${import_vendor_core2.chalk.red((0, import_node_util2.inspect)(this.stderr))},
  signal: ${(0, import_node_util2.inspect)(this.signal)},
  exitCode: ${(this.ok ? import_vendor_core2.chalk.green : import_vendor_core2.chalk.red)(this.exitCode)}${codeInfo ? import_vendor_core2.chalk.grey(" (" + codeInfo + ")") : ""},
  duration: ${this.duration}
}`;
      }
      static fromError(error) {
        const output = new _ProcessOutput2();
        output._dto.error = error;
        return output;
      }
    };
    _ProcessOutput.getExitMessage = Fail2.formatExitMessage;
    _ProcessOutput.getErrorMessage = Fail2.formatErrorMessage;
    _ProcessOutput.getErrorDetails = Fail2.formatErrorDetails;
    _ProcessOutput.getExitCodeInfo = Fail2.getExitCodeInfo;
    var ProcessOutput2 = _ProcessOutput;
    var useBash2 = () => setShell("bash", false);
    var usePwsh2 = () => setShell("pwsh");
    var usePowerShell2 = () => setShell("powershell.exe");
    function setShell(n, ps3 = true) {
      $2.shell = import_vendor_core2.which.sync(n);
      $2.prefix = ps3 ? "" : "set -euo pipefail;";
      $2.postfix = ps3 ? "; exit $LastExitCode" : "";
      $2.quote = ps3 ? import_util.quotePowerShell : import_util.quote;
    }
    try {
      const { shell, prefix, postfix } = $2;
      useBash2();
      if ((0, import_util.isString)(shell)) $2.shell = shell;
      if ((0, import_util.isString)(prefix)) $2.prefix = prefix;
      if ((0, import_util.isString)(postfix)) $2.postfix = postfix;
    } catch (err) {
    }
    var cwdSyncHook;
    function syncProcessCwd2(flag = true) {
      cwdSyncHook = cwdSyncHook || (0, import_node_async_hooks.createHook)({
        init: syncCwd,
        before: syncCwd,
        promiseResolve: syncCwd,
        after: syncCwd,
        destroy: syncCwd
      });
      if (flag) cwdSyncHook.enable();
      else cwdSyncHook.disable();
    }
    function syncCwd() {
      if ($2[CWD] != import_node_process2.default.cwd()) import_node_process2.default.chdir($2[CWD]);
    }
    function cd2(dir) {
      if (dir instanceof ProcessOutput2) {
        dir = dir.toString().trim();
      }
      $2.log({ kind: "cd", dir, verbose: !$2.quiet && $2.verbose });
      import_node_process2.default.chdir(dir);
      $2[CWD] = import_node_process2.default.cwd();
    }
    function kill2(_0) {
      return __async(this, arguments, function* (pid, signal = $2.killSignal || SIGTERM) {
        if (typeof pid !== "number" && typeof pid !== "string" || !/^\d+$/.test(pid))
          throw new Fail2(`Invalid pid: ${pid}`);
        $2.log({ kind: "kill", pid, signal, verbose: !$2.quiet && $2.verbose });
        if (import_node_process2.default.platform === "win32" && (yield new Promise((resolve3) => {
          import_node_child_process2.default.exec(`taskkill /pid ${pid} /t /f`, (err) => resolve3(!err));
        })))
          return;
        for (const p of yield import_vendor_core2.ps.tree({ pid, recursive: true })) {
          try {
            import_node_process2.default.kill(+p.pid, signal);
          } catch (e) {
          }
        }
        try {
          import_node_process2.default.kill(-pid, signal);
        } catch (e) {
          try {
            import_node_process2.default.kill(+pid, signal);
          } catch (e2) {
          }
        }
      });
    }
    function resolveDefaults2(defs = defaults2, prefix = ENV_PREFIX, env = import_node_process2.default.env, allowed = ENV_OPTS) {
      return Object.entries(env).reduce((m, [k, v]) => {
        if (v && k.startsWith(prefix)) {
          const _k = (0, import_util.toCamelCase)(k.slice(prefix.length));
          const _v = (0, import_util.parseBool)(v);
          if (allowed.has(_k)) m[_k] = _v;
        }
        return m;
      }, defs);
    }
  }
});

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
      }, $2 = (e, t) => {
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
      }, _ = [[/^diff\s/, p], [/^new file mode (\d+)$/, $2], [/^deleted file mode (\d+)$/, N], [/^old mode (\d+)$/, x], [/^new mode (\d+)$/, F], [/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/, S], [/^---\s/, k], [/^\+\+\+\s/, y], [/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/, M], [/^\\ No newline at end of file$/, h]], v = [[/^\\ No newline at end of file$/, h], [/^-/, R], [/^\+/, b], [/^\s*/, g]], C = (e) => {
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

// src/config/cli-args.ts
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/budgets/sizes.ts
var SIZE_UNITS = {
  B: 1,
  KB: 1e3,
  MB: 1e3 ** 2,
  GB: 1e3 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3
};
var SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/;
function parseSize(text) {
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) return void 0;
  return Math.round(Number(match[1]) * (SIZE_UNITS[match[2]] ?? NaN));
}
var BINARY_STEPS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(bytes) {
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
  }
  if (step === 0) return `${sign}${value} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${BINARY_STEPS[step]}`;
}
function formatBytesDelta(bytes) {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
function percentChange(base, head) {
  if (base === 0) return head === 0 ? 0 : void 0;
  return (head - base) / Math.abs(base) * 100;
}
function formatPercent(percent) {
  if (percent === void 0) return "new";
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return "0 %";
  return `${percent > 0 ? "+" : ""}${rounded} %`;
}

// src/budgets/rules.ts
var BUDGET_METRICS = ["peak", "retained", "site"];
var BudgetSyntaxError = class extends Error {
  constructor(rule, detail) {
    super(`budget rule "${rule}": ${detail}`);
    this.rule = rule;
    this.name = "BudgetSyntaxError";
  }
  rule;
};
var ALLOWED_LIMITS = "a limit is +N% (relative growth), +N<unit> (absolute growth) or N<unit> (ceiling); units: B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024)";
function parseLimit(rule, text) {
  const percent = /^\+\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: "relative", percent: Number(percent[1]), text: `+${percent[1]}%` };
  if (text.startsWith("+")) {
    const bytes = parseSize(text.slice(1));
    if (bytes !== void 0) return { kind: "growth", bytes, text: text.replace(/\s+/g, "") };
  } else {
    const bytes = parseSize(text);
    if (bytes !== void 0) return { kind: "ceiling", bytes, text: text.replace(/\s+/g, "") };
  }
  throw new BudgetSyntaxError(rule, `"${text}" is not a limit; ${ALLOWED_LIMITS}`);
}
function parseBudgetRules(text) {
  const rules = [];
  for (const raw of text.split(/[;\n]/)) {
    const source = raw.trim();
    if (source === "" || source.startsWith("#")) continue;
    const colon = source.indexOf(":");
    if (colon < 0) {
      throw new BudgetSyntaxError(source, `expected "metric: limit", e.g. "peak: +5%"`);
    }
    const metric = source.slice(0, colon).trim();
    if (!BUDGET_METRICS.includes(metric)) {
      throw new BudgetSyntaxError(
        source,
        `unknown metric "${metric}"; metrics: ${BUDGET_METRICS.join(", ")}`
      );
    }
    const limitTexts = source.slice(colon + 1).split(",").map((part) => part.trim());
    if (limitTexts.some((part) => part === "")) {
      throw new BudgetSyntaxError(source, `missing limit; ${ALLOWED_LIMITS}`);
    }
    rules.push({
      metric,
      limits: limitTexts.map((limit) => parseLimit(source, limit)),
      source
    });
  }
  return rules;
}

// src/errors.ts
var ExitCode = {
  /** Within budget. */
  Ok: 0,
  /** A budget was exceeded (or the head benchmark failed: nothing to trust). */
  BudgetExceeded: 1,
  /** Bad flags, inputs or configuration. */
  Usage: 2,
  /** git or the benchmark could not be run. */
  Failure: 3
};
var UsageError = class extends Error {
  exitCode = ExitCode.Usage;
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var RunFailure = class extends Error {
  exitCode = ExitCode.Failure;
  constructor(message) {
    super(message);
    this.name = "RunFailure";
  }
};
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/config/settings.ts
var DEFAULTS = {
  python: "python3",
  frames: 1,
  key: "default"
};

// src/config/cli-args.ts
var CLI_HELP = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF --script PATH [options]

Runs PATH under tracemalloc in a checkout of REF (base) and of --head (default HEAD),
compares the allocations by source line, checks the budgets and prints the report.

Options:
  --base REF         base commit, branch or tag (required)
  --head REF         head commit, branch or tag (default: HEAD)
  --script PATH      the benchmark script (required)
  --setup CMD        shell command run in each checkout first, e.g. "pip install -e ."
  --budget RULES     budget rules, e.g. "peak: +5%; retained: +100KB"
                     metrics: peak, retained, site; limits: +N% (growth), +N<unit> (growth),
                     N<unit> (ceiling); units B, KB, MB, GB (1000^n), KiB, MiB, GiB (1024^n)
  --python EXE       Python interpreter (default: python3)
  --frames N         tracemalloc frames per traceback (default: 1)
  --repo DIR         the git repository (default: the current directory)
  --key KEY          report key, when several reports share a pull request (default: default)
  --json FILE        write the JSON report here (default: <tmp>/allocdiff/report.json)
  --markdown FILE    write the Markdown comment here (default: <tmp>/allocdiff/report.md)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 within budget, 1 budget exceeded, 2 usage or configuration error,
            3 benchmark or git failure (a side that raised, or could not be run).
`;
function parseCliArgs(argv, cwd = process.cwd()) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        script: { type: "string" },
        setup: { type: "string" },
        budget: { type: "string" },
        python: { type: "string" },
        frames: { type: "string" },
        repo: { type: "string" },
        key: { type: "string" },
        json: { type: "string" },
        markdown: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" }
      }
    });
  } catch (error) {
    throw new UsageError(`${error.message}
Run "allocdiff --help" for the options.`);
  }
  const values = parsed.values;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  if (!values.base)
    throw new UsageError("--base is required: the ref to compare against, e.g. --base main");
  if (!values.script)
    throw new UsageError(
      "--script is required: the benchmark file, e.g. --script benchmarks/memory.py"
    );
  let budgetRules;
  try {
    budgetRules = parseBudgetRules(values.budget ?? "");
  } catch (error) {
    if (error instanceof BudgetSyntaxError) throw new UsageError(`--budget: ${error.message}`);
    throw error;
  }
  const frames = values.frames === void 0 ? DEFAULTS.frames : Number(values.frames);
  if (!Number.isInteger(frames) || frames < 1) {
    throw new UsageError(`--frames must be a whole number \u2265 1, got "${values.frames}"`);
  }
  const repoDir = resolve(cwd, values.repo ?? ".");
  const script = relative(repoDir, resolve(cwd, values.script));
  const outDir = join(tmpdir(), "allocdiff");
  return {
    kind: "run",
    settings: {
      repoDir,
      base: values.base,
      head: values.head ?? "HEAD",
      script: script.split("\\").join("/"),
      setup: values.setup,
      budgetRules,
      python: values.python ?? DEFAULTS.python,
      frames,
      key: values.key ?? DEFAULTS.key,
      jsonPath: resolve(cwd, values.json ?? join(outDir, "report.json")),
      markdownPath: resolve(cwd, values.markdown ?? join(outDir, "report.md"))
    }
  };
}

// src/pipeline.ts
import { mkdir, realpath as realpath2, writeFile } from "node:fs/promises";
import { dirname as dirname2, relative as relative2, resolve as resolve2, sep } from "node:path";

// src/budgets/evaluate.ts
function excess(limit, value) {
  switch (limit.kind) {
    case "ceiling":
      return value.head - limit.bytes;
    case "growth":
      return value.head - value.base - limit.bytes;
    case "relative": {
      if (value.base === 0) return value.head > 0 ? Infinity : -Infinity;
      return ((value.head - value.base) * 100 - limit.percent * Math.abs(value.base)) / Math.abs(value.base);
    }
  }
}
function isOver(limit, value) {
  if (limit.kind !== "relative" || value.base === 0) return excess(limit, value) > 0;
  return (value.head - value.base) * 100 > limit.percent * Math.abs(value.base);
}
function describe(limit, value) {
  switch (limit.kind) {
    case "ceiling":
      return formatBytes(value.head);
    case "growth":
      return formatBytesDelta(value.head - value.base);
    case "relative":
      return formatPercent(percentChange(value.base, value.head));
  }
}
function siteName(site) {
  return `${site.file}:${site.line ?? site.baseLine ?? "?"}`;
}
function observations(metric, scenario) {
  if (scenario.status === "failed") return `the ${scenario.error?.side ?? ""} benchmark failed`;
  if (scenario.status === "removed") return "the scenario is gone on head";
  if (metric === "site") {
    return scenario.sites.filter((site) => site.line !== null).map((site) => ({ base: site.baseSize, head: site.headSize, site: siteName(site) }));
  }
  const measure2 = metric === "peak" ? scenario.peak : scenario.retained;
  if (measure2.head === null) return "no head measurement";
  return [{ base: measure2.base ?? 0, head: measure2.head }];
}
function evaluateLimit(rule, limit, scenario) {
  const base = { metric: rule.metric, scenario: scenario.name, limit: limit.text };
  const values = observations(rule.metric, scenario);
  if (typeof values === "string") return { ...base, actual: "\u2014", status: "skip", reason: values };
  if (scenario.status === "new" && limit.kind !== "ceiling") {
    return { ...base, actual: "\u2014", status: "skip", reason: "new scenario: no base to grow from" };
  }
  if (values.length === 0) return { ...base, actual: "no changed site", status: "pass" };
  let worst = values[0];
  for (const value of values) if (excess(limit, value) > excess(limit, worst)) worst = value;
  const result = {
    ...base,
    actual: describe(limit, worst),
    status: isOver(limit, worst) ? "fail" : "pass"
  };
  if (worst.site !== void 0) result.site = worst.site;
  return result;
}
function evaluateBudgets(comparison, rules) {
  return rules.flatMap(
    (rule) => rule.limits.flatMap(
      (limit) => comparison.scenarios.map((scenario) => evaluateLimit(rule, limit, scenario))
    )
  );
}
function decideVerdict(comparison, budgets) {
  if (budgets.some((b) => b.status === "fail")) return "fail";
  const failures = comparison.scenarios.filter((s) => s.status === "failed");
  if (failures.some((s) => s.error?.side === "head")) return "fail";
  if (failures.length > 0) return "warn";
  return "pass";
}

// src/capture/capture-side.ts
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, dirname, join as join2 } from "node:path";
import { fileURLToPath } from "node:url";

// src/capture/process.ts
import { spawn } from "node:child_process";
var TAIL_BYTES = 64 * 1024;
function runProcess(command, args, options) {
  return new Promise((resolve3) => {
    let tail = "";
    let spawnError;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"]
    });
    const collect = (data) => {
      const text = data.toString("utf8");
      options.onOutput(text);
      tail = (tail + text).slice(-TAIL_BYTES);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      spawnError = error;
    });
    child.on("close", (exitCode, signal) => {
      resolve3({ exitCode, signal, outputTail: tail, ...spawnError ? { spawnError } : {} });
    });
  });
}
function lastLines(text, count = 20) {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.slice(-count).join("\n");
}

// src/capture/snapshot.ts
var SNAPSHOT_SCHEMA = "allocdiff.snapshot/1";

// src/capture/capture-side.ts
function harnessDirectory() {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join2(here, "harness"), join2(here, "..", "..", "python")];
  const found = candidates.find((dir) => existsSync(join2(dir, "allocdiff_harness", "__main__.py")));
  if (!found)
    throw new Error(`the allocdiff Python harness is missing (looked in ${candidates.join(", ")})`);
  return found;
}
function failedSnapshot(scenario, error, frames) {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: "none" },
    python: { version: "", implementation: "" },
    platform: "",
    frames,
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
        sites: []
      }
    ],
    unmeasured: []
  };
}
function describeExit(what, result) {
  if (result.spawnError) return `${what} could not be started: ${result.spawnError.message}`;
  if (result.signal) return `${what} was killed by ${result.signal}`;
  return `${what} exited with code ${result.exitCode}`;
}
async function readSnapshot(path3) {
  const parsed = JSON.parse(await readFile(path3, "utf8"));
  if (parsed.schema !== SNAPSHOT_SCHEMA) {
    throw new Error(
      `snapshot ${path3} has schema ${JSON.stringify(parsed.schema)}, expected ${SNAPSHOT_SCHEMA}`
    );
  }
  if (!Array.isArray(parsed.scenarios)) throw new Error(`snapshot ${path3} has no scenarios`);
  return parsed;
}
async function captureSide(checkoutDir, options) {
  const { log: log2 } = options;
  if (!existsSync(join2(checkoutDir, options.script))) {
    log2.info(`${options.script} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.script, { type: "", message: "" }, options.frames),
      scenarios: []
    };
  }
  const output = (chunk) => log2.output(chunk);
  if (options.setup) {
    log2.info(`setup: ${options.setup}`);
    const setup = await runProcess("bash", ["-c", options.setup], {
      cwd: checkoutDir,
      env: options.env,
      onOutput: output
    });
    if (setup.exitCode !== 0) {
      return failedSnapshot(
        options.script,
        {
          type: "SetupFailed",
          message: describeExit("setup", setup),
          output: lastLines(setup.outputTail)
        },
        options.frames
      );
    }
  }
  const workDir = await mkdtemp(join2(tmpdir2(), "allocdiff-snapshot-"));
  const snapshotPath = join2(workDir, "snapshot.json");
  try {
    const harness = harnessDirectory();
    const env = {
      // Equal conditions on both sides: no .pyc from an earlier run (compiling counts in the
      // peak), and one hash seed (set order, dict layouts) unless the user chose one.
      PYTHONHASHSEED: "0",
      ...options.env,
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONPATH: [harness, options.env.PYTHONPATH].filter(Boolean).join(delimiter)
    };
    const args = [
      "-m",
      "allocdiff_harness",
      "--script",
      options.script,
      "--root",
      checkoutDir,
      "--out",
      snapshotPath,
      "--frames",
      String(options.frames)
    ];
    log2.info(`${options.python} ${options.script} under tracemalloc (frames: ${options.frames})`);
    const run = await runProcess(options.python, args, { cwd: checkoutDir, env, onOutput: output });
    if (run.exitCode !== 0 || !existsSync(snapshotPath)) {
      return failedSnapshot(
        options.script,
        {
          type: "HarnessFailed",
          message: describeExit(`${options.python} -m allocdiff_harness`, run),
          output: lastLines(run.outputTail)
        },
        options.frames
      );
    }
    const snapshot = await readSnapshot(snapshotPath);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === "failed" && scenario.error)
        scenario.error.output = lastLines(run.outputTail);
    }
    return snapshot;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// src/capture/environment.ts
var REMOVED_PREFIXES = ["INPUT_", "ACTIONS_", "STATE_"];
var REMOVED_NAMES = /* @__PURE__ */ new Set([
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_OUTPUT",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY"
]);
var SECRET_WORDS = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|AUTH/i;
function isSensitiveVariable(name) {
  const upper = name.toUpperCase();
  return REMOVED_PREFIXES.some((prefix) => upper.startsWith(prefix)) || REMOVED_NAMES.has(upper) || SECRET_WORDS.test(upper);
}
function benchmarkEnvironment(env) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !isSensitiveVariable(name)) clean[name] = value;
  }
  return clean;
}

// src/compare/compare.ts
function measure(base, head) {
  const b = base ?? null;
  const h = head ?? null;
  return { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
}
function siteKey(file, line) {
  return `${file}\0${line}`;
}
function contentKey(file, site) {
  if (site.text === void 0 || site.text === "") return void 0;
  return `${file}\0${site.function ?? ""}\0${site.text}`;
}
function compareSites(baseSites, headSites, lineMap) {
  const headByLine = /* @__PURE__ */ new Map();
  const headByContent = /* @__PURE__ */ new Map();
  for (const site of headSites) {
    headByLine.set(siteKey(site.file, site.line), site);
    const key = contentKey(site.file, site);
    if (key !== void 0) headByContent.set(key, [...headByContent.get(key) ?? [], site]);
  }
  const matchedHead = /* @__PURE__ */ new Set();
  const deltas = [];
  const unmapped = [];
  const pair2 = (base, head) => {
    const baseSize = base?.size ?? 0;
    const headSize = head?.size ?? 0;
    const baseCount = base?.count ?? 0;
    const headCount = head?.count ?? 0;
    if (baseSize === headSize && baseCount === headCount) return;
    const file = head?.file ?? lineMap.headPathOf(base.file) ?? base.file;
    const delta2 = {
      file,
      line: head?.line ?? null,
      baseLine: base?.line ?? null,
      function: head?.function ?? base?.function,
      text: head?.text ?? base?.text,
      sizeDelta: headSize - baseSize,
      countDelta: headCount - baseCount,
      baseSize,
      headSize,
      baseCount,
      headCount,
      changedLine: head ? lineMap.isChangedOnHead(head.file, head.line) : false
    };
    if (base && base.file !== file) delta2.baseFile = base.file;
    deltas.push(delta2);
  };
  for (const base of baseSites) {
    const mapped = lineMap.toHead(base.file, base.line);
    const head = mapped ? headByLine.get(siteKey(mapped.file, mapped.line)) : void 0;
    if (mapped && (head === void 0 || !matchedHead.has(head))) {
      if (head) matchedHead.add(head);
      pair2(base, head);
    } else {
      unmapped.push(base);
    }
  }
  for (const base of unmapped) {
    const headPath = lineMap.headPathOf(base.file);
    const key = headPath === void 0 ? void 0 : contentKey(headPath, base);
    const head = key === void 0 ? void 0 : headByContent.get(key)?.find((s) => !matchedHead.has(s));
    if (head) matchedHead.add(head);
    pair2(base, head);
  }
  for (const head of headSites) if (!matchedHead.has(head)) pair2(void 0, head);
  return deltas.sort(
    (a, b) => Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) || a.file.localeCompare(b.file) || (a.line ?? a.baseLine ?? 0) - (b.line ?? b.baseLine ?? 0)
  );
}
function compareScenario(name, base, head, lineMap) {
  const failed = [
    head?.status === "failed" ? { side: "head", scenario: head } : void 0,
    base?.status === "failed" ? { side: "base", scenario: base } : void 0
  ].find((entry) => entry !== void 0);
  const status = failed ? "failed" : !base ? "new" : !head ? "removed" : "ok";
  const comparison = {
    name,
    status,
    peak: measure(base?.peakBytes, head?.peakBytes),
    retained: measure(base?.retainedBytes, head?.retainedBytes),
    sites: compareSites(base?.sites ?? [], head?.sites ?? [], lineMap)
  };
  if (failed) {
    comparison.error = {
      side: failed.side,
      ...failed.scenario.error ?? { type: "Error", message: "the benchmark failed" }
    };
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

// src/report/escape.ts
var ZERO_WIDTH_SPACE = "\u200B";
var SPECIAL = /[&<>"'|`*_[\]()~#!\\{}$^]/g;
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function defuse(text) {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD").replace(SPECIAL, (ch) => `&#${ch.charCodeAt(0)};`).replace(/@/g, `@${ZERO_WIDTH_SPACE}`).replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`).replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`);
}
function escapeText(text, maxLength = 300) {
  const oneLine = text.replace(/\r?\n|\r/g, " ");
  const cut = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}\u2026` : oneLine;
  return defuse(cut);
}
function escapeCode(text, maxLength = 120) {
  return `<code>${escapeText(text, maxLength)}</code>`;
}
function escapeBlock(text, maxLines = 30) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept = lines.length > maxLines ? ["\u2026", ...lines.slice(-maxLines)] : lines;
  return `<pre>${kept.map((line) => defuse(line.slice(0, 500))).join("\n")}</pre>`;
}
function encodePath(path3) {
  return path3.replace(LONE_SURROGATE, "\uFFFD").split("/").map(
    (segment) => encodeURIComponent(segment).replace(
      /[()*!'~]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
    )
  ).join("/");
}

// src/report/markdown.ts
var COMMENT_LIMIT = 65536;
function commentMarker(key) {
  return `<!-- allocdiff:key=${encodeURIComponent(key)} -->`;
}
var VERDICT_ICON = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C" };
var STATUS_ICON = { pass: "\u2705", fail: "\u274C", skip: "\u2796" };
function shortSha(sha) {
  return sha.slice(0, 7);
}
function commitLink(report, sha) {
  const label = `<code>${escapeText(shortSha(sha))}</code>`;
  if (!report.repository || !report.serverUrl) return label;
  return `[${label}](${report.serverUrl}/${encodePath(report.repository)}/commit/${encodeURIComponent(sha)})`;
}
function siteLink(report, site) {
  const line = site.line ?? site.baseLine;
  const label = escapeCode(`${site.file}:${line ?? "?"}`, 200);
  if (site.line === null || !report.repository || !report.serverUrl) return label;
  const url = `${report.serverUrl}/${encodePath(report.repository)}/blob/${encodeURIComponent(report.head.sha)}/${encodePath(site.file)}#L${site.line}`;
  return `[${label}](${url})`;
}
function baseToHead(measure2) {
  const base = measure2.base === null ? "\u2014" : formatBytes(measure2.base);
  const head = measure2.head === null ? "\u2014" : formatBytes(measure2.head);
  return `${base} \u2192 ${head}`;
}
function deltaCell(measure2) {
  return measure2.delta === null ? "\u2014" : formatBytesDelta(measure2.delta);
}
function percentCell(measure2) {
  if (measure2.base === null || measure2.head === null) return "\u2014";
  return formatPercent(percentChange(measure2.base, measure2.head));
}
function scenarioStatus(scenario, budgets) {
  if (scenario.status === "failed") return `\u274C ${scenario.error?.side} failed`;
  if (scenario.status === "new") return "\u{1F195} new";
  if (scenario.status === "removed") return "\u{1F5D1}\uFE0F removed";
  const own = budgets.filter((b) => b.scenario === scenario.name);
  if (own.some((b) => b.status === "fail")) return "\u274C over budget";
  return own.some((b) => b.status === "pass") ? "\u2705 within budget" : "\u2705";
}
function verdictLine(report) {
  const icon = VERDICT_ICON[report.verdict];
  const failedBudget = report.budgets.find((b) => b.status === "fail");
  if (failedBudget) {
    const subject = failedBudget.metric === "site" ? `a site (${failedBudget.site})` : `${failedBudget.metric} memory`;
    return `${icon} **Over budget:** ${escapeText(subject)} of ${escapeCode(failedBudget.scenario)} changed by ${failedBudget.actual}, over the ${failedBudget.limit} budget.`;
  }
  const failedScenario = report.scenarios.find((s) => s.status === "failed");
  if (failedScenario) {
    return `${icon} **The ${failedScenario.error?.side} benchmark failed:** ${escapeCode(failedScenario.name)} raised ${escapeCode(failedScenario.error?.type ?? "an error")}.`;
  }
  const changed = report.scenarios.filter((s) => s.sites.length > 0 || (s.peak.delta ?? 0) !== 0);
  if (changed.length === 0) return `${icon} **No memory change.**`;
  const budgetNote = report.budgets.length > 0 ? " All budgets hold." : "";
  return `${icon} **Memory changed** in ${changed.length} of ${report.scenarios.length} scenario${report.scenarios.length === 1 ? "" : "s"}.${budgetNote}`;
}
function scenarioTable(report) {
  return [
    "| Scenario | Peak (base \u2192 head) | \u0394 peak | % | Retained (base \u2192 head) | \u0394 retained | % | Status |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...report.scenarios.map(
      (s) => `| ${escapeCode(s.name)} | ${baseToHead(s.peak)} | ${deltaCell(s.peak)} | ${percentCell(s.peak)} | ${baseToHead(s.retained)} | ${deltaCell(s.retained)} | ${percentCell(s.retained)} | ${scenarioStatus(s, report.budgets)} |`
    )
  ];
}
function siteRow(report, site) {
  const where = `${siteLink(report, site)}${site.changedLine ? " \u270F\uFE0F" : ""}`;
  const fn = site.function ? escapeCode(site.function) : "";
  const text = site.text ? escapeCode(site.text) : "";
  const count = site.countDelta > 0 ? `+${site.countDelta}` : `${site.countDelta}`;
  return `| ${where} | ${fn} | ${text} | ${formatBytesDelta(site.sizeDelta)} | ${count} | ${formatBytes(site.headSize)} |`;
}
function sitesSection(report, scenario, top) {
  if (scenario.sites.length === 0) return [];
  const shown = scenario.sites.slice(0, top);
  const rest = scenario.sites.length - shown.length;
  if (shown.length === 0) {
    return [
      "",
      `<sub>${rest} changed site${rest === 1 ? "" : "s"} of ${escapeCode(scenario.name)} in the JSON report.</sub>`
    ];
  }
  return [
    "",
    `#### Changed allocation sites \xB7 ${escapeCode(scenario.name)}`,
    "",
    "| Site | Function | Source | \u0394 size | \u0394 count | Head size |",
    "| --- | --- | --- | ---: | ---: | ---: |",
    ...shown.map((site) => siteRow(report, site)),
    ...rest > 0 ? ["", `<sub>${rest} more changed site${rest === 1 ? "" : "s"} in the JSON report.</sub>`] : []
  ];
}
function failureSection(scenario) {
  if (!scenario.error) return [];
  const details = [scenario.error.traceback, scenario.error.output].filter(Boolean).join("\n");
  return [
    "",
    `<details><summary>\u274C ${escapeText(scenario.error.side)} side of ${escapeCode(scenario.name)}: ${escapeCode(scenario.error.type)} ${escapeText(scenario.error.message, 200)}</summary>`,
    "",
    details ? escapeBlock(details) : "<pre>(no output)</pre>",
    "",
    "</details>"
  ];
}
function budgetSection(budgets) {
  if (budgets.length === 0) return [];
  return [
    "",
    "#### Budgets",
    "",
    "| Rule | Scenario | Limit | Actual | Status |",
    "| --- | --- | ---: | ---: | --- |",
    ...budgets.map(
      (b) => `| ${b.metric} | ${escapeCode(b.scenario)} | ${b.limit} | ${b.actual}${b.site ? ` at ${escapeCode(b.site)}` : ""} | ${STATUS_ICON[b.status]} ${b.status}${b.reason ? ` (${escapeText(b.reason)})` : ""} |`
    )
  ];
}
function render(report, top) {
  const env = report.environment;
  const lines = [
    commentMarker(report.key),
    `### allocdiff${report.key === "default" ? "" : ` \xB7 ${escapeText(report.key)}`}`,
    "",
    verdictLine(report),
    "",
    `Base ${commitLink(report, report.base.sha)} \u2192 head ${commitLink(report, report.head.sha)}` + (env.python ? ` \xB7 Python ${escapeText(env.python)}` : "") + ` \xB7 tracemalloc frames: ${env.frames}`,
    "",
    ...scenarioTable(report),
    ...report.scenarios.flatMap((s) => [...failureSection(s), ...sitesSection(report, s, top)]),
    ...budgetSection(report.budgets),
    "",
    `<sub>\u270F\uFE0F marks a line this change edited. Sizes are bytes still allocated when the benchmark ends (retained) and the high-water mark while it ran (peak), as traced by tracemalloc. allocdiff ${escapeText(report.allocdiffVersion)}</sub>`,
    ""
  ];
  return lines.join("\n");
}
function renderMarkdown(report, options = {}) {
  const maxLength = options.maxLength ?? COMMENT_LIMIT - 1e3;
  let top = options.topSites ?? 10;
  let text = render(report, top);
  while (text.length > maxLength && top > 0) {
    top = Math.floor(top / 2);
    text = render(report, top);
  }
  if (text.length > maxLength) {
    const note = "\n\n<sub>Report truncated: the full report is in the JSON report and the job summary.</sub>\n";
    const cut = text.lastIndexOf("\n", maxLength - note.length);
    text = text.slice(0, Math.max(cut, 0)) + note;
  }
  return text;
}

// src/report/report.ts
var REPORT_SCHEMA = "allocdiff.report/1";
function buildReport(input) {
  const { comparison, ...rest } = input;
  return { schema: REPORT_SCHEMA, ...rest, scenarios: comparison.scenarios };
}

// node_modules/zx/build/deno.js
import { createRequire } from "node:module";
import * as process2 from "node:process";
if (globalThis.Deno) {
  globalThis.require = createRequire(import.meta.url);
  globalThis.__filename = new URL(import.meta.url).pathname;
  globalThis.__dirname = new URL(".", import.meta.url).pathname;
  globalThis.module = new Proxy({}, { set() {
    return true;
  } });
  const p = globalThis.process = globalThis.process || process2;
  p.version || (p.version = "v18.0.0");
  p.version || (p.version = { node: "18.0.0" });
  p.env || (p.env = globalThis.Deno.env.toObject());
  p.argv || (p.argv = [globalThis.Deno.execPath(), globalThis.Deno.mainModule.replace("file://", ""), ...globalThis.Deno.args]);
}

// node_modules/zx/build/core.js
var __module__ = __toESM(require_core(), 1);
var {
  $,
  Fail,
  ProcessOutput,
  ProcessPromise,
  bus: bus2,
  cd,
  chalk: chalk2,
  defaults,
  kill,
  log,
  os,
  path: path2,
  ps: ps2,
  quote: quote2,
  quotePowerShell: quotePowerShell2,
  resolveDefaults,
  syncProcessCwd,
  useBash,
  usePowerShell,
  usePwsh,
  which: which2,
  within
} = globalThis.Deno ? globalThis.require("./core.cjs") : __module__;

// src/sides/git.ts
var Git = class {
  constructor(repoDir) {
    this.repoDir = repoDir;
  }
  repoDir;
  async run(args) {
    const result = await $({ cwd: this.repoDir, quiet: true, nothrow: true })`git ${args}`;
    if (result.exitCode !== 0) {
      throw new RunFailure(
        `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`
      );
    }
    return result.stdout;
  }
  /** The commit a ref names, or undefined when this clone does not have it. */
  async commitOf(ref) {
    const result = await $({
      cwd: this.repoDir,
      quiet: true,
      nothrow: true
    })`git rev-parse --verify --quiet ${`${ref}^{commit}`}`;
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  async topLevel() {
    return (await this.run(["rev-parse", "--show-toplevel"])).trim();
  }
  /** Tries to fetch one commit from `origin`; false when there is no origin or it refuses. */
  async tryFetch(sha) {
    const result = await $({
      cwd: this.repoDir,
      quiet: true,
      nothrow: true
    })`git fetch --quiet --no-tags origin ${sha}`;
    return result.exitCode === 0;
  }
  async addWorktree(path3, sha) {
    await this.run(["worktree", "add", "--quiet", "--detach", "--force", path3, sha]);
  }
  async removeWorktree(path3) {
    await this.run(["worktree", "remove", "--force", path3]);
  }
  async pruneWorktrees() {
    await this.run(["worktree", "prune"]);
  }
  /** `git diff -M` with no context lines: the input of the line map. */
  async diff(base, head) {
    return this.run([
      "-c",
      "core.quotePath=false",
      "diff",
      "-M",
      "--unified=0",
      "--no-color",
      "--no-ext-diff",
      base,
      head
    ]);
  }
};

// src/sides/line-map.ts
var import_parse_diff = __toESM(require_parse_diff(), 1);
var LineMap = class _LineMap {
  changes = /* @__PURE__ */ new Map();
  addedLines = /* @__PURE__ */ new Map();
  static fromUnifiedDiff(diffText) {
    const map = new _LineMap();
    for (const file of (0, import_parse_diff.default)(diffText)) {
      const headPath = file.deleted ? void 0 : file.to;
      const basePath = file.new ? void 0 : file.from;
      const hunks = file.chunks.map((chunk) => ({
        oldStart: chunk.oldStart,
        oldLines: chunk.oldLines,
        newLines: chunk.newLines
      })).sort((a, b) => a.oldStart - b.oldStart);
      if (basePath !== void 0) map.changes.set(basePath, { headPath, hunks });
      if (headPath !== void 0) {
        const added = /* @__PURE__ */ new Set();
        for (const chunk of file.chunks) {
          for (const change of chunk.changes) if (change.type === "add") added.add(change.ln);
        }
        map.addedLines.set(headPath, added);
      }
    }
    return map;
  }
  /** The head position of a base line; undefined when the line was changed or removed. */
  toHead(file, line) {
    const change = this.changes.get(file);
    if (!change) return { file, line };
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
    return { file: change.headPath, line: line + shift };
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
};

// src/sides/resolve.ts
async function resolveCommit(git, ref, side) {
  const found = await git.commitOf(ref);
  if (found) return found;
  if (/^[0-9a-f]{40}$/i.test(ref) && await git.tryFetch(ref)) {
    const fetched = await git.commitOf(ref);
    if (fetched) return fetched;
  }
  throw new RunFailure(
    `the ${side} commit "${ref}" is not in this clone (${git.repoDir}). In a workflow, check out with actions/checkout and \`fetch-depth: 0\` so that the base and head commits are both fetched; locally, fetch the branch or check the ref name.`
  );
}

// src/sides/worktrees.ts
import { mkdtemp as mkdtemp2, realpath, rm as rm2 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join3 } from "node:path";
async function checkoutSides(git, baseSha, headSha, tempRoot = process.env.RUNNER_TEMP || tmpdir3()) {
  const root = await mkdtemp2(join3(await realpath(tempRoot), "allocdiff-"));
  const baseDir = join3(root, "base");
  const headDir = join3(root, "head");
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    for (const dir of [baseDir, headDir]) {
      await git.removeWorktree(dir).catch(() => void 0);
    }
    await rm2(root, { recursive: true, force: true });
    await git.pruneWorktrees().catch(() => void 0);
  };
  try {
    await git.addWorktree(baseDir, baseSha);
    await git.addWorktree(headDir, headSha);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { baseDir, headDir, dispose };
}

// src/version.ts
var VERSION = "0.1.0";

// src/pipeline.ts
async function runAllocdiff(settings, log2) {
  const git = new Git(settings.repoDir);
  const script = relative2(
    await git.topLevel(),
    resolve2(await realpath2(settings.repoDir), settings.script)
  ).split(sep).join("/");
  const { baseSha, headSha } = await log2.group("Resolving base and head", async () => {
    const baseSha2 = await resolveCommit(git, settings.base, "base");
    const headSha2 = await resolveCommit(git, settings.head, "head");
    log2.info(`base ${settings.base} = ${baseSha2}`);
    log2.info(`head ${settings.head} = ${headSha2}`);
    return { baseSha: baseSha2, headSha: headSha2 };
  });
  const lineMap = LineMap.fromUnifiedDiff(await git.diff(baseSha, headSha));
  const sides = await checkoutSides(git, baseSha, headSha);
  try {
    const env = benchmarkEnvironment(process.env);
    const options = {
      python: settings.python,
      script,
      setup: settings.setup,
      frames: settings.frames,
      env,
      log: log2
    };
    const base = await log2.group(
      `Measuring base ${baseSha.slice(0, 7)}`,
      () => captureSide(sides.baseDir, options)
    );
    const head = await log2.group(
      `Measuring head ${headSha.slice(0, 7)}`,
      () => captureSide(sides.headDir, options)
    );
    if (base.scenarios.length === 0 && head.scenarios.length === 0) {
      throw new UsageError(
        `script "${script}" exists in neither the base nor the head commit (the path is relative to the repository root)`
      );
    }
    const comparison = compareSnapshots(base, head, lineMap);
    const budgets = evaluateBudgets(comparison, settings.budgetRules);
    const measured = head.scenarios.length > 0 && head.python.version ? head : base;
    const report = buildReport({
      allocdiffVersion: VERSION,
      key: settings.key,
      verdict: decideVerdict(comparison, budgets),
      ...settings.repository ? { repository: settings.repository } : {},
      ...settings.serverUrl ? { serverUrl: settings.serverUrl } : {},
      ...settings.pullRequest !== void 0 ? { pullRequest: settings.pullRequest } : {},
      base: { sha: baseSha, ref: settings.base },
      head: { sha: headSha, ref: settings.head },
      environment: {
        python: measured.python.version || void 0,
        implementation: measured.python.implementation || void 0,
        platform: measured.platform || void 0,
        frames: settings.frames
      },
      comparison,
      budgets
    });
    const markdown = renderMarkdown(report);
    await writeOutputs(settings, report, markdown);
    return { report, markdown };
  } finally {
    await sides.dispose();
  }
}
async function writeOutputs(settings, report, markdown) {
  for (const [path3, content] of [
    [settings.jsonPath, `${JSON.stringify(report, null, 2)}
`],
    [settings.markdownPath, markdown]
  ]) {
    await mkdir(dirname2(path3), { recursive: true });
    await writeFile(path3, content);
  }
}

// src/report/terminal.ts
var VERDICT_TEXT = {
  pass: "PASS: within budget",
  warn: "WARN: the base side could not be measured; nothing to compare against",
  fail: "FAIL: a budget was exceeded or the head benchmark failed"
};
function table(rows, align) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map(
    (row) => row.map(
      (cell, column) => align[column] === "r" ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
    ).join("  ").trimEnd()
  );
}
function pair(measure2) {
  const show = (value) => value === null ? "-" : formatBytes(value);
  return `${show(measure2.base)} -> ${show(measure2.head)}`;
}
function delta(measure2) {
  if (measure2.delta === null || measure2.base === null || measure2.head === null) return "-";
  return `${formatBytesDelta(measure2.delta)} (${formatPercent(percentChange(measure2.base, measure2.head))})`;
}
function renderTerminal(report, topSites = 10) {
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> head ${report.head.sha.slice(0, 7)}`,
    "",
    ...table(
      [
        ["scenario", "peak", "peak change", "retained", "retained change", "status"],
        ...report.scenarios.map((s) => [
          s.name,
          pair(s.peak),
          delta(s.peak),
          pair(s.retained),
          delta(s.retained),
          s.status
        ])
      ],
      "lrrrrl"
    )
  ];
  for (const scenario of report.scenarios) {
    if (scenario.error) {
      lines.push(
        "",
        `${scenario.name}: the ${scenario.error.side} side failed: ${scenario.error.type}: ${scenario.error.message}`
      );
      const detail = scenario.error.output || scenario.error.traceback;
      if (detail) lines.push(...detail.split("\n").map((l) => `  | ${l}`));
    }
    if (scenario.sites.length === 0) continue;
    lines.push("", `changed sites in ${scenario.name}:`);
    lines.push(
      ...table(
        [
          ["site", "size change", "count", "head size", "function", "source"],
          ...scenario.sites.slice(0, topSites).map((site) => [
            `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? " *" : ""}`,
            formatBytesDelta(site.sizeDelta),
            site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
            formatBytes(site.headSize),
            site.function ?? "",
            (site.text ?? "").slice(0, 60)
          ])
        ],
        "lrrrll"
      ).map((line) => `  ${line}`)
    );
    if (scenario.sites.length > topSites)
      lines.push(`  \u2026 ${scenario.sites.length - topSites} more in the JSON report`);
  }
  if (report.budgets.length > 0) {
    lines.push("", "budgets:");
    lines.push(
      ...table(
        [
          ["rule", "scenario", "limit", "actual", "status"],
          ...report.budgets.map((b) => [
            b.metric,
            b.scenario,
            b.limit,
            b.site ? `${b.actual} at ${b.site}` : b.actual,
            b.status
          ])
        ],
        "llrrl"
      ).map((line) => `  ${line}`)
    );
  }
  lines.push("", VERDICT_TEXT[report.verdict], "");
  return lines.join("\n");
}

// src/cli.ts
var terminalLogger = {
  async group(title, body) {
    process.stderr.write(`\u2500\u2500 ${title}
`);
    return body();
  },
  info: (message) => process.stderr.write(`   ${message}
`),
  warning: (message) => process.stderr.write(`warning: ${message}
`),
  output: (chunk) => process.stderr.write(chunk)
};
function exitCodeOf(report) {
  if (report.budgets.some((budget) => budget.status === "fail")) return ExitCode.BudgetExceeded;
  if (report.scenarios.some((scenario) => scenario.status === "failed")) return ExitCode.Failure;
  return ExitCode.Ok;
}
async function main(argv) {
  try {
    const command = parseCliArgs(argv);
    if (command.kind === "help") {
      process.stdout.write(CLI_HELP);
      return ExitCode.Ok;
    }
    if (command.kind === "version") {
      process.stdout.write(`${VERSION}
`);
      return ExitCode.Ok;
    }
    const { settings } = command;
    const { report } = await runAllocdiff(settings, terminalLogger);
    process.stdout.write(renderTerminal(report));
    process.stderr.write(`JSON report: ${settings.jsonPath}
Markdown: ${settings.markdownPath}
`);
    return exitCodeOf(report);
  } catch (error) {
    process.stderr.write(`allocdiff: ${errorMessage(error)}
`);
    const code = error.exitCode;
    return typeof code === "number" ? code : ExitCode.Failure;
  }
}
process.exitCode = await main(process.argv.slice(2));
