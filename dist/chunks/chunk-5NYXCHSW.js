import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  resolveCommit
} from "./chunk-LGNNVJAC.js";
import {
  checkBudgets,
  decideVerdict,
  globMatcher
} from "./chunk-URD37MCX.js";
import {
  RunFailure,
  UsageError
} from "./chunk-6A4WJZKA.js";
import {
  renderMarkdown,
  renderSummary,
  verdictReason
} from "./chunk-J2J2AYJ2.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  percentChange
} from "./chunk-TO6ZUV73.js";
import {
  buildReport
} from "./chunk-TV7HWJ2H.js";
import {
  VERSION
} from "./chunk-4243Q66V.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-LIVUQ6E7.js";

// node_modules/zx/build/esblib.cjs
var require_esblib = __commonJS({
  "node_modules/zx/build/esblib.cjs"(exports, module) {
    var __create = Object.create;
    var __defProp = Object.defineProperty;
    var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
    var __getOwnPropNames = Object.getOwnPropertyNames;
    var __getProtoOf = Object.getPrototypeOf;
    var __hasOwnProp = Object.prototype.hasOwnProperty;
    var __export = (target, all) => {
      for (var name in all)
        __defProp(target, name, { get: all[name], enumerable: true });
    };
    var __copyProps = (to, from, except, desc) => {
      if (from && typeof from === "object" || typeof from === "function") {
        for (let key of __getOwnPropNames(from))
          if (!__hasOwnProp.call(to, key) && key !== except)
            __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
      }
      return to;
    };
    var __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
      // If the importer is in node compatibility mode or this is not an ESM
      // file that has been converted to a CommonJS file using a Babel-
      // compatible transform (i.e. "__esModule" has not been set), then set
      // "default" to the CommonJS "module.exports" for node compatibility.
      isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
      mod
    ));
    var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
    var __async = (__this, __arguments, generator) => {
      return new Promise((resolve2, reject) => {
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
        var step = (x2) => x2.done ? resolve2(x2.value) : Promise.resolve(x2.value).then(fulfilled, rejected);
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
    var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
    var __spreadValues = (a, b) => {
      for (var prop in b || (b = {}))
        if (__hasOwnProp.call(b, prop))
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
            value: new __await(new Promise((resolve2) => {
              var x2 = obj[k2](v2);
              if (!(x2 instanceof Object)) __typeError("Object expected");
              resolve2(x2);
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
    var __reExport = (target, mod, secondTarget) => (__copyProps(target, mod, "default"), secondTarget && __copyProps(secondTarget, mod, "default"));
    var __commonJS2 = (cb, mod) => function __require2() {
      return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
    };
    var __esm = (fn, res) => function __init() {
      return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
    };
    var __accessCheck = (obj, member, msg) => member.has(obj) || __typeError("Cannot " + msg);
    var __privateGet = (obj, member, getter) => (__accessCheck(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
    var __privateAdd = (obj, member, value) => member.has(obj) ? __typeError("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
    var __privateSet = (obj, member, value, setter) => (__accessCheck(obj, member, "write to private field"), setter ? setter.call(obj, value) : member.set(obj, value), value);
    module.exports = {
      __create,
      __defProp,
      __getOwnPropDesc,
      __getOwnPropNames,
      __getProtoOf,
      __hasOwnProp,
      __export,
      __copyProps,
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
      __create,
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
        var { join: join4, delimiter: delimiter3, sep: sep2, posix } = __require("path");
        var isWindows = process.platform === "win32";
        var rSlash = new RegExp(`[${posix.sep}${sep2 === posix.sep ? "" : sep2}]`.replace(/(\\)/g, "\\$1"));
        var rRel = new RegExp(`^\\.${rSlash.source}`);
        var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
        var getPathInfo = (cmd, {
          path: optPath = process.env.PATH,
          pathExt: optPathExt = process.env.PATHEXT,
          delimiter: optDelimiter = delimiter3
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
    var import_node_os6 = __toESM2(__require("os"), 1);
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
        const osRelease = import_node_os6.default.release().split(".");
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
    var import_node_fs3 = __toESM2(__require("fs"), 1);
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
        if (!import_node_fs3.default.existsSync(f)) return false;
        const stat = import_node_fs3.default.lstatSync(f);
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
      const { promise, resolve: resolve2, reject } = pFactory();
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
        resolve2(result);
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
      const { promise, resolve: resolve2, reject } = makeDeferred();
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
            resolve2(pid);
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
        resolve2(pid);
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
      let resolve2;
      let reject;
      const promise = new Promise((res, rej) => {
        resolve2 = res;
        reject = rej;
      });
      return { resolve: resolve2, reject, promise };
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
    var getLines = (chunk, next, delimiter3) => {
      const lines = ((next.pop() || "") + bufToString(chunk)).split(delimiter3);
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
    var import_node_buffer2 = __require("buffer");
    var import_node_child_process2 = __toESM2(__require("child_process"), 1);
    var import_node_events = __require("events");
    var import_node_fs3 = __toESM2(__require("fs"), 1);
    var import_node_os6 = __require("os");
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
    var import_node_util = __require("util");
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
        const init = entry.init ? " " + (0, import_node_util.inspect)(entry.init) : "";
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
    var EOL = import_node_buffer2.Buffer.from(import_node_os6.EOL);
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
        let resolve2;
        let reject;
        super((...args) => {
          ;
          [resolve2 = import_util.noop, reject = import_util.noop] = args;
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
          this._resolve = resolve2;
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
      lines(delimiter3) {
        return this.then((o) => o.lines(delimiter3));
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
          return this._pipe(source, import_node_fs3.default.createWriteStream(dest));
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
        return import_node_buffer2.Buffer.from(this.stdall);
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
      lines(delimiter3) {
        return (0, import_util.iteratorToArray)(this[Symbol.iterator](delimiter3));
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
        if (import_node_process2.default.platform === "win32" && (yield new Promise((resolve2) => {
          import_node_child_process2.default.exec(`taskkill /pid ${pid} /t /f`, (err) => resolve2(!err));
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

// src/pipeline.ts
import { mkdir as mkdir2, realpath as realpath2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname2, relative, resolve, sep } from "node:path";

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

// src/capture/capture-side.ts
import { isAscii } from "node:buffer";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// src/capture/merge-repeats.ts
function siteKey(site) {
  return `${site.file}\0${site.line}`;
}
var allEqual = (values) => values.every((v) => v === values[0]);
function mergeScenario(runs) {
  const [first] = runs;
  const failed2 = runs.find((run) => run.status === "failed");
  if (failed2) return failed2;
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
function spreadSideFailure(side, other) {
  const [failure] = side.scenarios;
  const wholeSide = side.harness.version === "none" && side.scenarios.length === 1;
  if (!wholeSide || failure.status !== "failed") return side;
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

// src/capture/process.ts
import { spawn } from "node:child_process";
var TAIL_BYTES = 64 * 1024;
var CLOSE_GRACE_MS = 2e3;
function killGroup(pid) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
  }
}
function runProcess(command, args, options) {
  return new Promise((resolve2) => {
    let tail = "";
    let spawnError;
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32"
    });
    const collect = (data) => {
      const text = data.toString("utf8");
      options.onOutput(text);
      tail = (tail + text).slice(-TAIL_BYTES);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const remaining = options.deadline === void 0 ? void 0 : options.deadline - Date.now();
    const timer = remaining === void 0 ? void 0 : setTimeout(
      () => {
        timedOut = true;
        killGroup(child.pid);
      },
      Math.max(0, remaining)
    );
    let grace;
    const finish = (exitCode, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      resolve2({
        exitCode,
        signal,
        outputTail: tail,
        ...spawnError ? { spawnError } : {},
        ...timedOut ? { timedOut: true } : {}
      });
    };
    child.on("error", (error) => {
      spawnError = error;
      if (child.pid === void 0) finish(null, null);
    });
    child.on("exit", (exitCode, signal) => {
      killGroup(child.pid);
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, signal);
      }, CLOSE_GRACE_MS);
    });
    child.on("close", (exitCode, signal) => finish(exitCode, signal));
  });
}
function lastLines(text, count = 20) {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.slice(-count).join("\n");
}

// src/capture/address-randomization.ts
import { tmpdir } from "node:os";
var randomizationProbe;
function canTurnOffAddressRandomization(env) {
  randomizationProbe ??= runProcess("setarch", ["-R", "true"], {
    cwd: tmpdir(),
    env,
    onOutput: () => void 0
  }).then((result) => result.exitCode === 0 && result.signal === null && !result.spawnError);
  return randomizationProbe;
}
var RANDOM_ADDRESSES = {
  what: "exact peaks",
  why: "address space randomisation could not be turned off here (setarch -R), so whole-process peaks may differ by a few hundred bytes between identical runs"
};

// src/capture/snapshot.ts
var SNAPSHOT_SCHEMA = "allocdiff.snapshot/3";
var NO_STRING = -1;

// src/capture/decode.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function decodeSnapshot(document, what) {
  if (!isObject(document)) throw new Error(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new Error(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} (the harness and the action come from different allocdiff versions)`
    );
  }
  if (!Array.isArray(document.scenarios)) throw new Error(`${what} has no scenarios`);
  const raw = document;
  const strings = Array.isArray(raw.strings) ? raw.strings : [];
  const text = (index, key) => {
    const value = strings[index];
    if (typeof value !== "string")
      throw new Error(`${what}: ${key} refers to string ${index}, not in its string table`);
    return value;
  };
  const location = (encoded) => {
    const target = encoded;
    target.file = text(encoded.file, "file");
    if (encoded.text !== void 0) target.text = text(encoded.text, "text");
    if (encoded.function !== void 0) target.function = text(encoded.function, "function");
  };
  const siteList = (table2, key) => {
    if (!isObject(table2) || !Array.isArray(table2.line))
      throw new Error(`${what}: ${key} is not a table of site columns`);
    const { file, line, text: texts, function: functions, size, count } = table2;
    const rows = line.length;
    const columns = { file, text: texts, function: functions, size, count };
    for (const [name, column] of Object.entries(columns)) {
      if (!Array.isArray(column) || column.length !== rows)
        throw new Error(`${what}: ${key}.${name} does not have one entry per site (${rows})`);
    }
    const sites = new Array(rows);
    for (let row = 0; row < rows; row += 1) {
      const textIndex = texts[row];
      const functionIndex = functions[row];
      sites[row] = {
        file: text(file[row], "file"),
        line: line[row],
        text: textIndex === NO_STRING ? void 0 : text(textIndex, "text"),
        function: functionIndex === NO_STRING ? void 0 : text(functionIndex, "function"),
        size: size[row],
        count: count[row]
      };
    }
    const at = (row, field) => {
      const site = sites[row];
      if (site === void 0)
        throw new Error(`${what}: ${key}.${field} names site ${row} of ${rows}`);
      return site;
    };
    for (const field of ["repeats", "tracebacks"]) {
      if (table2[field] !== void 0 && !Array.isArray(table2[field]))
        throw new Error(`${what}: ${key}.${field} is not a list of [row, \u2026] entries`);
    }
    for (const [row, sizes, counts] of table2.repeats ?? []) {
      const site = at(row, "repeats");
      site.sizes = sizes;
      site.counts = counts;
    }
    for (const [row, tracebacks] of table2.tracebacks ?? []) {
      for (const traceback of tracebacks) for (const frame of traceback.frames) location(frame);
      at(row, "tracebacks").tracebacks = tracebacks;
    }
    return sites;
  };
  const scenario = (rawScenario) => {
    const decoded = rawScenario;
    decoded.repeats ??= [];
    decoded.sites = siteList(rawScenario.sites, `scenario ${rawScenario.name} sites`);
    if (rawScenario.peak)
      decoded.peak.sites = siteList(
        rawScenario.peak.sites,
        `scenario ${rawScenario.name} peak sites`
      );
    for (const site of rawScenario.leak?.sites ?? []) location(site);
    return decoded;
  };
  const { scenarios, ...envelope } = raw;
  return {
    schema: envelope.schema,
    harness: envelope.harness,
    python: envelope.python,
    platform: envelope.platform,
    frames: envelope.frames,
    repeats: envelope.repeats ?? 1,
    iterations: envelope.iterations ?? 0,
    timings: envelope.timings ?? { setupSeconds: 0, totalSeconds: 0 },
    unmeasured: envelope.unmeasured ?? [],
    scenarios: scenarios.map(scenario)
  };
}

// src/capture/capture-side.ts
function harnessDirectory() {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, "harness"),
    join(here, "..", "harness"),
    join(here, "..", "..", "python")
  ];
  const found = candidates.find((dir) => existsSync(join(dir, "allocdiff_harness", "__main__.py")));
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
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
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
    ],
    unmeasured: []
  };
}
function formatMinutes(minutes) {
  return `${Number(minutes.toPrecision(6))} min`;
}
function describeExit(what, result, timeoutMinutes) {
  if (result.timedOut)
    return `${what} timed out after ${formatMinutes(timeoutMinutes ?? 0)} and was killed`;
  if (result.spawnError) return `${what} could not be started: ${result.spawnError.message}`;
  if (result.signal) return `${what} was killed by ${result.signal}`;
  return `${what} exited with code ${result.exitCode}`;
}
async function readSnapshot(path3) {
  let parsed;
  try {
    const bytes = readFileSync(path3);
    parsed = JSON.parse(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
  } catch (error) {
    throw new Error(`snapshot ${path3} is not valid JSON: ${error.message}`);
  }
  return decodeSnapshot(parsed, `snapshot ${path3}`);
}
var DEFAULT_TIMEOUT_MINUTES = 30;
async function runHarness(checkoutDir, options, args, deadline) {
  const workDir = await mkdtemp(join(tmpdir2(), "allocdiff-snapshot-"));
  const snapshotPath = join(workDir, "snapshot.json");
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
    const fixedAddresses = await canTurnOffAddressRandomization(options.env);
    const harnessArgs = [
      "-m",
      "allocdiff_harness",
      "--script",
      options.script,
      "--root",
      checkoutDir,
      "--out",
      snapshotPath,
      ...args
    ];
    const run = await runProcess(
      fixedAddresses ? "setarch" : options.python,
      fixedAddresses ? ["-R", options.python, ...harnessArgs] : harnessArgs,
      {
        cwd: checkoutDir,
        env,
        onOutput: (chunk) => options.log.output(chunk),
        deadline
      }
    );
    const output = lastLines(run.outputTail);
    if (run.exitCode !== 0 || !existsSync(snapshotPath)) {
      const what = `${options.python} -m allocdiff_harness`;
      return {
        output,
        failure: {
          type: run.timedOut ? "TimedOut" : "HarnessFailed",
          message: describeExit(what, run, options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES),
          output
        }
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === "failed" && scenario.error) scenario.error.output = output;
    }
    return { snapshot, output };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
async function captureSide(checkoutDir, options) {
  const { log: log2 } = options;
  if (!existsSync(join(checkoutDir, options.script))) {
    log2.info(`${options.script} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.script, { type: "", message: "" }, options.frames),
      scenarios: []
    };
  }
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 6e4;
  const failed2 = (error) => failedSnapshot(options.script, error, options.frames);
  if (options.setup) {
    log2.info(`setup: ${options.setup}`);
    const setup = await runProcess("bash", ["-c", options.setup], {
      cwd: checkoutDir,
      env: options.env,
      onOutput: (chunk) => log2.output(chunk),
      deadline
    });
    if (setup.exitCode !== 0) {
      return failed2({
        type: setup.timedOut ? "TimedOut" : "SetupFailed",
        message: describeExit("setup", setup, timeoutMinutes),
        output: lastLines(setup.outputTail)
      });
    }
  }
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const objectTypes = options.objectTypes ?? true;
  log2.info(
    `${options.python} ${options.script} under tracemalloc (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ""})`
  );
  const measuring = ["--frames", "1", "--repeats", String(repeats)];
  const first = await runHarness(
    checkoutDir,
    options,
    [
      ...measuring,
      ...iterations > 0 ? ["--iterations", String(iterations)] : [],
      ...objectTypes ? [] : ["--no-object-types"]
    ],
    deadline
  );
  if (!first.snapshot) return failed2(first.failure);
  let snapshot = first.snapshot;
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === "script");
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === "ok")) {
    const runs = [snapshot];
    for (let index = 2; index <= repeats; index += 1) {
      log2.info(`repeat ${index} of ${repeats} (a new process)`);
      const run = await runHarness(
        checkoutDir,
        options,
        [...measuring, "--no-object-types"],
        deadline
      );
      if (!run.snapshot) return failed2(run.failure);
      runs.push(run.snapshot);
    }
    if (objectTypes) {
      const counted = snapshot;
      snapshot = mergeProcessRepeats(runs.slice(1));
      for (const scenario of snapshot.scenarios) {
        const types = counted.scenarios.find((s) => s.name === scenario.name)?.objectTypes;
        if (types) scenario.objectTypes = types;
      }
    } else {
      snapshot = mergeProcessRepeats(runs);
    }
  }
  if (options.peakSites && snapshot.scenarios.some((scenario) => scenario.status === "ok")) {
    log2.info("finding the sites at the peak (a hooked run)");
    const script = snapshot.scenarios.find((scenario) => scenario.kind === "script");
    const target = script ? Math.max(1, ...script.repeats.map((r) => r.peakBytes)) : void 0;
    const run = await runHarness(
      checkoutDir,
      options,
      [
        "--frames",
        "1",
        "--repeats",
        "1",
        "--peak-sites",
        "--no-object-types",
        ...target !== void 0 ? ["--peak-target", String(target)] : []
      ],
      deadline
    );
    if (!run.snapshot) return failed2(run.failure);
    for (const scenario of snapshot.scenarios) {
      const peak = run.snapshot.scenarios.find((s) => s.name === scenario.name)?.peak;
      if (peak) scenario.peak = peak;
    }
  }
  return snapshot;
}
async function captureTracebacks(checkoutDir, options, sites) {
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 6e4;
  const workDir = await mkdtemp(join(tmpdir2(), "allocdiff-sites-"));
  try {
    const sitesFile = join(workDir, "sites.txt");
    await writeFile(sitesFile, `${sites.join("\n")}
`);
    options.log.info(
      `tracebacks of ${sites.length} changed site${sites.length === 1 ? "" : "s"} (frames: ${options.frames})`
    );
    const run = await runHarness(
      checkoutDir,
      options,
      [
        "--frames",
        String(options.frames),
        "--repeats",
        "1",
        "--no-object-types",
        "--traceback-sites",
        sitesFile
      ],
      deadline
    );
    if (!run.snapshot) {
      options.log.warning(`no tracebacks: ${run.failure?.message ?? "the traced run failed"}`);
      return void 0;
    }
    return run.snapshot;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// src/capture/command.ts
import { existsSync as existsSync2 } from "node:fs";
import { mkdir, mkdtemp as mkdtemp2, rm as rm2 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { delimiter as delimiter2, join as join2 } from "node:path";
function failed(result) {
  return result.exitCode !== 0 || result.signal !== null || result.spawnError !== void 0;
}
async function captureCommandSide(checkoutDir, options) {
  const { log: log2 } = options;
  const cwd = join2(checkoutDir, options.workingDirectory);
  if (!existsSync2(cwd)) {
    log2.info(`${options.workingDirectory} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.command, { type: "", message: "" }, options.frames),
      scenarios: []
    };
  }
  const output = (chunk) => log2.output(chunk);
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 6e4;
  const ended = (what, result) => describeExit(what, result, timeoutMinutes);
  if (options.setup) {
    log2.info(`setup: ${options.setup}`);
    const setup = await runProcess("bash", ["-c", options.setup], {
      cwd: checkoutDir,
      env: options.env,
      onOutput: output,
      deadline
    });
    if (failed(setup)) {
      return failedSnapshot(
        options.command,
        {
          type: setup.timedOut ? "TimedOut" : "SetupFailed",
          message: ended("setup", setup),
          output: lastLines(setup.outputTail)
        },
        options.frames
      );
    }
  }
  const workDir = await mkdtemp2(join2(tmpdir3(), "allocdiff-command-"));
  const partials = join2(workDir, "processes");
  const snapshotPath = join2(workDir, "snapshot.json");
  try {
    await mkdir(partials);
    const harness = harnessDirectory();
    const inject = join2(harness, "allocdiff_harness", "inject");
    const env = {
      // As for a script: one hash seed unless the user chose one, and no .pyc from an
      // earlier run (compiling counts in the peak).
      PYTHONHASHSEED: "0",
      ...options.env,
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONPATH: [inject, options.env.PYTHONPATH].filter(Boolean).join(delimiter2),
      ALLOCDIFF_COMMAND_DIR: partials,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_FRAMES: String(options.frames)
    };
    log2.info(
      `${options.command} with every Python process under tracemalloc (frames: ${options.frames})`
    );
    const fixedAddresses = await canTurnOffAddressRandomization(options.env);
    const run = fixedAddresses ? await runProcess("setarch", ["-R", "bash", "-c", options.command], {
      cwd,
      env,
      onOutput: output,
      deadline
    }) : await runProcess("bash", ["-c", options.command], {
      cwd,
      env,
      onOutput: output,
      deadline
    });
    const merge = await runProcess(
      options.python,
      [
        "-m",
        "allocdiff_harness.aggregate",
        "--dir",
        partials,
        "--root",
        checkoutDir,
        "--out",
        snapshotPath,
        "--frames",
        String(options.frames)
      ],
      {
        cwd: checkoutDir,
        env: { ...options.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: harness },
        onOutput: output,
        // What the processes measured before a timeout is still merged and shown.
        deadline: Math.max(deadline, Date.now() + 6e4)
      }
    );
    if (failed(merge) || !existsSync2(snapshotPath)) {
      return failedSnapshot(
        options.command,
        {
          type: "HarnessFailed",
          message: ended(`${options.python} -m allocdiff_harness.aggregate`, merge),
          output: lastLines(`${run.outputTail}${merge.outputTail}`)
        },
        options.frames
      );
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const note of snapshot.unmeasured) log2.info(`not measured: ${note.what}: ${note.why}`);
    const tail = lastLines(run.outputTail);
    const failures = snapshot.scenarios.filter((scenario) => scenario.status === "failed");
    for (const scenario of failures) if (scenario.error) scenario.error.output = tail;
    if (failed(run) && failures.length === 0) {
      const { scenarios } = failedSnapshot(
        options.command,
        {
          type: run.timedOut ? "TimedOut" : "CommandFailed",
          message: ended("the command", run),
          output: tail
        },
        options.frames
      );
      snapshot.scenarios.push(...scenarios);
    }
    return snapshot;
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
function nothingMeasuredMessage(command, base, head) {
  const notes = [...head.unmeasured, ...base.unmeasured].map((note) => `${note.what}: ${note.why}`);
  return `command "${command}" measured nothing on either side: it started no Python process that allocdiff could measure (Python 3.9+, started with the environment it was given, not with -S, -I or -E)${notes.length > 0 ? `; ${[...new Set(notes)].join("; ")}` : ""}`;
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

// src/capture/measure-sides.ts
import { availableParallelism } from "node:os";
function sequentialReason(options) {
  if (options.parallel === false) return "parallel sides are turned off";
  const cores = options.cores ?? availableParallelism();
  if (cores < 2) return "this machine has one core";
  if (options.setup && options.parallel !== true)
    return "setup may change the Python environment both sides share (set parallel: true if it does not)";
  return void 0;
}
var BUFFERED_OUTPUT_LIMIT = 1024 * 1024;
var BufferedLogger = class {
  entries = [];
  outputBytes = 0;
  droppedBytes = 0;
  group(_title, body) {
    return body();
  }
  info(message) {
    this.entries.push({ kind: "info", text: message });
  }
  warning(message) {
    this.entries.push({ kind: "warning", text: message });
  }
  output(chunk) {
    this.entries.push({ kind: "output", text: chunk });
    this.outputBytes += chunk.length;
    while (this.outputBytes > BUFFERED_OUTPUT_LIMIT) {
      const index = this.entries.findIndex((entry) => entry.kind === "output");
      if (index < 0) break;
      const [dropped] = this.entries.splice(index, 1);
      this.outputBytes -= dropped.text.length;
      this.droppedBytes += dropped.text.length;
    }
  }
  replay(log2) {
    if (this.droppedBytes > 0)
      log2.info(
        `(the first ${this.droppedBytes} characters of the benchmark's output are left out)`
      );
    for (const entry of this.entries) {
      if (entry.kind === "info") log2.info(entry.text);
      else if (entry.kind === "warning") log2.warning(entry.text);
      else log2.output(entry.text);
    }
  }
};
async function onBothSides(log2, title, measure2, sequential) {
  if (sequential !== void 0) {
    const base2 = await log2.group(title("base"), () => measure2("base", log2));
    const head2 = await log2.group(title("head"), () => measure2("head", log2));
    return { base: base2, head: head2 };
  }
  const buffers = { base: new BufferedLogger(), head: new BufferedLogger() };
  const both = `${title("base")} and ${title("head").replace(/^.*? (?=head\b)/, "")}, at the same time`;
  const [base, head] = await log2.group(both, async () => {
    const settled = await Promise.allSettled([
      measure2("base", buffers.base),
      measure2("head", buffers.head)
    ]);
    for (const side of ["base", "head"]) {
      log2.info(`${title(side)}:`);
      buffers[side].replay(log2);
    }
    return settled;
  });
  if (base.status === "rejected") throw base.reason;
  if (head.status === "rejected") throw head.reason;
  return { base: base.value, head: head.value };
}
var PEAK_TOLERANCE_BYTES = 1024;
function sidesAgree(comparison) {
  return comparison.scenarios.length > 0 && comparison.scenarios.every(
    (s) => s.status === "ok" && Math.abs(s.peak.delta ?? Infinity) <= PEAK_TOLERANCE_BYTES && s.retained.delta === 0 && s.retainedCount.delta === 0 && (s.leak === void 0 || s.leak.delta === 0) && s.sites.length === 0
  );
}

// src/compare/noise.ts
function minimumRepeats(kind) {
  return kind === "function" ? 3 : 2;
}
function spreadOf(values, kind) {
  const compared = kind === "function" ? values.slice(1) : values;
  const noisy = compared.length >= 2 && compared.some((value) => value !== compared[0]);
  if (!noisy) return { noisy: false };
  return { noisy: true, range: [Math.min(...values), Math.max(...values)] };
}
var STEADY = Object.freeze({ noisy: false });
function siteSpread(site, kind) {
  if (site.sizes === void 0 && site.counts === void 0) return STEADY;
  const sizes = spreadOf(site.sizes ?? [site.size], kind);
  if (sizes.noisy) return sizes;
  const counts = spreadOf(site.counts ?? [site.count], kind);
  return counts.noisy ? { noisy: true, range: [site.size, site.size] } : sizes;
}
function totalSpread(scenario, total) {
  return spreadOf(
    scenario.repeats.map((repeat) => repeat[total]),
    scenario.kind
  );
}
function isDeterministic(scenario) {
  if (scenario.status !== "ok" || scenario.repeats.length < minimumRepeats(scenario.kind))
    return void 0;
  const totals = ["peakBytes", "retainedBytes", "retainedCount"];
  return totals.every((total) => !totalSpread(scenario, total).noisy) && scenario.sites.every((site) => !siteSpread(site, scenario.kind).noisy);
}

// src/compare/scenario-details.ts
var MAX_OBJECT_TYPES = 200;
var MAX_PEAK_SITES = 50;
function leakMeasure(base, head) {
  if (!base?.leak && !head?.leak) return void 0;
  const b = base?.leak ? Math.round(base.leak.bytesPerCall) : null;
  const h = head?.leak ? Math.round(head.leak.bytesPerCall) : null;
  return { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
}
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
  const peakSites = {
    sites: compareSites(sites(base), sites(head), lineMap, { keepUnchanged: true }).sort((a, b) => b.headSize - a.headSize || b.baseSize - a.baseSize).slice(0, MAX_PEAK_SITES)
  };
  if (base?.peak) peakSites.base = { bytes: base.peak.bytes, peakBytes: base.peak.peakBytes };
  if (head?.peak) peakSites.head = { bytes: head.peak.bytes, peakBytes: head.peak.peakBytes };
  return peakSites;
}

// src/compare/compare.ts
function measure(base, head) {
  const b = base ?? null;
  const h = head ?? null;
  return { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
}
function contentKey(site) {
  if (site.text === void 0 || site.text === "") return void 0;
  return `${site.function ?? ""}\0${site.text}`;
}
function byFileAndLine(sites) {
  const files = /* @__PURE__ */ new Map();
  let lines;
  let lastFile;
  for (let index = 0; index < sites.length; index += 1) {
    const site = sites[index];
    if (site.file !== lastFile) {
      lastFile = site.file;
      lines = files.get(site.file);
      if (!lines) files.set(site.file, lines = /* @__PURE__ */ new Map());
    }
    lines.set(site.line, index);
  }
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
  const pair2 = (base, head) => {
    const baseSize = base?.size ?? 0;
    const headSize = head?.size ?? 0;
    const baseCount = base?.count ?? 0;
    const headCount = head?.count ?? 0;
    if (baseSize === headSize && baseCount === headCount && !options.keepUnchanged) return;
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
    const baseSpread = base && options.baseKind ? siteSpread(base, options.baseKind) : void 0;
    const headSpread = head && options.headKind ? siteSpread(head, options.headKind) : void 0;
    if (baseSpread?.range) delta2.baseRange = baseSpread.range;
    if (headSpread?.range) delta2.headRange = headSpread.range;
    if (baseSpread?.noisy || headSpread?.noisy) delta2.noisy = true;
    deltas.push(delta2);
  };
  const pairWithHead = (base, position) => {
    matchedHead[position] = 1;
    pair2(base, headSites[position]);
  };
  for (const base of baseSites) {
    const headLine = lineMap.lineOnHead(base.file, base.line);
    const position = headLine === void 0 ? void 0 : headByLine.get(lineMap.headPathOf(base.file))?.get(headLine);
    if (headLine === void 0 || position !== void 0 && matchedHead[position]) {
      unmapped.push(base);
    } else if (position === void 0) {
      pair2(base, void 0);
    } else {
      pairWithHead(base, position);
    }
  }
  for (const base of unmapped) {
    const headPath = lineMap.headPathOf(base.file);
    const key = headPath === void 0 ? void 0 : contentKey(base);
    const position = key === void 0 ? void 0 : headByContent(headPath).get(key)?.find((candidate) => !matchedHead[candidate]);
    if (position === void 0) pair2(base, void 0);
    else pairWithHead(base, position);
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
function totalMeasure(base, head, total) {
  const result = measure(base?.[total], head?.[total]);
  const baseSpread = base?.status === "ok" ? totalSpread(base, total) : void 0;
  const headSpread = head?.status === "ok" ? totalSpread(head, total) : void 0;
  if (baseSpread?.noisy || headSpread?.noisy) result.noisy = true;
  if (baseSpread?.range) result.baseRange = baseSpread.range;
  if (headSpread?.range) result.headRange = headSpread.range;
  return result;
}
function deterministicOf(base, head) {
  const sides = [base, head].filter((side) => side !== void 0).map(isDeterministic);
  if (sides.length === 0 || sides.includes(void 0)) return void 0;
  return sides.every(Boolean);
}
function compareScenario(name, base, head, lineMap) {
  const failed2 = [
    head?.status === "failed" ? { side: "head", scenario: head } : void 0,
    base?.status === "failed" ? { side: "base", scenario: base } : void 0
  ].find((entry) => entry !== void 0);
  const status = failed2 ? "failed" : !base ? "new" : !head ? "removed" : "ok";
  const comparison = {
    name,
    status,
    kind: (head ?? base)?.kind ?? "script",
    repeats: { base: base?.repeats.length ?? 0, head: head?.repeats.length ?? 0 },
    peak: totalMeasure(base, head, "peakBytes"),
    retained: totalMeasure(base, head, "retainedBytes"),
    retainedCount: totalMeasure(base, head, "retainedCount"),
    sites: compareSites(base?.sites ?? [], head?.sites ?? [], lineMap, {
      ...base ? { baseKind: base.kind } : {},
      ...head ? { headKind: head.kind } : {}
    })
  };
  const deterministic = failed2 ? void 0 : deterministicOf(base, head);
  if (deterministic !== void 0) comparison.deterministic = deterministic;
  const leak = leakMeasure(base, head);
  if (leak) comparison.leak = leak;
  const leakSites = leakSiteDeltas(base, head, lineMap);
  if (leakSites) comparison.leakSites = leakSites;
  const objectTypes = objectTypeDeltas(base, head);
  if (objectTypes) comparison.objectTypes = objectTypes;
  const peakSites = peakSiteDeltas(base, head, lineMap);
  if (peakSites) comparison.peakSites = peakSites;
  if (failed2) {
    comparison.error = {
      side: failed2.side,
      ...failed2.scenario.error ?? { type: "Error", message: "the benchmark failed" }
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

// src/compare/tracebacks.ts
var TRACED_SITES_PER_SCENARIO = 10;
function baseName(site) {
  return site.baseLine === null ? void 0 : `${site.baseFile ?? site.file}:${site.baseLine}`;
}
function headName(site) {
  return site.line === null ? void 0 : `${site.file}:${site.line}`;
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

// src/sides/worktrees.ts
import { mkdtemp as mkdtemp3, realpath, rm as rm3 } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join3 } from "node:path";
async function checkoutSides(git, baseSha, headSha, tempRoot = process.env.RUNNER_TEMP || tmpdir4()) {
  const root = await mkdtemp3(join3(await realpath(tempRoot), "allocdiff-"));
  const baseDir = join3(root, "base");
  const headDir = join3(root, "head");
  let disposing;
  const dispose = () => disposing ??= (async () => {
    for (const dir of [baseDir, headDir]) {
      await git.removeWorktree(dir).catch(() => void 0);
    }
    await rm3(root, { recursive: true, force: true });
    await git.pruneWorktrees().catch(() => void 0);
  })();
  try {
    await git.addWorktree(baseDir, baseSha);
    await git.addWorktree(headDir, headSha);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { baseDir, headDir, dispose };
}

// src/pipeline.ts
function summaryPathOf(markdownPath) {
  return markdownPath.endsWith(".md") ? `${markdownPath.slice(0, -3)}.summary.md` : `${markdownPath}.summary.md`;
}
async function runAllocdiff(settings, log2) {
  if (settings.configFile) log2.info(`configuration: ${settings.configFile}`);
  const git = new Git(settings.repoDir);
  const topLevel = await git.topLevel();
  const projectDir = await realpath2(settings.repoDir);
  const fromRoot = (path3) => relative(topLevel, resolve(projectDir, path3)).split(sep).join("/");
  const script = fromRoot(settings.script ?? ".");
  const { baseSha, headSha } = await log2.group("Resolving base and head", async () => {
    const baseSha2 = await resolveCommit(git, settings.base, "base");
    const headSha2 = await resolveCommit(git, settings.head, "head");
    log2.info(`base ${settings.base} = ${baseSha2}`);
    log2.info(`head ${settings.head} = ${headSha2}`);
    return { baseSha: baseSha2, headSha: headSha2 };
  });
  const checkingOut = checkoutSides(git, baseSha, headSha);
  checkingOut.catch(() => void 0);
  let diffText;
  try {
    diffText = await git.diff(baseSha, headSha);
  } catch (error) {
    await checkingOut.then((sides2) => sides2.dispose()).catch(() => void 0);
    throw error;
  }
  const sides = await checkingOut;
  const lineMap = LineMap.fromUnifiedDiff(diffText);
  try {
    const env = benchmarkEnvironment(process.env);
    const options = {
      python: settings.python,
      script,
      setup: settings.setup,
      frames: settings.frames,
      repeats: settings.repeats,
      iterations: settings.iterations,
      timeoutMinutes: settings.timeoutMinutes,
      peakSites: settings.peakSites,
      objectTypes: settings.objectTypes,
      env,
      log: log2
    };
    const { command } = settings;
    const capture = (dir, sideOptions) => command === void 0 ? captureSide(dir, sideOptions) : captureCommandSide(dir, { ...sideOptions, command, workingDirectory: script });
    const dirs = { base: sides.baseDir, head: sides.headDir };
    const shas = { base: baseSha, head: headSha };
    const sequential = sequentialReason({ setup: settings.setup, parallel: settings.parallel });
    log2.info(
      sequential === void 0 ? "base and head are measured at the same time, on different cores" : `base and head are measured one after the other: ${sequential}`
    );
    const deep = settings.repeats > 1 || settings.objectTypes || settings.peakSites;
    const measureAll = (title, sideOptions) => onBothSides(
      log2,
      (side) => `${title} ${side} ${shas[side].slice(0, 7)}`,
      (side, sideLog) => capture(dirs[side], { ...sideOptions, log: sideLog }),
      sequential
    );
    let { base, head } = await measureAll(
      "Measuring",
      deep ? { ...options, repeats: 1, objectTypes: false, peakSites: false } : options
    );
    let repeatsUsed = deep ? 1 : settings.repeats;
    let agreed;
    if (deep) {
      const first = compareSnapshots(base, head, lineMap);
      if (sidesAgree(first)) {
        agreed = first;
        log2.info(
          "base and head measured the same in a first run each: no repeats, object counts or peak sites needed"
        );
      } else {
        ({ base, head } = await measureAll(
          `Measuring in depth (repeats: ${settings.repeats})`,
          options
        ));
        repeatsUsed = settings.repeats;
      }
    }
    if (command !== void 0 && base.scenarios.length === 0 && head.scenarios.length === 0) {
      throw new UsageError(nothingMeasuredMessage(command, base, head));
    }
    const measuredBase = base;
    base = spreadSideFailure(measuredBase, head);
    head = spreadSideFailure(head, measuredBase);
    if (base.scenarios.length === 0 && head.scenarios.length === 0) {
      throw new UsageError(
        `script "${script}" exists in neither the base nor the head commit (the path is relative to the repository root)`
      );
    }
    const { comparison, dropped: ignoredSites } = withoutIgnoredSites(
      agreed ?? compareSnapshots(base, head, lineMap),
      settings.ignore
    );
    if (settings.frames > 1) {
      const targets = tracebackTargets(comparison);
      const wanted = (side) => side === "base" ? targets.base : targets.head;
      const none = { base: void 0, head: void 0 };
      const traced = targets.base.length + targets.head.length === 0 ? none : await onBothSides(
        log2,
        (side) => `Tracebacks on ${side} ${shas[side].slice(0, 7)}`,
        (side, sideLog) => wanted(side).length > 0 ? captureTracebacks(dirs[side], { ...options, log: sideLog }, wanted(side)) : Promise.resolve(void 0),
        sequential
      );
      attachTracebacks(comparison, traced);
    }
    sides.dispose().catch(() => void 0);
    const { results: budgets, warnings } = checkBudgets(comparison, settings.budgets);
    for (const warning of warnings) log2.warning(warning);
    const shown = withoutSmallSites(comparison, settings.minimumChange);
    const measured = head.scenarios.length > 0 && head.python.version ? head : base;
    const report = buildReport({
      allocdiffVersion: VERSION,
      key: settings.key,
      verdict: decideVerdict(comparison, budgets, warnings),
      ...settings.repository ? { repository: settings.repository } : {},
      ...settings.serverUrl ? { serverUrl: settings.serverUrl } : {},
      ...settings.pullRequest !== void 0 ? { pullRequest: settings.pullRequest } : {},
      base: { sha: baseSha, ref: settings.base },
      head: { sha: headSha, ref: settings.head },
      environment: {
        python: measured.python.version || void 0,
        implementation: measured.python.implementation || void 0,
        platform: measured.platform || void 0,
        frames: settings.frames,
        repeats: repeatsUsed,
        iterations: settings.iterations
      },
      comparison: shown.comparison,
      budgets,
      warnings,
      ...settings.configFile ? { configFile: settings.configFile } : {},
      hiddenSites: {
        ignored: ignoredSites,
        belowMinimumChange: shown.dropped,
        minimumChange: settings.minimumChange
      }
    });
    const markdown = renderMarkdown(report, { topSites: settings.topSites });
    const summary = renderSummary(report, settings.topSites);
    await writeReportFiles(settings, report, markdown, summary);
    return { report, markdown, summary };
  } finally {
    await sides.dispose();
  }
}
async function writeReportFiles(paths, report, markdown, summary) {
  for (const [path3, content] of [
    [paths.jsonPath, `${JSON.stringify(report, null, 2)}
`],
    [paths.markdownPath, markdown],
    [summaryPathOf(paths.markdownPath), summary]
  ]) {
    await mkdir2(dirname2(path3), { recursive: true });
    await writeFile2(path3, content);
  }
}

// src/report/terminal.ts
var VERDICT_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
var STYLE = {
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
function table(rows, align, paint) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row, rowIndex) => {
    const cells = row.map(
      (cell, column) => align[column] === "r" ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
    );
    const last = cells.length - 1;
    cells[last] = cells[last].trimEnd();
    const styled = paint ? cells.map((cell, column) => {
      const style = rowIndex === 0 ? "bold" : paint(row[column], rowIndex, column);
      return style && cell.trim() ? `\x1B[${STYLE[style]}m${cell}\x1B[0m` : cell;
    }) : cells;
    return styled.join("  ").trimEnd();
  });
}
function grew(site) {
  return site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0;
}
function pair(measure2) {
  const show = (value) => value === null ? "-" : formatBytes(value);
  return `${show(measure2.base)} -> ${show(measure2.head)}`;
}
function delta(measure2) {
  if (measure2.delta === null || measure2.base === null || measure2.head === null) return "-";
  return `${formatBytesDelta(measure2.delta)} (${formatPercent(percentChange(measure2.base, measure2.head))})`;
}
function renderTerminal(report, topSites = 10, options = {}) {
  const color = options.color === true;
  const paint = (fn) => color ? fn : void 0;
  const styled = (style, text) => color ? `\x1B[${STYLE[style]}m${text}\x1B[0m` : text;
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
          [
            s.status,
            s.deterministic === false ? "noisy" : "",
            s.leak?.head ? `leak ${formatBytes(s.leak.head)}/call` : ""
          ].filter(Boolean).join(", ")
        ])
      ],
      "lrrrrl",
      paint(
        (cell, _row, column) => column === 2 || column === 4 ? changeStyle(cell) : column === 5 ? STATUS_STYLE[cell] : void 0
      )
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
    const grown = scenario.sites.filter(grew).slice(0, topSites);
    const shrunk = scenario.sites.filter((site) => !grew(site)).slice(0, topSites);
    const listed = /* @__PURE__ */ new Set([...grown, ...shrunk]);
    const shown = scenario.sites.filter((site) => listed.has(site));
    lines.push("", `changed sites in ${scenario.name}:`);
    lines.push(
      ...table(
        [
          ["site", "size change", "count", "head size", "function", "source"],
          ...shown.map((site) => [
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
    if (scenario.sites.length > shown.length)
      lines.push(`  \u2026 ${scenario.sites.length - shown.length} more in the JSON report`);
  }
  if (report.hiddenSites) {
    const hidden = report.hiddenSites;
    lines.push(
      "",
      `not shown: ${hidden.ignored} site(s) matching an ignore glob, ${hidden.belowMinimumChange} changed by less than ${formatBytes(hidden.minimumChange)}`
    );
  }
  if (report.budgets.length > 0) {
    lines.push("", "budgets:");
    lines.push(
      ...table(
        [
          ["rule", "scenario", "limit", "actual", "level", "status"],
          ...report.budgets.map((b) => [
            b.metric,
            b.scenario,
            b.limit,
            b.site ? `${b.actual} at ${b.site}` : b.actual,
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
  const verdictStyle = { pass: "boldGreen", warn: "boldYellow", fail: "boldRed" };
  lines.push(
    "",
    `${styled(verdictStyle[report.verdict], VERDICT_WORD[report.verdict])}: ${verdictReason(report)}`,
    ""
  );
  return lines.join("\n");
}

export {
  Git,
  summaryPathOf,
  runAllocdiff,
  writeReportFiles,
  renderTerminal
};
