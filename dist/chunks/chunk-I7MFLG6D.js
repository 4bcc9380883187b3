import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  planFromEvent,
  resolveCommit
} from "./chunk-L5JBWC3J.js";
import {
  getInput,
  info
} from "./chunk-XNXU7A7Q.js";
import {
  Git
} from "./chunk-OG5AJFQK.js";
import {
  parsePassedNames
} from "./chunk-5FTEMDCU.js";
import {
  BENCHMARK_NAMES,
  parseHtmlUrl,
  requireBenchmark,
  settingsFromConfig
} from "./chunk-FQF4E2W2.js";
import {
  ConfigError,
  describeValue
} from "./chunk-PLFFDZYP.js";
import {
  DECLARATIONS,
  SETTINGS,
  settingOfKey
} from "./chunk-PTBJSTHP.js";
import {
  parseShard
} from "./chunk-YBF2V7KG.js";

// node_modules/@actions/github/lib/context.js
import { readFileSync, existsSync } from "fs";
import { EOL } from "os";
var Context = class {
  /**
   * Hydrate the context from the environment
   */
  constructor() {
    var _a, _b, _c;
    this.payload = {};
    if (process.env.GITHUB_EVENT_PATH) {
      if (existsSync(process.env.GITHUB_EVENT_PATH)) {
        this.payload = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, { encoding: "utf8" }));
      } else {
        const path = process.env.GITHUB_EVENT_PATH;
        process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist${EOL}`);
      }
    }
    this.eventName = process.env.GITHUB_EVENT_NAME;
    this.sha = process.env.GITHUB_SHA;
    this.ref = process.env.GITHUB_REF;
    this.workflow = process.env.GITHUB_WORKFLOW;
    this.action = process.env.GITHUB_ACTION;
    this.actor = process.env.GITHUB_ACTOR;
    this.job = process.env.GITHUB_JOB;
    this.runAttempt = parseInt(process.env.GITHUB_RUN_ATTEMPT, 10);
    this.runNumber = parseInt(process.env.GITHUB_RUN_NUMBER, 10);
    this.runId = parseInt(process.env.GITHUB_RUN_ID, 10);
    this.apiUrl = (_a = process.env.GITHUB_API_URL) !== null && _a !== void 0 ? _a : `https://api.github.com`;
    this.serverUrl = (_b = process.env.GITHUB_SERVER_URL) !== null && _b !== void 0 ? _b : `https://github.com`;
    this.graphqlUrl = (_c = process.env.GITHUB_GRAPHQL_URL) !== null && _c !== void 0 ? _c : `https://api.github.com/graphql`;
  }
  get issue() {
    const payload = this.payload;
    return Object.assign(Object.assign({}, this.repo), { number: (payload.issue || payload.pull_request || payload).number });
  }
  get repo() {
    if (process.env.GITHUB_REPOSITORY) {
      const [owner, repo] = process.env.GITHUB_REPOSITORY.split("/");
      return { owner, repo };
    }
    if (this.payload.repository) {
      return {
        owner: this.payload.repository.owner.login,
        repo: this.payload.repository.name
      };
    }
    throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
  }
};

// node_modules/@actions/github/lib/github.js
var context = new Context();

