import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-6HZEDXOK.js";
import "./chunk-ECTYXHZ4.js";
import "./chunk-WO3EQBD2.js";
import "./chunk-DREFSQFF.js";
import "./chunk-CWJS6QML.js";
import "./chunk-6OHB2UBP.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-F2JUME52.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-ZCLI3VVG.js";
import "./chunk-DNR35HCX.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
