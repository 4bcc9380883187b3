import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-R6QWQJ6P.js";
import "./chunk-EQQQJ2OO.js";
import "./chunk-STSBP3ES.js";
import "./chunk-ZYIWFBTV.js";
import "./chunk-WHJMU45D.js";
import "./chunk-6STEDEHE.js";
import "./chunk-3AQJPQXB.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-I74BVKXL.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
};
