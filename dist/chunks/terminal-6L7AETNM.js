import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
} from "./chunk-ZOCQZ4TV.js";
import "./chunk-PW7F7LXZ.js";
import "./chunk-Q2LZ7SOB.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-JZLTMQGM.js";
import "./chunk-GJ6L4QLD.js";
import "./chunk-JMATLFJW.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-I74BVKXL.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
};
