import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-4VGNXSHG.js";
import "./chunk-N2TBPXYB.js";
import "./chunk-YDHVFP2Y.js";
import "./chunk-ABXSEG7O.js";
import "./chunk-SRBFE2DA.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import "./chunk-OY3Q2MOS.js";
import "./chunk-ZB37IVUK.js";
import "./chunk-PB7QAMS6.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-236N4FOG.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-VQ4E5EES.js";
import "./chunk-IZH354MH.js";
import "./chunk-4243Q66V.js";
import "./chunk-HWX7DMEE.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  runAllocdiff
};
