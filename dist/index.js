import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  info,
  readActionMode,
  readActionSettings,
  readEventPlan,
  setFailed
} from "./chunks/chunk-52TTV44I.js";
import "./chunks/chunk-LGNNVJAC.js";
import {
  errorMessage
} from "./chunks/chunk-6A4WJZKA.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report") {
      const { postMeasuredReport } = await import("./chunks/action-modes-MYKQA53R.js");
      return await postMeasuredReport();
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const settings = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-MYKQA53R.js");
    await measureAndPublish(mode, settings);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
