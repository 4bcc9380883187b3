import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  countedTestsNote,
  runAllocdiff
} from "./chunk-FBT2E66O.js";
import "./chunk-SXKLRQ23.js";
import "./chunk-WWWJIJJ2.js";
import "./chunk-CNQ5VFUE.js";
import "./chunk-AG4ZHWQW.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-FQF4E2W2.js";
import "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-I74BVKXL.js";
import "./chunk-PTBJSTHP.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-3GXEWFOE.js";
import "./chunk-7GECUTJI.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  countedTestsNote,
  runAllocdiff
};
