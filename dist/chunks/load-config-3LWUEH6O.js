import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-ZAXERWOR.js";
import "./chunk-QHWZZ3EE.js";
import "./chunk-WO3EQBD2.js";
import "./chunk-DREFSQFF.js";
import "./chunk-CWJS6QML.js";
import "./chunk-3PPCT3KY.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-RBBVTOW2.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-ZCLI3VVG.js";
import "./chunk-VWZHGZJ5.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
