import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-LUDP2DVA.js";
import "./chunk-KODPUI3K.js";
import "./chunk-PURBOXCV.js";
import "./chunk-3CVV5V4O.js";
import "./chunk-SMKFWSBC.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-NQL6XU3Y.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-C7ZB2KCA.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-U5UB3GUX.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
