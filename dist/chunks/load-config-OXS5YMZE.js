import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-6IE3DSZW.js";
import "./chunk-3YLLBCXT.js";
import "./chunk-U6WLNW7C.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-ZUQUOGUE.js";
import "./chunk-QKRS7SCJ.js";
import "./chunk-IS2YXH3M.js";
import "./chunk-MA6HTTY3.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-ZCLI3VVG.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
