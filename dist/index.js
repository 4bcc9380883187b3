import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  readActionMode,
  readActionSettings,
  readEventPlan
} from "./chunks/chunk-I7MFLG6D.js";
import "./chunks/chunk-L5JBWC3J.js";
import {
  info,
  setFailed
} from "./chunks/chunk-XNXU7A7Q.js";
import "./chunks/chunk-L6ENWCP3.js";
import "./chunks/chunk-OG5AJFQK.js";
import "./chunks/chunk-5FTEMDCU.js";
import "./chunks/chunk-FQF4E2W2.js";
import "./chunks/chunk-PLFFDZYP.js";
import "./chunks/chunk-PTBJSTHP.js";
import "./chunks/chunk-YBF2V7KG.js";
import "./chunks/chunk-REFG7THN.js";
import "./chunks/chunk-NBJJRWMZ.js";
import "./chunks/chunk-RN36H25A.js";
import {
  errorMessage
} from "./chunks/chunk-XA3YYY7N.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report" || mode === "merge") {
      const { postMeasuredReport } = await import("./chunks/action-modes-6BOLUUEY.js");
      return await postMeasuredReport(mode);
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-6BOLUUEY.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
