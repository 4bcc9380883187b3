/**
 * The config files of a commit, as the config loader reads files: a pull request is judged by
 * the settings of its base commit, read from git's objects, not from the checkout it changed.
 */
import { dirname, join, posix, relative, sep } from 'node:path';
import { groupDigits } from '../format/sizes.js';
import type { Git, TreeEntry } from '../sides/git.js';
import { inside } from '../sides/contained.js';
import {
  CONFIG_FILE_MAX_BYTES,
  CONFIG_FILE_NAMES,
  UnfitConfigFile,
  type FileAccess,
} from './config-file.js';

/** How many symbolic links in a row are followed to a config file. */
const MAX_LINKS = 8;

/** The paths the loader may look at, from `projectDir` up to the root: each folder's names. */
function candidatePaths(topLevel: string, projectDir: string, configPath?: string): string[] {
  const paths: string[] = [];
  for (let dir = projectDir; inside(topLevel, dir); dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) paths.push(join(dir, name));
    if (dir === topLevel) break;
  }
  if (configPath !== undefined && inside(topLevel, configPath)) paths.push(configPath);
  return paths;
}

/**
 * What the loader may read of `commit`: the config files it looks for from `projectDir` up to
 * the repository's root (`topLevel`), and `configPath`, read now from git's objects. A symbolic
 * link is followed within the commit; one that leads out of it, a file over the size limit, or
 * something that is not a file is refused as the checkout's would be. `label` names the commit
 * in messages (`the base commit 1a2b3c4`).
 */
export async function commitFiles(
  git: Git,
  commit: string,
  label: string,
  topLevel: string,
  projectDir: string,
  configPath?: string,
): Promise<FileAccess> {
  const fromRoot = (path: string) => relative(topLevel, path).split(sep).join('/');
  const entries = new Map<string, TreeEntry>();
  const texts = new Map<string, string | UnfitConfigFile>();
  let wanted = candidatePaths(topLevel, projectDir, configPath).map(fromRoot);
  for (const entry of await git.treeEntries(commit, wanted)) entries.set(entry.path, entry);

  /** The file a path names in the commit, links followed; an UnfitConfigFile when none. */
  const resolveEntry = async (path: string): Promise<TreeEntry | UnfitConfigFile> => {
    let entry = entries.get(path);
    for (let hops = 0; entry?.mode === '120000'; hops++) {
      if (hops === MAX_LINKS) {
        return new UnfitConfigFile(`is a chain of more than ${MAX_LINKS} symbolic links`);
      }
      const target = (await git.blobText(entry.object)).trim();
      const next = posix.normalize(posix.join(posix.dirname(entry.path), target));
      if (target.startsWith('/') || next === '..' || next.startsWith('../')) {
        return new UnfitConfigFile(
          'leads, through a symbolic link, outside the repository; a config file must be a ' +
            'file of the repository',
        );
      }
      wanted = [next];
      for (const found of await git.treeEntries(commit, wanted)) entries.set(found.path, found);
      entry = entries.get(next);
    }
    if (entry === undefined) return new UnfitConfigFile(`is not in ${label}`);
    if (entry.type !== 'blob') {
      return new UnfitConfigFile(
        `is ${entry.type === 'tree' ? 'a directory' : 'not a file'} in ${label}; a config file ` +
          'must be a regular file',
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
          `is ${groupDigits(entry.size)} bytes in ${label}; a config file may be at most ` +
            `${groupDigits(CONFIG_FILE_MAX_BYTES)} bytes (1 MiB)`,
        ),
      );
    } else {
      texts.set(path, await git.blobText(entry.object));
    }
  }

  const gitDir = join(topLevel, '.git');
  return {
    exists: (path) => path === gitDir || texts.has(fromRoot(path)),
    read: (path) => {
      const text = texts.get(fromRoot(path));
      if (text === undefined) throw new UnfitConfigFile(`is not in ${label}`);
      if (text instanceof UnfitConfigFile) throw text;
      return text;
    },
  };
}
