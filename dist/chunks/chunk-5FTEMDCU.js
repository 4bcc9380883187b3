import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  SHARD_VARIABLE,
  shardText
} from "./chunk-YBF2V7KG.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/capture/environment.ts
var ALLOWED_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "COLUMNS",
  "NO_COLOR",
  "FORCE_COLOR",
  "TMPDIR",
  "CI",
  "VIRTUAL_ENV",
  "PYENV_ROOT",
  "PYENV_VERSION",
  "pythonLocation",
  "Python_ROOT_DIR",
  "Python2_ROOT_DIR",
  "Python3_ROOT_DIR",
  "LD_LIBRARY_PATH",
  "PKG_CONFIG_PATH",
  "CC",
  "CXX",
  "CFLAGS",
  "CXXFLAGS",
  "CPPFLAGS",
  "LDFLAGS",
  "MAKEFLAGS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  // Harmless facts about the run.
  "GITHUB_ACTIONS",
  "GITHUB_REPOSITORY",
  "GITHUB_SHA",
  "GITHUB_REF",
  "GITHUB_WORKSPACE",
  "GITHUB_EVENT_NAME",
  "RUNNER_OS",
  "RUNNER_ARCH"
]);
var ALLOWED_PREFIXES = ["LC_", "PYTHON", "CONDA_", "XDG_", "ALLOCDIFF_"];
var NEVER_PREFIXES = ["INPUT_", "ACTIONS_", "STATE_"];
var NEVER_NAMES = /* @__PURE__ */ new Set([
  "GITHUB_TOKEN",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_OUTPUT",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
  "RUNNER_TEMP"
]);
var SECRET_WORDS = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|AUTH|KEYRING/i;
var URL_WITH_PASSWORD = /:\/\/[^/@\s]*:[^/@\s]*@/;
function neverPassed(name) {
  const upper = name.toUpperCase();
  return NEVER_PREFIXES.some((prefix) => upper.startsWith(prefix)) || NEVER_NAMES.has(upper);
}
function isAllowedVariable(name, value) {
  if (neverPassed(name) || URL_WITH_PASSWORD.test(value)) return false;
  if (ALLOWED_NAMES.has(name)) return true;
  return ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix)) && !SECRET_WORDS.test(name);
}
function parsePassedNames(text, origin) {
  const names = text.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new UsageError(
        `${origin}: "${name}" is not a variable name; expected names of environment variables (letters, digits and _), separated by spaces, commas or new lines`
      );
    if (neverPassed(name))
      throw new UsageError(
        `${origin}: ${name} is the action's own (its inputs, the runner's tokens and file commands never reach pull-request code); name the variables your benchmark needs`
      );
  }
  return [...new Set(names)];
}
function benchmarkEnvironment(env, passed = []) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    if (isAllowedVariable(name, value) || passed.includes(name) && !neverPassed(name))
      clean[name] = value;
  }
  return clean;
}
function runEnvironment(env, passed = [], shard) {
  const run = benchmarkEnvironment(env, passed);
  delete run[SHARD_VARIABLE];
  if (shard) run[SHARD_VARIABLE] = shardText(shard);
  return run;
}

export {
  parsePassedNames,
  runEnvironment
};
