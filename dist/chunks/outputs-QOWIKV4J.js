import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-SXKLRQ23.js";
import "./chunk-WWWJIJJ2.js";
import "./chunk-CNQ5VFUE.js";
import "./chunk-AG4ZHWQW.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
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