// src/config/action-inputs.ts
import { realpath } from "node:fs/promises";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
var ACTION_MODES = ["full", "measure", "report", "merge"];
function input(setting) {
  return getInput(setting.input);
}
function htmlUrlInput() {
  const htmlUrl = parseHtmlUrl(input(SETTINGS.htmlUrl), `input "${SETTINGS.htmlUrl.input}"`);
  return htmlUrl === void 0 ? {} : { htmlUrl };
}
function configInputs(which = () => true) {
  const given = {};
  for (const [, setting] of DECLARATIONS) {
    if (setting.key === void 0 || setting.input === void 0 || !which(setting)) continue;
    const value = input({ input: setting.input });
    if (value !== "") given[setting.key] = value;
  }
  return given;
}
function nameInput(key) {
  return `input "${settingOfKey(key)?.input ?? key}"`;
}
function readActionMode() {
  const mode = input(SETTINGS.mode) || SETTINGS.mode.default;
  if (!ACTION_MODES.includes(mode)) {
    throw new ConfigError([
      `input "${SETTINGS.mode.input}": got ${describeValue(mode)}; expected one of ` + ACTION_MODES.join(", ")
    ]);
  }
  return mode;
}
function readEventPlan() {
  const context2 = context;
  return planFromEvent(context2.eventName, context2.payload, {
    base: input(SETTINGS.base),
    head: input(SETTINGS.head),
    ...context2.sha ? { defaultHead: context2.sha } : {}
  });
}
function withoutTrailingSlash(url) {
  return url.replace(/\/+$/, "");
}
function outputPaths(key) {
  const outputDir = join(process.env.RUNNER_TEMP || tmpdir(), "allocdiff");
  return {
    outputDir,
    jsonPath: join(outputDir, `${encodeURIComponent(key)}.json`),
    markdownPath: join(outputDir, `${encodeURIComponent(key)}.md`)
  };
}
function readGitHubTarget() {
  const context2 = context;
  const { owner, repo } = context2.repo;
  return {
    token: input(SETTINGS.githubToken),
    apiUrl: withoutTrailingSlash(context2.apiUrl),
    serverUrl: withoutTrailingSlash(context2.serverUrl),
    owner,
    repo,
    key: input(SETTINGS.key) || SETTINGS.key.default
  };
}
async function readReportModeSettings() {
  const target = readGitHubTarget();
  const { validateInputs } = await import("./load-config-P2ZCUCEO.js");
  const validated = validateInputs(
    configInputs((setting) => setting.reportMode === true),
    nameInput
  );
  if (Array.isArray(validated)) throw new ConfigError(validated);
  const { jsonPath, markdownPath } = outputPaths(target.key);
  return {
    settings: {
      failOn: validated.failOn ?? SETTINGS.failOn.default,
      jsonPath,
      markdownPath,
      ...htmlUrlInput()
    },
    publishing: {
      ...target,
      comment: validated.comment ?? SETTINGS.comment.default,
      acceptLabel: input(SETTINGS.acceptLabel).trim()
    }
  };
}
var JUDGED_EVENTS = /* @__PURE__ */ new Set(["pull_request", "merge_group"]);
async function loadBaseConfig(repoDir, baseRef, configPath, load) {
  const [{ commitFiles }, { proposedSettings }] = await Promise.all([
    import("./commit-files-ZHIAGSLN.js"),
    import("./settings-change-CBVSXJBQ.js")
  ]);
  const git = new Git(repoDir);
  const [topLevel, projectDir] = await Promise.all([git.topLevel(), realpath(repoDir)]);
  const baseSha = await resolveCommit(git, baseRef, "base");
  const from = `the base commit ${baseSha.slice(0, 7)}`;
  const own = load(projectDir);
  const files = await commitFiles(
    git,
    baseSha,
    from,
    topLevel,
    projectDir,
    configPath ? resolve(projectDir, configPath) : void 0
  );
  let config;
  try {
    config = load(projectDir, files);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError([
      `the config file of ${from}, which judges this change, has problems (fix them on the base branch):`,
      ...error.problems
    ]);
  }
  const ownBenchmark = BENCHMARK_NAMES.filter((name) => own[name] !== void 0);
  if (BENCHMARK_NAMES.every((name) => !config[name]) && BENCHMARK_NAMES.some((name) => own[name])) {
    config = {
      ...config,
      ...Object.fromEntries(ownBenchmark.map((name) => [name, own[name]])),
      ...config.setup === void 0 && own.setup !== void 0 ? { setup: own.setup } : {}
    };
    info(
      `${from} names no benchmark: this change's (${own[ownBenchmark[0]]}) is measured on both sides`
    );
  }
  const proposed = proposedSettings(config, own);
  return { config, from, ...proposed ? { proposed } : {} };
}
async function readActionSettings(sides) {
  const [{ loadConfig }, { artifactName }] = await Promise.all([
    import("./load-config-P2ZCUCEO.js"),
    import("./artifact-TWYDIHDU.js")
  ]);
  const repoDir = input(SETTINGS.repoDir) || process.env.GITHUB_WORKSPACE || process.cwd();
  const configPath = input(SETTINGS.config);
  const load = (projectDir, files) => loadConfig({
    projectDir,
    ...configPath ? { configPath: resolve(projectDir, configPath) } : {},
    inputs: configInputs(),
    nameInput,
    ...files ? { files } : {}
  });
  const judged = JUDGED_EVENTS.has(context.eventName) ? await loadBaseConfig(repoDir, sides.base, configPath, load) : void 0;
  const config = judged?.config ?? load(repoDir);
  const benchmark = requireBenchmark(config, "input");
  const cacheInput = input(SETTINGS.cache).trim();
  if (cacheInput !== "" && cacheInput !== "true" && cacheInput !== "false") {
    throw new ConfigError([
      `input "${SETTINGS.cache.input}": got ${describeValue(cacheInput)}; expected true or false`
    ]);
  }
  const passEnv = parsePassedNames(input(SETTINGS.passEnv), `input "${SETTINGS.passEnv.input}"`);
  const shardInput = input(SETTINGS.shard).trim();
  const shard = shardInput ? parseShard(shardInput, `input "${SETTINGS.shard.input}"`) : void 0;
  const htmlUrl = htmlUrlInput();
  const target = readGitHubTarget();
  const { key, owner, repo, serverUrl } = target;
  const { outputDir, jsonPath, markdownPath } = outputPaths(key);
  const pullRequest = sides.pullRequest;
  return {
    settings: {
      repoDir,
      base: sides.base,
      head: sides.head,
      ...settingsFromConfig(config),
      benchmark,
      ...judged ? { settingsFrom: judged.from } : {},
      ...judged?.proposed ? { proposed: judged.proposed } : {},
      key,
      ...shard ? { shard } : {},
      ...passEnv.length > 0 ? { passEnv } : {},
      jsonPath,
      markdownPath,
      ...htmlUrl,
      repository: `${owner}/${repo}`,
      serverUrl,
      ...typeof pullRequest === "number" ? { pullRequest } : {},
      artifactDir: join(outputDir, artifactName(key, shard)),
      useCache: cacheInput !== "false"
    },
    publishing: {
      ...target,
      comment: config.comment,
      acceptLabel: input(SETTINGS.acceptLabel).trim()
    }
  };
}

export {
  context,
  readActionMode,
  readEventPlan,
  readReportModeSettings,
  readActionSettings
};
