import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-GGHSFZFW.js";
import "./chunk-MKIQCCZ2.js";
import "./chunk-P52JOWKN.js";
import "./chunk-TY2LBMRD.js";
import "./chunk-63FFEWDN.js";
import "./chunk-R5Q7LZNI.js";
import "./chunk-BVUDAMDK.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-ZAFJCKPJ.js";
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
