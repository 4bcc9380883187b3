import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  CONFIG_FILE_MAX_BYTES,
  CONFIG_FILE_NAMES,
  UnfitConfigFile
} from "./chunk-Q6O3J5TU.js";
import {
  inside
} from "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import {
  groupDigits
} from "./chunk-I74BVKXL.js";
import "./chunk-RN36H25A.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/config/commit-files.ts
import { dirname, join, posix, relative, sep } from "node:path";
var MAX_LINKS = 8;
function candidatePaths(topLevel, projectDir, configPath) {
  const paths = [];
  for (let dir = projectDir; inside(topLevel, dir); dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) paths.push(join(dir, name));
    if (dir === topLevel) break;
  }
  if (configPath !== void 0 && inside(topLevel, configPath)) paths.push(configPath);
  return paths;
}
async function commitFiles(git, commit, label, topLevel, projectDir, configPath) {
  const fromRoot = (path) => relative(topLevel, path).split(sep).join("/");
  const entries = /* @__PURE__ */ new Map();
  const texts = /* @__PURE__ */ new Map();
  let wanted = candidatePaths(topLevel, projectDir, configPath).map(fromRoot);
  for (const entry of await git.treeEntries(commit, wanted)) entries.set(entry.path, entry);
  const resolveEntry = async (path) => {
    let entry = entries.get(path);
    for (let hops = 0; entry?.mode === "120000"; hops++) {
      if (hops === MAX_LINKS) {
        return new UnfitConfigFile(`is a chain of more than ${MAX_LINKS} symbolic links`);
      }
      const target = (await git.blobText(entry.object)).trim();
      const next = posix.normalize(posix.join(posix.dirname(entry.path), target));
      if (target.startsWith("/") || next === ".." || next.startsWith("../")) {
        return new UnfitConfigFile(
          "leads, through a symbolic link, outside the repository; a config file must be a file of the repository"
        );
      }
      wanted = [next];
      for (const found of await git.treeEntries(commit, wanted)) entries.set(found.path, found);
      entry = entries.get(next);
    }
    if (entry === void 0) return new UnfitConfigFile(`is not in ${label}`);
    if (entry.type !== "blob") {
      return new UnfitConfigFile(
        `is ${entry.type === "tree" ? "a directory" : "not a file"} in ${label}; a config file must be a regular file`
      );
    }
    return entry;
  };
  for (const path of entries.keys()) {
    const entry = await resolveEntry(path);
    if (entry instanceof UnfitConfigFile) {
      texts.set(path, entry);
    } else if (entry.size > CONFIG_FILE_MAX_BYTES) {
      texts.set(
        path,
        new UnfitConfigFile(
          `is ${groupDigits(entry.size)} bytes in ${label}; a config file may be at most ${groupDigits(CONFIG_FILE_MAX_BYTES)} bytes (1 MiB)`
        )
      );
    } else {
      texts.set(path, await git.blobText(entry.object));
    }
  }
  const gitDir = join(topLevel, ".git");
  return {
    exists: (path) => path === gitDir || texts.has(fromRoot(path)),
    read: (path) => {
      const text = texts.get(fromRoot(path));
      if (text === void 0) throw new UnfitConfigFile(`is not in ${label}`);
      if (text instanceof UnfitConfigFile) throw text;
      return text;
    }
  };
}
export {
  commitFiles
};
