import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-K2YBIJNR.js";
import "./chunk-6GBMHHOZ.js";
import "./chunk-O7PTBBFO.js";
import "./chunk-XW2M4CQM.js";
import "./chunk-OALGAIKW.js";
import "./chunk-PJ3PMK7A.js";
import "./chunk-NQL6XU3Y.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-LCJPN5WZ.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-5OGCWHWR.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
