import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-6R2PM4HL.js";
import "./chunk-3BEKEZ4O.js";
import "./chunk-Z7A5R5OB.js";
import "./chunk-6N672U4G.js";
import "./chunk-NYLJLJB4.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-NQL6XU3Y.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-F2MSL2KT.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-HWX7DMEE.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
