import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-BACMVVES.js";
import "./chunk-NJVAXLWD.js";
import "./chunk-43ABCK76.js";
import "./chunk-VNMO4L2L.js";
import "./chunk-AL23LGGS.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import "./chunk-O7PTBBFO.js";
import "./chunk-XW2M4CQM.js";
import "./chunk-OALGAIKW.js";
import "./chunk-PJ3PMK7A.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-LCJPN5WZ.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-33Y65JN6.js";
import "./chunk-IZH354MH.js";
import "./chunk-4243Q66V.js";
import "./chunk-5OGCWHWR.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  runAllocdiff
};
