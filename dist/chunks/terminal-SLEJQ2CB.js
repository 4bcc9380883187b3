import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  foldName,
  renderTerminal
} from "./chunk-P6IQFVK2.js";
import "./chunk-EAA3CYDP.js";
import "./chunk-V6LR3WVE.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-M72JVV75.js";
import "./chunk-MXOWHEWI.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RJTYAB2Y.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  foldName,
  renderTerminal
};
