export function commitTree(dir: string, tree: string, message: string): string;
export function createRepoFromTrees(
  trees: string[],
  options?: { prefix?: string },
): { dir: string; shas: string[]; git: (...args: string[]) => string };
