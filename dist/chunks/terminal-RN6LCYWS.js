import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  foldName,
  renderTerminal
} from "./chunk-ZPT7MFSG.js";
import "./chunk-VNMO4L2L.js";
import "./chunk-AL23LGGS.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-O7PTBBFO.js";
import "./chunk-OALGAIKW.js";
import "./chunk-PJ3PMK7A.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-5OGCWHWR.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  foldName,
  renderTerminal
};
