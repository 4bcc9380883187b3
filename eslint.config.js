import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import dependencyDirection from './scripts/eslint-dependency-direction.mjs';

/** Node's own modules, as `fs` and as `node:fs`. */
const NODE_BUILTINS = builtinModules.flatMap((name) => [name, `node:${name}`]);

/** Where each stage of the data flow lives. */
const STAGE = {
  config: 'src/config/**',
  sides: 'src/sides/**',
  capture: 'src/capture/**',
  compare: 'src/compare/**',
  budgets: 'src/budgets/**',
  report: 'src/report/**',
  publish: 'src/publish/**',
};

/** What one stage hands the next: the only modules of an earlier stage the pure core reads. */
const CONTRACTS = ['src/capture/snapshot.ts', 'src/sides/line-map.ts'];

/** Modules of no stage, which any module may import and which import no stage. */
const NEUTRAL = ['src/errors.ts', 'src/log.ts', 'src/version.ts', 'src/format/**'];

/** The entry points and the orchestration they share: they may import anything. */
const ENTRY_POINTS = [
  'src/index.ts',
  'src/main.ts',
  'src/action-modes.ts',
  'src/cli.ts',
  'src/terminal-logger.ts',
  'src/pipeline.ts',
];

/** The modules that start processes: the harness's runner and git's. */
const PROCESS_MODULES = ['src/capture/process.ts', 'src/sides/git.ts'];
const PROCESS_PACKAGES = ['child_process', 'node:child_process', 'zx', 'zx/**', 'execa'];

/**
 * The data flow, one direction: config → sides (git) → capture → compare → budgets → report →
 * publish. A module imports from its own stage and from earlier ones, never from a later one;
 * compare, budgets and report (the pure core) read an earlier stage only through its contract.
 * Config is the exception: it validates every stage's settings, so it reads their grammars
 * (budget rules, the comment policy, the event plan).
 */
const BOUNDARIES = [
  {
    files: [STAGE.compare, STAGE.budgets, STAGE.report],
    forbid: ['src/**', ...NODE_BUILTINS],
    allow: [STAGE.compare, STAGE.budgets, STAGE.report, ...CONTRACTS, ...NEUTRAL],
    because:
      'compare, budgets and report are pure functions of the snapshot (src/capture/snapshot.ts) ' +
      'and the line map (src/sides/line-map.ts): they import those, each other in the order of ' +
      'the data flow, and the neutral modules, and no I/O',
  },
  {
    files: [STAGE.compare],
    forbid: [STAGE.budgets, STAGE.report],
    because: 'compare comes before budgets and report',
  },
  {
    files: [STAGE.budgets],
    forbid: [STAGE.report],
    because: 'budgets come before report',
  },
  {
    files: [STAGE.capture],
    forbid: [STAGE.compare, STAGE.budgets, STAGE.report, STAGE.publish],
    because: 'capture comes before compare, budgets, report and publish',
  },
  {
    files: [STAGE.sides],
    forbid: [STAGE.capture, STAGE.compare, STAGE.budgets, STAGE.report, STAGE.publish],
    because: 'sides come before capture, compare, budgets, report and publish',
  },
  {
    files: CONTRACTS,
    forbid: ['src/**'],
    because: 'a contract between stages stands alone, so that reading it pulls in nothing else',
  },
  {
    files: NEUTRAL,
    forbid: ['src/**'],
    allow: NEUTRAL,
    because: 'a neutral module belongs to no stage, so it imports none',
  },
  {
    files: ['src/**'],
    except: ENTRY_POINTS,
    forbid: ENTRY_POINTS,
    because: 'only the entry points put the stages together',
  },
  {
    files: ['src/**'],
    except: PROCESS_MODULES,
    forbid: PROCESS_PACKAGES,
    because:
      'processes are started in src/capture/process.ts (the harness, setup, commands) and ' +
      'src/sides/git.ts (git) only',
  },
  {
    // The other stages may not import capture's process runner at all (the rules above).
    files: [STAGE.config, STAGE.publish, ...ENTRY_POINTS],
    forbid: ['src/capture/process.ts'],
    names: ['runProcess'],
    because:
      'the harness, setup and commands are started by capture (its backends, side runner and ' +
      'side environment) only',
  },
  {
    files: ['src/**'],
    except: ['src/publish/octokit.ts'],
    forbid: ['@octokit/**', 'octokit'],
    because: 'the GitHub API is reached through src/publish/octokit.ts only',
  },
  {
    files: ['src/**'],
    except: ['src/index.ts', 'src/main.ts', 'src/action-modes.ts', 'src/config/action-inputs.ts'],
    forbid: ['@actions/**'],
    because:
      "the action's runtime is read by its entry points (src/main.ts, src/action-modes.ts) and " +
      'its input reader (src/config/action-inputs.ts) only: everything else runs in the CLI too',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'python/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { allocdiff: { rules: { 'dependency-direction': dependencyDirection } } },
    rules: { 'allocdiff/dependency-direction': ['error', BOUNDARIES] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/sides/git.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[arguments.0.value='git']",
          message: 'git runs through src/sides/git.ts only (the Git class)',
        },
      ],
    },
  },
);
