import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  info,
  readActionMode,
  readActionSettings,
  readEventPlan,
  setFailed
} from "./chunks/chunk-A7SJYZCO.js";
import "./chunks/chunk-5OUWSMVN.js";
import "./chunks/chunk-QE6BDIHH.js";
import "./chunks/chunk-Z7OENXUW.js";
import "./chunks/chunk-NAM4U7AL.js";
import "./chunks/chunk-MJOLIBM6.js";
import "./chunks/chunk-B272OHU5.js";
import "./chunks/chunk-RN36H25A.js";
import {
  errorMessage
} from "./chunks/chunk-AGAXQL6F.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report" || mode === "merge") {
      const { postMeasuredReport } = await import("./chunks/action-modes-LPY3YZAK.js");
      return await postMeasuredReport(mode);
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-LPY3YZAK.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
