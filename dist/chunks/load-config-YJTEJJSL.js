import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-KAEVC35I.js";
import "./chunk-7LUFGCUF.js";
import "./chunk-JZLTMQGM.js";
import "./chunk-ZOHWMFHP.js";
import "./chunk-GJ6L4QLD.js";
import "./chunk-JMATLFJW.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-Q6O3J5TU.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-I74BVKXL.js";
import "./chunk-L6KKFVHH.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
