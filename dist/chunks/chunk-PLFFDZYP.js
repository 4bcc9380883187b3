import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  closestWord
} from "./chunk-RN36H25A.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/config/problems.ts
var ConfigError = class extends UsageError {
  constructor(problems) {
    super(problems.join("\n"));
    this.problems = problems;
    this.name = "ConfigError";
  }
  problems;
};
function formatKeyPath(path) {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else {
      const key = String(part);
      const written = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
      text += text === "" ? written : `.${written}`;
    }
  }
  return text;
}
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a table";
  if (typeof value === "string") {
    const quoted = JSON.stringify(value);
    return quoted.length > 80 ? `${quoted.slice(0, 76)}\u2026"` : quoted;
  }
  return String(value);
}
var ALLOWED = "allowed: ";
function withGuess(key, message) {
  const at = message.lastIndexOf(ALLOWED);
  if (at < 0) return message;
  const meant = closestWord(String(key), message.slice(at + ALLOWED.length).split(", "));
  return meant === void 0 ? message : `${message.slice(0, at)}did you mean ${meant}? ${message.slice(at)}`;
}
function isTypeMismatch(issues) {
  return issues.every(
    (issue) => issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "invalid_union" && issue.errors.every(isTypeMismatch))
  );
}
function problemsOf(issues, prefix = []) {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case "invalid_union": {
        const meant = issue.errors.find((branch) => !isTypeMismatch(branch));
        return meant ? problemsOf(meant, path) : [{ path, message: issue.message }];
      }
      case "invalid_key":
        return problemsOf(issue.issues, path);
      case "unrecognized_keys":
        return issue.keys.map((key) => ({
          path: [...path, key],
          message: withGuess(key, issue.message)
        }));
      default:
        return [{ path, message: issue.message }];
    }
  });
}

export {
  ConfigError,
  formatKeyPath,
  describeValue,
  ALLOWED,
  problemsOf
};
