import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  htmlPathOf,
  outputPaths,
  renderOptions,
  summaryPathOf,
  writeOutputs
} from "./chunk-ZTPIMO4U.js";
import "./chunk-5KFDXYFN.js";
import "./chunk-PW7F7LXZ.js";
import "./chunk-Q2LZ7SOB.js";
import "./chunk-JZLTMQGM.js";
import "./chunk-GJ6L4QLD.js";
import "./chunk-JMATLFJW.js";
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
