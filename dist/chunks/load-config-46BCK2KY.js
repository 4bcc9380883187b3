import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-WSN3ZVST.js";
import "./chunk-UHTRYDBA.js";
import "./chunk-UYN2NNJP.js";
import "./chunk-Z7CB6QBK.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
