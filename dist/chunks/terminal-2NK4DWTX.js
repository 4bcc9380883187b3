import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  foldName,
  renderTerminal
} from "./chunk-R6RNII6C.js";
import "./chunk-ABXSEG7O.js";
import "./chunk-SRBFE2DA.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-OY3Q2MOS.js";
import "./chunk-PB7QAMS6.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-HWX7DMEE.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  foldName,
  renderTerminal
};
