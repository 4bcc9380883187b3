import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/action-runner.js';

const eslint = new ESLint({ cwd: PROJECT_ROOT });

/** The dependency problems `npm run lint` finds in `code` written at `file` (from the root). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, file) });
  return result!.messages
    .filter(
      (message) =>
        message.ruleId === 'allocdiff/dependency-direction' ||
        message.ruleId === 'no-restricted-syntax',
    )
    .map((message) => message.message);
}

describe('the data flow, one direction (eslint.config.js)', () => {
  it('lets compare, budgets and report read the snapshot and the line map, and no more of capture or sides', async () => {
    const snapshot =
      "import type { Snapshot } from '../capture/snapshot.js';\nexport type S = Snapshot;\n";
    const lineMap = "import { LineMap } from '../sides/line-map.js';\nexport const L = LineMap;\n";
    for (const stage of ['compare', 'budgets', 'report']) {
      expect(await problems(`src/${stage}/probe.ts`, snapshot)).toEqual([]);
      expect(await problems(`src/${stage}/probe.ts`, lineMap)).toEqual([]);
    }
    const process =
      "import { runProcess } from '../capture/process.js';\nexport const r = runProcess;\n";
    expect(await problems('src/report/probe.ts', process)).toEqual([
      expect.stringMatching(
        /^src\/report\/probe\.ts may not import src\/capture\/process\.ts: .*pure/,
      ),
    ]);
    const git = "import { Git } from '../sides/git.js';\nexport const G = Git;\n";
    expect(await problems('src/compare/probe.ts', git)).toEqual([
      expect.stringContaining('may not import src/sides/git.ts'),
    ]);
    const files = "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n";
    expect(await problems('src/budgets/probe.ts', files)).toEqual([
      expect.stringContaining('may not import node:fs/promises'),
    ]);
  });

  it('refuses an import against the flow, static or dynamic', async () => {
    const report = "export const load = () => import('../report/report.js');\n";
    expect(await problems('src/compare/probe.ts', report)).toEqual([
      expect.stringContaining('compare comes before budgets and report'),
    ]);
    const comparison = "export type { Comparison } from '../compare/comparison.js';\n";
    expect(await problems('src/capture/probe.ts', comparison)).toEqual([
      expect.stringContaining('capture comes before compare'),
    ]);
    const publish =
      "import { ARTIFACT_FILES } from '../publish/artifact.js';\nexport const A = ARTIFACT_FILES;\n";
    expect(await problems('src/report/probe.ts', publish)).toEqual([
      expect.stringContaining(
        'may not import src/publish/artifact.ts: compare, budgets and report are pure',
      ),
    ]);
    const verdict =
      "import { decidingBudget } from '../report/verdict.js';\nexport const d = decidingBudget;\n";
    expect(await problems('src/budgets/probe.ts', verdict)).toEqual([
      expect.stringContaining('budgets come before report'),
    ]);
    const pipeline =
      "import { runAllocdiff } from '../pipeline.js';\nexport const r = runAllocdiff;\n";
    expect(await problems('src/publish/probe.ts', pipeline)).toEqual([
      expect.stringContaining('only the entry points put the stages together'),
    ]);
    // The other way round is the flow itself.
    expect(await problems('src/publish/probe.ts', publish.replace('../publish/', './'))).toEqual(
      [],
    );
    expect(await problems('src/report/probe.ts', comparison)).toEqual([]);
  });

  it('starts processes in two modules, runs git in one, reaches GitHub and the action runtime from the edges', async () => {
    const spawn = "import { spawn } from 'node:child_process';\nexport const s = spawn;\n";
    expect(await problems('src/capture/command-backend.ts', spawn)).toEqual([
      expect.stringContaining('processes are started in src/capture/process.ts'),
    ]);
    expect(await problems('src/capture/process.ts', spawn)).toEqual([]);
    expect(await problems('src/sides/git.ts', spawn)).toEqual([]);
    const zx = "import { $ } from 'zx/core';\nexport const run = $;\n";
    expect(await problems('src/sides/resolve.ts', zx)).toEqual([
      expect.stringContaining('may not import zx/core'),
    ]);

    const runGit =
      "import { runProcess } from './process.js';\n" +
      "export const status = () => runProcess('git', ['status'], { cwd: '.', env: {}, onOutput: () => {} });\n";
    expect(await problems('src/capture/probe.ts', runGit)).toEqual([
      'git runs through src/sides/git.ts only (the Git class)',
    ]);

    const octokit = "export { Octokit } from '@octokit/rest';\n";
    expect(await problems('src/publish/comment.ts', octokit)).toEqual([
      expect.stringContaining('the GitHub API is reached through src/publish/octokit.ts only'),
    ]);
    expect(await problems('src/publish/octokit.ts', octokit)).toEqual([]);

    const actions = "import * as core from '@actions/core';\nexport const info = core.info;\n";
    for (const file of ['src/pipeline.ts', 'src/cli.ts', 'src/publish/comment.ts']) {
      expect(await problems(file, actions)).toEqual([
        expect.stringContaining("the action's runtime is read by its entry points"),
      ]);
    }
    for (const file of ['src/main.ts', 'src/action-modes.ts', 'src/config/action-inputs.ts']) {
      expect(await problems(file, actions)).toEqual([]);
    }
  });

  it('starts the harness, setup and commands from capture only, and processes in two modules', async () => {
    const spawn = "import { spawn } from 'node:child_process';\nexport const s = spawn;\n";
    for (const file of [
      'src/capture/isolation.ts',
      'src/config/probe.ts',
      'src/publish/probe.ts',
      'src/pipeline.ts',
    ]) {
      expect(await problems(file, spawn)).toEqual([
        expect.stringContaining(`${file} may not import node:child_process`),
      ]);
    }
    const required =
      "const { spawnSync } = await import('child_process');\nexport const s = spawnSync;\n";
    expect(await problems('src/sides/worktrees.ts', required)).toEqual([
      expect.stringContaining('may not import child_process'),
    ]);

    const run =
      "import { runProcess } from '../capture/process.js';\nexport const r = runProcess;\n";
    for (const file of ['src/config/probe.ts', 'src/publish/probe.ts']) {
      expect(await problems(file, run)).toEqual([
        expect.stringContaining(
          `${file} may not import runProcess from src/capture/process.ts: the harness, setup ` +
            'and commands are started by capture',
        ),
      ]);
    }
    const fromEntry =
      "import { runProcess } from './capture/process.js';\nexport const r = runProcess;\n";
    expect(await problems('src/pipeline.ts', fromEntry)).toEqual([
      expect.stringContaining('may not import runProcess from src/capture/process.ts'),
    ]);
    // Renamed, re-exported, or the whole module: still the runner.
    const renamed =
      "import { runProcess as start } from '../capture/process.js';\nexport const r = start;\n";
    const reexported = "export { runProcess } from '../capture/process.js';\n";
    const whole =
      "import * as processes from '../capture/process.js';\nexport const p = processes;\n";
    const dynamic = "export const load = () => import('../capture/process.js');\n";
    for (const code of [renamed, reexported, whole, dynamic]) {
      expect(await problems('src/publish/probe.ts', code)).toEqual([
        expect.stringContaining('are started by capture'),
      ]);
    }
    // What else the module says is not the runner: the entry points ask it where runs are isolated.
    const isolationHere =
      "import { isolationHere } from './capture/process.js';\nexport const i = isolationHere;\n";
    expect(await problems('src/pipeline.ts', isolationHere)).toEqual([]);
    for (const file of [
      'src/capture/side-runner.ts',
      'src/capture/address-randomization.ts',
      'src/capture/probe.ts',
    ]) {
      expect(await problems(file, run.replace('../capture/', './'))).toEqual([]);
    }
  });

  it('holds for every module of src/ as it is', async () => {
    const results = await eslint.lintFiles(['src']);
    const found = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId === 'allocdiff/dependency-direction')
        .map((message) => message.message),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});

/** The modules of src/ each module loads when it runs (type-only imports leave no trace). */
function runtimeImports(): Map<string, string[]> {
  const files = readdirSync(join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => posix.join('src', file.split('\\').join('/')));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(PROJECT_ROOT, file), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const imported: string[] = [];
    const add = (specifier: ts.Node | undefined): void => {
      if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.'))
        return;
      imported.push(posix.join(dirname(file), specifier.text).replace(/\.js$/, '.ts'));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const typesOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              bindings !== undefined &&
              ts.isNamedImports(bindings) &&
              bindings.elements.length > 0 &&
              bindings.elements.every((element) => element.isTypeOnly)));
        if (!typesOnly) add(node.moduleSpecifier);
      } else if (ts.isExportDeclaration(node)) {
        if (!node.isTypeOnly) add(node.moduleSpecifier);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword
      ) {
        add(node.arguments[0]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, imported);
  }
  return graph;
}

describe('module cycles', () => {
  it('no module of src/ loads itself through the modules it imports', () => {
    const graph = runtimeImports();
    expect(graph.get('src/compare/compare.ts')).toContain('src/compare/scenario-details.ts');
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open')
          cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
