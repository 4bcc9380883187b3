import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-62WGYLFK.js";
import "./chunk-NMIZWKLF.js";
import "./chunk-QXO7J6HS.js";
import "./chunk-ZSYO253V.js";
import "./chunk-PIMZEEJA.js";
import "./chunk-7H23MQGR.js";
import "./chunk-VBW7ANZR.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
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
