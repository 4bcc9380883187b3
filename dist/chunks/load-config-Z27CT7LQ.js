import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-RDJ3YOHK.js";
import "./chunk-FCMI4W45.js";
import "./chunk-YCWG3KAI.js";
import "./chunk-Z7CB6QBK.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
