import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
} from "./chunk-2ITE2RNI.js";
import "./chunk-CNQ5VFUE.js";
import "./chunk-AG4ZHWQW.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-ZAFJCKPJ.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  TERMINAL_SHOWN,
  foldName,
  renderTerminal
};
