import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-NJVAXLWD.js";
import "./chunk-43ABCK76.js";
import "./chunk-VNMO4L2L.js";
import "./chunk-AL23LGGS.js";
import "./chunk-O7PTBBFO.js";
import "./chunk-OALGAIKW.js";
import "./chunk-PJ3PMK7A.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-5OGCWHWR.js";
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
