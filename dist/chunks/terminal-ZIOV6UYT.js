import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  foldName,
  renderTerminal
} from "./chunk-FJ6UOBTO.js";
import "./chunk-O5ER7ONF.js";
import "./chunk-4PWOWIY5.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-PURBOXCV.js";
import "./chunk-SMKFWSBC.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-U5UB3GUX.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  foldName,
  renderTerminal
};
