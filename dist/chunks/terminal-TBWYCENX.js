import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
} from "./chunk-RBXI7W6C.js";
import "./chunk-QXO7J6HS.js";
import "./chunk-ZSYO253V.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-PIMZEEJA.js";
import "./chunk-7H23MQGR.js";
import "./chunk-VBW7ANZR.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
};
