import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-FZULRION.js";
import "./chunk-OSDZUSAB.js";
import "./chunk-JK4XMIUX.js";
import "./chunk-4DD6O22E.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-N6JLUKSL.js";
import "./chunk-NNKZAOQK.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-RASPKPMO.js";
import "./chunk-53YQGEQT.js";
import "./chunk-RN36H25A.js";
import "./chunk-RHQTF5RV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
