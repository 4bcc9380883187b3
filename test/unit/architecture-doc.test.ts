// ARCHITECTURE.md names files of the repository: each one it names exists, each module of a
// stage's folder is named, and each recipe edits at most four files by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/action-runner.js';

const DOC = readFileSync(join(PROJECT_ROOT, 'ARCHITECTURE.md'), 'utf8');

/**
 * The paths in code spans: `src/…`, `python/…`, `test/…`, `scripts/…` and the repository's
 * own files at its root (README.md, action.yml, eslint.config.js).
 */
function namedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!);
  return spans.filter(
    (span) =>
      /^(src|python|test|scripts)\//.test(span) ||
      /^([A-Z][\w-]*\.md|action\.yml|eslint\.config\.js|package\.json)$/.test(span),
  );
}

/** A recipe's section: from its heading to the next heading. */
function recipe(title: string): string {
  const from = DOC.indexOf(`### ${title}`);
  expect(from, `no recipe "${title}"`).toBeGreaterThanOrEqual(0);
  const to = DOC.indexOf('\n#', from + 1);
  return DOC.slice(from, to === -1 ? undefined : to);
}

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const paths = namedPaths(DOC);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((path) => !existsSync(join(PROJECT_ROOT, path)))).toEqual([]);
  });

  it('names every module of every stage', () => {
    const stages = ['config', 'sides', 'capture', 'compare', 'budgets', 'report', 'publish'];
    const unnamed = stages.flatMap((stage) =>
      readdirSync(join(PROJECT_ROOT, 'src', stage))
        .filter((file) => file.endsWith('.ts'))
        .filter((file) => !DOC.includes(`\`${file}\``) && !DOC.includes(`src/${stage}/${file}`))
        .map((file) => `src/${stage}/${file}`),
    );
    expect(unnamed).toEqual([]);
  });

  it('has three recipes, each editing at most four files by hand', () => {
    for (const title of ['Add a measure', 'Add an output', 'Add a capture backend']) {
      const steps = recipe(title).match(/^\d+\. /gm) ?? [];
      expect(steps.length, title).toBeGreaterThan(0);
      expect(steps.length, title).toBeLessThanOrEqual(4);
    }
  });

  it('is linked from the README', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](ARCHITECTURE.md)');
  });
});
