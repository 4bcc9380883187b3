import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-3KTYWGGF.js";
import "./chunk-2L6T7FNC.js";
import "./chunk-FWWRQLDK.js";
import "./chunk-QIMWHM5R.js";
import "./chunk-DREFSQFF.js";
import "./chunk-Z7OENXUW.js";
import "./chunk-DJ3AICVX.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-L6AECDK3.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-B272OHU5.js";
import "./chunk-RN36H25A.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
