import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  RunFailure
} from "./chunk-XA3YYY7N.js";

// src/sides/git.ts
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var WORKTREE_ADD_ATTEMPTS = 8;
var EMBEDDED_REPOSITORY = "warning: adding embedded git repository: ";
function gitEnvironment(env) {
  const kept = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && (GIT_NAMES.has(name) || /^(GIT_|LC_|XDG_)/.test(name)) && !/^GIT_(TOKEN|PASSWORD)/.test(name))
      kept[name] = value;
  }
  return kept;
}
var GIT_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "TZ",
  "TMPDIR",
  "SSH_AUTH_SOCK"
]);
var SAFE_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];
var CREDENTIAL_SECTIONS = /^(http|https|credential|include|includeif|url)\./i;
function configValue(value) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}
function treeListing(listed) {
  return listed.split("\0").filter(Boolean).map((line) => {
    const tab = line.indexOf("	");
    const [mode, type, object, size] = line.slice(0, tab).split(/\s+/);
    return { path: line.slice(tab + 1), mode, type, object, size: Number(size) || 0 };
  });
}
function resolveEarly(repoDir, base, head, listBase) {
  const git = new Git(repoDir);
  const quiet = (work) => {
    work.catch(() => void 0);
    return work;
  };
  const resolved = quiet(
    git.topLevelAndCommits([base, head]).then((found) => {
      if (!found) return void 0;
      const [baseSha, headSha] = found.commits;
      return {
        ...found,
        diff: quiet(git.diff(baseSha, headSha)),
        changes: quiet(git.workingTreeHasChanges()),
        ...listBase ? { baseEntries: quiet(git.rootEntries(baseSha)) } : {}
      };
    })
  );
  return { repoDir, base, head, resolved };
}
var Git = class _Git {
  constructor(repoDir) {
    this.repoDir = repoDir;
  }
  repoDir;
  async run(args, env = {}) {
    const result = await this.attempt(args, env);
    if (result.exitCode !== 0) {
      throw new RunFailure(
        `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`
      );
    }
    return result.stdout;
  }
  /**
   * git with `args`, its exit code and output whatever it is; the exit code is null when git
   * could not be started (stderr says why) or was killed.
   */
  attempt(args, env = {}) {
    return new Promise((done) => {
      const child = spawn("git", [...SAFE_CONFIG, ...args], {
        cwd: this.repoDir,
        env: { ...gitEnvironment(process.env), ...env },
        stdio: ["ignore", "pipe", "pipe"]
      });
      const stdout = [];
      const stderr = [];
      child.stdout.on("data", (chunk) => stdout.push(chunk));
      child.stderr.on("data", (chunk) => stderr.push(chunk));
      let settled = false;
      const finish = (exitCode, why = "") => {
        if (settled) return;
        settled = true;
        done({
          exitCode,
          stdout: Buffer.concat(stdout).toString("utf8"),
          stderr: why || Buffer.concat(stderr).toString("utf8")
        });
      };
      child.on("error", (error) => finish(null, `git could not be started: ${error.message}`));
      child.on("close", (exitCode) => finish(exitCode));
    });
  }
  /** The commit a ref names, or undefined when this clone does not have it. */
  async commitOf(ref) {
    const result = await this.attempt(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  /** Whether HEAD names a commit: false in a repository with no commits yet. */
  async hasCommits() {
    return await this.commitOf("HEAD") !== void 0;
  }
  async topLevel() {
    return (await this.run(["rev-parse", "--show-toplevel"])).trim();
  }
  /**
   * The repository's top folder and the commit each ref names, in one git process; undefined
   * when one of them does not resolve to a commit (or cannot be given to one `rev-parse`: a ref
   * that starts with `-`), for `topLevel` and `commitOf` to do it one at a time, and say why.
   */
  async topLevelAndCommits(refs) {
    if (refs.some((ref) => ref === "" || ref.startsWith("-"))) return void 0;
    const result = await this.attempt([
      "rev-parse",
      "--show-toplevel",
      ...refs.map((ref) => `${ref}^{commit}`)
    ]);
    if (result.exitCode !== 0) return void 0;
    const [topLevel, ...commits] = result.stdout.replace(/\n$/, "").split("\n");
    if (!topLevel || commits.length !== refs.length) return void 0;
    if (!commits.every((commit) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(commit))) return void 0;
    return { topLevel, commits };
  }
  /** Tries to fetch one commit from `origin`; false when there is no origin or it refuses. */
  async tryFetch(sha) {
    const result = await this.attempt(["fetch", "--quiet", "--no-tags", "origin", sha]);
    return result.exitCode === 0;
  }
  /**
   * Checks `sha` out at `path` as a detached worktree, locked (`git worktree prune`, which any
   * other git may run, leaves a locked worktree alone) with `lockReason` as its lock's reason.
   */
  async addWorktree(path, sha, lockReason) {
    const add = ["worktree", "add", "--quiet", "--detach", "--force", "--lock", path, sha];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.run(add);
        break;
      } catch (error) {
        const halfMade = /failed to read .*worktrees\/[^/\s]+\/(commondir|gitdir)/.test(
          error instanceof Error ? error.message : String(error)
        );
        if (!halfMade || attempt >= WORKTREE_ADD_ATTEMPTS) throw error;
        await new Promise((done) => setTimeout(done, 50 + Math.random() * 200 * attempt));
      }
    }
    const gitDir = (await new _Git(path).run(["rev-parse", "--absolute-git-dir"])).trim();
    await writeFile(join(gitDir, "locked"), lockReason);
  }
  /** Removes a worktree, locked or not, with its files. */
  async removeWorktree(path) {
    await this.run(["worktree", "remove", "--force", "--force", path]);
  }
  /**
   * The tree of the working tree as `git add --all` would stage it (untracked files included,
   * ignored ones not), built in `indexFile`, a private copy of the index: the repository's own
   * index, branch and files are left as they are. The copy keeps the index's file stamps (so
   * unchanged files are not read again), its staged files and its sparse-checkout marks.
   * `skipped`: what git left out, in git's words (e.g. a nested repository with no commit
   * checked out), and each nested repository with commits, of which a tree holds only the
   * commit (its files are not in the tree).
   */
  async workingTreeTree(indexFile) {
    const env = { GIT_INDEX_FILE: indexFile, LC_ALL: "C" };
    const config = [
      "-c",
      "core.hooksPath=/dev/null",
      "-c",
      "core.splitIndex=false",
      "-c",
      "core.fsmonitor=false",
      "-c",
      "core.untrackedCache=false",
      "-c",
      "advice.addEmbeddedRepo=false"
    ];
    const add = [...config, "add", "--all", "--ignore-errors", "--", ":/"];
    const added = await this.attempt(add, env);
    const lines = added.stderr.split("\n").map((line) => line.trim());
    const errors = lines.filter((line) => line.startsWith("error: ")).map((line) => line.slice("error: ".length));
    const embedded = lines.filter((line) => line.startsWith(EMBEDDED_REPOSITORY)).map(
      (line) => `'${line.slice(EMBEDDED_REPOSITORY.length)}/' is a git repository of its own: head records which commit it is on, not its files`
    );
    if (added.exitCode !== 0 && !(added.exitCode === 1 && errors.length > 0)) {
      throw new RunFailure(
        `git ${add.join(" ")} failed: ${added.stderr.trim() || `exit code ${added.exitCode}`}`
      );
    }
    const tree = (await this.run([...config, "write-tree"], env)).trim();
    return { tree, skipped: [.../* @__PURE__ */ new Set([...errors, ...embedded])] };
  }
  /**
   * The untracked files `git add --all` would add (not ignored), relative to the repository's
   * root; a nested repository is one entry, its folder.
   */
  async untrackedFiles() {
    const listed = await this.run([
      "ls-files",
      "-z",
      "--others",
      "--exclude-standard",
      "--full-name",
      "--",
      ":/"
    ]);
    return listed.split("\0").filter(Boolean);
  }
  /**
   * Whether `git status` lists anything: staged or unstaged changes to tracked files, or
   * untracked files that are not ignored (changes inside a submodule do not count). Without
   * the optional lock, so the index is not refreshed.
   */
  async workingTreeHasChanges() {
    const status = await this.run([
      "--no-optional-locks",
      "status",
      "--porcelain",
      "--untracked-files=normal",
      "--ignore-submodules=dirty"
    ]);
    return status.trim() !== "";
  }
  /** Where git keeps the index of this working tree. */
  async indexPath() {
    return resolve(this.repoDir, (await this.run(["rev-parse", "--git-path", "index"])).trim());
  }
  /** Fills `indexFile` with the tree of `commit` (when the repository has no index yet). */
  async readTreeInto(indexFile, commit) {
    await this.run(["read-tree", commit], { GIT_INDEX_FILE: indexFile });
  }
  async treeOf(commit) {
    return (await this.run(["rev-parse", "--verify", `${commit}^{tree}`])).trim();
  }
  /**
   * A commit object of `tree` on top of `parent`, reachable from no ref (git's garbage
   * collection removes it in time); a fixed identity, so no git identity needs to be set.
   */
  async commitTree(tree, parent, message) {
    const identity = {
      GIT_AUTHOR_NAME: "allocdiff",
      GIT_AUTHOR_EMAIL: "allocdiff@localhost",
      GIT_COMMITTER_NAME: "allocdiff",
      GIT_COMMITTER_EMAIL: "allocdiff@localhost"
    };
    return (await this.run(["commit-tree", "--no-gpg-sign", tree, "-p", parent, "-m", message], identity)).trim();
  }
  /**
   * The entries of `commit` at these paths (relative to the repository's root): what each is
   * (a blob, with its mode and size, a tree, a submodule's commit). Paths the commit does not
   * have are left out.
   */
  async treeEntries(commit, paths) {
    if (paths.length === 0) return [];
    const listed = await this.run([
      "ls-tree",
      "-z",
      "--long",
      "--full-tree",
      commit,
      "--",
      ...paths.map((path) => `:(literal)${path}`)
    ]);
    return treeListing(listed);
  }
  /** The entries at the root of `commit`'s tree. */
  async rootEntries(commit) {
    return treeListing(await this.run(["ls-tree", "-z", "--long", "--full-tree", commit]));
  }
  /** A blob object's text, as stored (no filters, no conversions). */
  async blobText(object) {
    return this.run(["cat-file", "blob", object]);
  }
  /**
   * The files of `commit` whose content in this working tree is not the commit's: changed,
   * deleted, or replaced by a link or a folder. Compared by content through an index of its own
   * (`indexFile`, made from the commit), so an index or file times rewritten to look unchanged
   * do not hide a change; files the commit does not have are not looked at.
   */
  async changedFromCommit(commit, indexFile) {
    const env = { GIT_INDEX_FILE: indexFile, GIT_NO_REPLACE_OBJECTS: "1" };
    const config = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];
    await this.run([...config, "read-tree", commit], env);
    await this.run([...config, "update-index", "-q", "--refresh"], env);
    const changed = await this.run(
      [...config, "diff-files", "--name-only", "-z", "--ignore-submodules=all"],
      env
    );
    return changed.split("\0").filter(Boolean);
  }
  /** The folder shared by every worktree of the repository (`.git`). */
  async commonDir() {
    return resolve(
      this.repoDir,
      (await this.run(["rev-parse", "--path-format=absolute", "--git-common-dir"])).trim()
    );
  }
  /**
   * The repository's own config (not the user's), as a config file's text without what may
   * hold credentials (http.*.extraheader, credential helpers, url rewrites, included files)
   * and without passwords in remote URLs.
   */
  async configWithoutCredentials() {
    const configFile = join(await this.commonDir(), "config");
    const listed = await this.run(["config", "--file", configFile, "--list", "-z"]);
    const sections = /* @__PURE__ */ new Map();
    for (const entry of listed.split("\0").filter(Boolean)) {
      const newline = entry.indexOf("\n");
      const name = newline < 0 ? entry : entry.slice(0, newline);
      let value = newline < 0 ? void 0 : entry.slice(newline + 1);
      if (CREDENTIAL_SECTIONS.test(name)) continue;
      const first = name.indexOf(".");
      const last = name.lastIndexOf(".");
      const section = first === last ? `[${name.slice(0, first)}]` : `[${name.slice(0, first)} ${configValue(name.slice(first + 1, last))}]`;
      if (value !== void 0 && /^remote\..*\.(push)?url$/i.test(name))
        value = value.replace(/^([a-z+.-]+:\/\/)[^/@]*@/i, "$1");
      const line = `	${name.slice(last + 1)}${value === void 0 ? "" : ` = ${configValue(value)}`}`;
      sections.set(section, [...sections.get(section) ?? [], line]);
    }
    return [...sections].map(([section, lines]) => `${section}
${lines.join("\n")}
`).join("");
  }
  /** `git diff -M` with no context lines: the input of the line map. */
  async diff(base, head) {
    return this.run([
      "-c",
      "core.quotePath=false",
      "diff",
      "-M",
      "--unified=0",
      "--no-color",
      "--no-ext-diff",
      base,
      head
    ]);
  }
};

export {
  resolveEarly,
  Git
};
