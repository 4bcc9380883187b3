import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-JBPE4S6I.js";
import "./chunk-6HXYAMZY.js";
import "./chunk-BF3CF2CR.js";
import "./chunk-BIEHW4S5.js";
import "./chunk-QYWQE2QE.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import "./chunk-Z7A5R5OB.js";
import "./chunk-6N672U4G.js";
import "./chunk-NYLJLJB4.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-F2MSL2KT.js";
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
