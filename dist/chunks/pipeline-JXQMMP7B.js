import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  countedTestsNote,
  runAllocdiff
} from "./chunk-RILO2LAD.js";
import "./chunk-ZTPIMO4U.js";
import "./chunk-5KFDXYFN.js";
import "./chunk-PW7F7LXZ.js";
import "./chunk-Q2LZ7SOB.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import "./chunk-JZLTMQGM.js";
import "./chunk-ZOHWMFHP.js";
import "./chunk-GJ6L4QLD.js";
import "./chunk-JMATLFJW.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-I74BVKXL.js";
import "./chunk-L6KKFVHH.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-GCY5GJQW.js";
import "./chunk-7GECUTJI.js";
import "./chunk-4243Q66V.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  countedTestsNote,
  runAllocdiff
};
