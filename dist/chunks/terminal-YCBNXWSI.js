import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  foldName,
  renderTerminal
} from "./chunk-5M2ZVFOZ.js";
import "./chunk-SNHVDSSH.js";
import "./chunk-4HDQBNIW.js";
import "./chunk-PD4C2EK3.js";
import "./chunk-OY3Q2MOS.js";
import "./chunk-NYLJLJB4.js";
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
