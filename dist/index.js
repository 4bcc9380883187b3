import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  readActionMode,
  readActionSettings,
  readEventPlan
} from "./chunks/chunk-SXX3MAH2.js";
import {
  info,
  setFailed
} from "./chunks/chunk-XNXU7A7Q.js";
import "./chunks/chunk-OVEJU4DJ.js";
import "./chunks/chunk-F3YW5TGN.js";
import "./chunks/chunk-PLFFDZYP.js";
import "./chunks/chunk-HUQXZSK6.js";
import "./chunks/chunk-3VJGA6IO.js";
import "./chunks/chunk-53YQGEQT.js";
import "./chunks/chunk-RN36H25A.js";
import "./chunks/chunk-L6ENWCP3.js";
import {
  errorMessage
} from "./chunks/chunk-XA3YYY7N.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report" || mode === "merge") {
      const { postMeasuredReport } = await import("./chunks/action-modes-3DRWB3DN.js");
      return await postMeasuredReport(mode);
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-3DRWB3DN.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
