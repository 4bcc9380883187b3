import { describe, expect, it } from 'vitest';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { FileAccess } from '../../src/config/config-file.js';
import { loadConfig, type Config, type ConfigSources } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problems.js';
import type { TextConfig } from '../../src/config/schema.js';
import { ExitCode } from '../../src/errors.js';

const PROJECT = '/repo';

/** A file system of a few files; folders exist when a file is inside them. */
function filesOf(tree: Record<string, string>): FileAccess {
  return {
    exists: (path) => path in tree || Object.keys(tree).some((f) => f.startsWith(`${path}/`)),
    read: (path) => {
      if (!(path in tree)) throw new Error(`no file ${path}`);
      return tree[path];
    },
  };
}

function load(
  tree: Record<string, string>,
  options: Partial<ConfigSources> & { inputs?: TextConfig } = {},
): Config {
  return loadConfig({
    projectDir: PROJECT,
    inputs: {},
    nameInput: (key) => `input "${key === 'budgets' ? 'budget' : key}"`,
    files: filesOf({ '/repo/.git/HEAD': 'ref: refs/heads/main\n', ...tree }),
    ...options,
  });
}

/** The problems of a configuration that does not load. */
function problems(
  tree: Record<string, string>,
  options: Partial<ConfigSources> & { inputs?: TextConfig } = {},
): readonly string[] {
  try {
    load(tree, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.Usage);
    expect((error as ConfigError).message).toBe((error as ConfigError).problems.join('\n'));
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const YAML_CONFIG = `# allocdiff.yml
script: benchmarks/memory.py
setup: pip install -e .
python: python3.12
frames: 5
fail-on: warn
minimum-change: 1KiB
ignore:
  - site-packages/**
  - tests/**
budgets:
  peak: [+5%, 64MB]
  retained: +100KB
  site: { limit: +10KiB, level: warn }
  count: '+1000'
scenarios:
  bench_ingest*:
    budgets:
      peak: 2GB
`;

const TOML_CONFIG = `[project]
name = "mypkg"

[tool.allocdiff]
script = "benchmarks/memory.py"
setup = "pip install -e ."
python = "python3.12"
frames = 5
fail-on = "warn"
minimum-change = "1KiB"
ignore = ["site-packages/**", "tests/**"]

[tool.allocdiff.budgets]
peak = ["+5%", "64MB"]
retained = "+100KB"
site = { limit = "+10KiB", level = "warn" }
count = "+1000"

[tool.allocdiff.scenarios."bench_ingest*".budgets]
peak = "2GB"
`;

describe('loadConfig: a config file', () => {
  it('reads allocdiff.yml into one typed configuration', () => {
    const config = load({ '/repo/allocdiff.yml': YAML_CONFIG });
    expect(config).toEqual({
      script: 'benchmarks/memory.py',
      setup: 'pip install -e .',
      python: 'python3.12',
      frames: 5,
      repeats: 3,
      iterations: 0,
      timeoutMinutes: 30,
      peakSites: 'auto',
      objectTypes: true,
      objectTypesTests: 5,
      retentionPaths: 3,
      skipUnchanged: true,
      selectTests: false,
      failOn: 'warn',
      minimumChange: 1_024,
      ignore: ['site-packages/**', 'tests/**'],
      top: 10,
      comment: 'always',
      budgets: {
        // Each item of a list is a rule of its own (so each may have its own level).
        rules: parseBudgetRules(
          'peak: +5%; peak: 64MB; retained: +100KB; site: +10KiB (warn); count: +1000',
        ),
        overrides: [
          {
            scenarios: 'bench_ingest*',
            origin: 'allocdiff.yml: scenarios."bench_ingest*"',
            metrics: ['peak'],
            rules: parseBudgetRules('peak: 2GB'),
          },
        ],
      },
      configFile: 'allocdiff.yml',
    });
  });

  it('reads [tool.allocdiff] of pyproject.toml to the same configuration', () => {
    const fromYaml = load({ '/repo/allocdiff.yml': YAML_CONFIG });
    const fromToml = load({ '/repo/pyproject.toml': TOML_CONFIG });
    expect({ ...fromToml, budgets: { ...fromToml.budgets, overrides: [] } }).toEqual({
      ...fromYaml,
      budgets: { ...fromYaml.budgets, overrides: [] },
      configFile: 'pyproject.toml',
    });
    expect(fromToml.budgets.overrides[0].origin).toBe('pyproject.toml: scenarios."bench_ingest*"');
  });

  it('finds .github/allocdiff.yml, with paths relative to the folder above .github', () => {
    const config = load({ '/repo/.github/allocdiff.yml': 'script: bench/memory.py\n' });
    expect(config).toMatchObject({
      script: 'bench/memory.py',
      configFile: '.github/allocdiff.yml',
    });
  });

  it('accepts allocdiff.yaml and an empty file', () => {
    expect(load({ '/repo/allocdiff.yaml': 'frames: 2\n' }).frames).toBe(2);
    expect(load({ '/repo/allocdiff.yml': '' })).toMatchObject({
      frames: 1,
      budgets: { rules: [] },
    });
  });

  it('ignores a pyproject.toml without [tool.allocdiff]', () => {
    const config = load({ '/repo/pyproject.toml': '[project]\nname = "x"\n' });
    expect(config.configFile).toBeUndefined();
  });

  it('looks up from a project folder to the repository root, and no further', () => {
    const tree = { '/repo/allocdiff.yml': 'script: pkg/bench.py\n' };
    const config = load(tree, { projectDir: '/repo/pkg' });
    // The script is relative to the file's folder; the run wants it relative to the project.
    expect(config).toMatchObject({ script: 'bench.py', configFile: '/repo/allocdiff.yml' });
    const above = { '/allocdiff.yml': 'frames: 9\n' };
    expect(load(above).frames).toBe(1);
  });

  it('prefers the nearest folder: a sub-project’s pyproject.toml over the root file', () => {
    const config = load(
      {
        '/repo/allocdiff.yml': 'frames: 2\n',
        '/repo/pkg/pyproject.toml': '[tool.allocdiff]\nframes = 3\nscript = "bench.py"\n',
      },
      { projectDir: '/repo/pkg' },
    );
    expect(config).toMatchObject({ frames: 3, script: 'bench.py', configFile: 'pyproject.toml' });
  });

  it('refuses two config files in one folder rather than guess', () => {
    expect(
      problems({
        '/repo/allocdiff.yml': 'frames: 2\n',
        '/repo/pyproject.toml': '[tool.allocdiff]\nframes = 3\n',
      }),
    ).toEqual([
      'allocdiff.yml, pyproject.toml: several config files in one folder; keep one, or choose ' +
        'one with the config input (--config on the CLI)',
    ]);
  });

  it('reads the file the config input names, YAML or TOML by its extension', () => {
    const tree = {
      '/repo/allocdiff.yml': 'frames: 2\n',
      '/repo/ci/memory.toml': 'frames = 4\nscript = "bench.py"\n',
      '/repo/ci/memory.yml': 'frames: 6\n',
    };
    expect(load(tree, { configPath: '/repo/ci/memory.toml' })).toMatchObject({
      frames: 4,
      script: 'ci/bench.py',
      configFile: 'ci/memory.toml',
    });
    expect(load(tree, { configPath: '/repo/ci/memory.yml' }).frames).toBe(6);
  });

  it('says when the named file is missing or has no [tool.allocdiff]', () => {
    expect(problems({}, { configPath: '/repo/ci/none.yml' })).toEqual([
      'ci/none.yml: config file not found; give a path relative to the project, e.g. ci/allocdiff.yml',
    ]);
    expect(
      problems({ '/repo/pyproject.toml': '[project]\n' }, { configPath: '/repo/pyproject.toml' }),
    ).toEqual(['pyproject.toml: has no [tool.allocdiff] table']);
  });

  it('accepts the inline form wherever a rule goes', () => {
    const config = load({
      '/repo/allocdiff.yml': [
        'budgets: "peak: +5%, 64MB; site: +1KB (warn)"',
        'scenarios:',
        '  etl_*:',
        '    budgets: "peak: 2GB; retained: +1MB, -10% (warn)"',
      ].join('\n'),
    });
    expect(config.budgets.rules.map((rule) => rule.source)).toEqual([
      'peak: +5%, 64MB',
      'site: +1KB (warn)',
    ]);
    expect(config.budgets.overrides[0]).toMatchObject({
      metrics: ['peak', 'retained'],
      rules: parseBudgetRules('peak: 2GB; retained: +1MB, -10% (warn)'),
    });
  });

  it('takes a metric’s rules as text, a list of texts and tables, or an empty list', () => {
    const config = load({
      '/repo/allocdiff.yml': [
        'budgets:',
        '  peak: "+5%, 64MB (warn)"',
        '  retained:',
        '    - +100KB',
        '    - { limit: [1MB, -5%], level: warn }',
        '  site: []',
      ].join('\n'),
    });
    expect(config.budgets.rules.map((rule) => rule.source)).toEqual([
      'peak: +5%, 64MB (warn)',
      'retained: +100KB',
      'retained: 1MB, -5% (warn)',
    ]);
  });

  it('accepts one ignore glob as text', () => {
    expect(load({ '/repo/allocdiff.yml': 'ignore: "<stdlib>/**"\n' }).ignore).toEqual([
      '<stdlib>/**',
    ]);
  });
});

describe('loadConfig: inputs over the file over the defaults', () => {
  const file = { '/repo/allocdiff.yml': YAML_CONFIG };

  it('fills in the defaults when nothing is given', () => {
    expect(load({})).toEqual({
      python: 'python3',
      frames: 1,
      repeats: 3,
      iterations: 0,
      timeoutMinutes: 30,
      peakSites: 'auto',
      objectTypes: true,
      objectTypesTests: 5,
      retentionPaths: 3,
      skipUnchanged: true,
      selectTests: false,
      failOn: 'fail',
      minimumChange: 0,
      ignore: [],
      top: 10,
      comment: 'always',
      budgets: { rules: [], overrides: [] },
    });
  });

  it('reads top and comment from the file, and lets inputs replace them', () => {
    const files = { '/repo/allocdiff.yml': 'top: 3\ncomment: on-regression\n' };
    expect(load(files)).toMatchObject({ top: 3, comment: 'on-regression' });
    expect(load(files, { inputs: { top: '0', comment: 'never' } })).toMatchObject({
      top: 0,
      comment: 'never',
    });
    expect(
      load({ '/repo/pyproject.toml': '[tool.allocdiff]\ntop = 25\ncomment = "on-change"\n' }),
    ).toMatchObject({ top: 25, comment: 'on-change' });
  });

  it('lets each input replace the file’s key, and keeps the file’s other keys', () => {
    const config = load(file, {
      inputs: {
        frames: '2',
        'fail-on': 'never',
        budgets: 'retained: +1MB',
        ignore: 'vendor/**, **/{test,tests}/**',
      },
    });
    expect(config).toMatchObject({
      script: 'benchmarks/memory.py',
      python: 'python3.12',
      frames: 2,
      failOn: 'never',
      minimumChange: 1_024,
      ignore: ['vendor/**', '**/{test,tests}/**'],
    });
    // The budget input replaces the file's general rules; its per-scenario budgets still apply.
    expect(config.budgets.rules.map((rule) => rule.source)).toEqual(['retained: +1MB']);
    expect(config.budgets.overrides).toHaveLength(1);
  });

  it('takes a file’s key when the input is not given', () => {
    expect(load(file, { inputs: { script: 'other.py' } })).toMatchObject({
      script: 'other.py',
      frames: 5,
      failOn: 'warn',
    });
  });
});

describe('loadConfig: every problem is one message naming the file, key, value and what is allowed', () => {
  const yaml = (text: string) => problems({ '/repo/allocdiff.yml': text });

  it('names unknown keys at every level, with the allowed ones', () => {
    expect(
      yaml(
        [
          'colour: red',
          'budgets:',
          '  peek: +5%',
          '  peak: { limit: +5%, lvl: warn }',
          'scenarios:',
          '  a*:',
          '    budget: "peak: 1GB"',
        ].join('\n'),
      ),
    ).toEqual([
      'allocdiff.yml:1: colour: unknown key; allowed: script, command, setup, python, frames, repeats, ' +
        'iterations, timeout-minutes, peak-sites, parallel, object-types, object-types-tests, retention-paths, skip-unchanged, select-tests, fail-on, minimum-change, ignore, ' +
        'budgets, scenarios, top, comment',
      'allocdiff.yml:3: budgets.peek: unknown metric; did you mean peak? allowed: peak, retained, ' +
        'site, leak, count, rss',
      'allocdiff.yml:4: budgets.peak.lvl: unknown key; allowed: limit, level',
      'allocdiff.yml:6: scenarios."a*".budgets: got nothing; expected rules as text like ' +
        '"peak: +5%; retained: +100KB", or a table of metric = limits',
      'allocdiff.yml:7: scenarios."a*".budget: unknown key; did you mean budgets? allowed: budgets',
    ]);
  });

  it('guesses the key each misspelt key meant, several in one table', () => {
    const found = yaml(
      ['failon: warn', 'Top: 3', 'peak_sites: true', 'budgets:', '  retianed: +1KB'].join('\n'),
    );
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(
      /^allocdiff\.yml:1: failon: unknown key; did you mean fail-on\? allowed: /,
    );
    expect(found[1]).toMatch(/^allocdiff\.yml:2: Top: unknown key; did you mean top\? allowed: /);
    expect(found[2]).toMatch(
      /^allocdiff\.yml:3: peak_sites: unknown key; did you mean peak-sites\? /,
    );
    expect(found[3]).toBe(
      'allocdiff.yml:5: budgets.retianed: unknown metric; did you mean retained? allowed: peak, ' +
        'retained, site, leak, count, rss',
    );
  });

  it('guesses in a pyproject.toml too', () => {
    expect(problems({ '/repo/pyproject.toml': '[tool.allocdiff]\nfail_on = "warn"\n' })).toEqual([
      expect.stringMatching(
        /^pyproject\.toml: tool\.allocdiff\.fail_on: unknown key; did you mean fail-on\? /,
      ),
    ]);
  });

  it('names wrong types with the value and the expected type', () => {
    expect(
      yaml(
        [
          'frames: two',
          'fail-on: sometimes',
          'python: 3',
          'ignore: 5',
          'budgets:',
          '  peak: 64000000',
          '  retained:',
          '  count: [+1000, { level: warn }]',
        ].join('\n'),
      ),
    ).toEqual([
      'allocdiff.yml:1: frames: got "two"; expected a whole number ≥ 1',
      'allocdiff.yml:2: fail-on: got "sometimes"; expected one of fail, warn, never',
      'allocdiff.yml:3: python: got 3; expected a Python interpreter, e.g. "python3.12"',
      'allocdiff.yml:4: ignore: got 5; expected a list of globs, e.g. ["tests/**"]',
      'allocdiff.yml:6: budgets.peak: got the number 64000000; write limits as text, e.g. "64MB" ' +
        'or "+5%" (in YAML, an unquoted +1000 is the number 1000)',
      'allocdiff.yml:7: budgets.retained: got an empty value; expected limits as text like ' +
        '"+5%, 64MB", a list of them, or a table {limit = "+5%", level = "warn"}',
      'allocdiff.yml:8: budgets.count[0]: got the number 1000; write limits as text, e.g. ' +
        '"+1000" or "+5%" (in YAML, an unquoted +1000 is the number 1000)',
      'allocdiff.yml:8: budgets.count[1].limit: got nothing; expected limits like "+5%, 64MB" or a list',
    ]);
  });

  it('names malformed sizes and percentages, saying what a limit may be', () => {
    const messages = yaml(
      ['minimum-change: 1 kb', 'budgets:', '  peak: [+5%, 5%]', '  site: "+10KB, lots"'].join('\n'),
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toBe(
      'allocdiff.yml:1: minimum-change: "1 kb" is not a size; expected N<unit>, units: B, KB, ' +
        'MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024); units are case-sensitive',
    );
    expect(messages[1]).toMatch(
      /^allocdiff\.yml:3: budgets\.peak\[1\]: "5%" is not a limit \(a percentage needs a sign: .*\); a limit is N<unit> \(ceiling\)/,
    );
    expect(messages[2]).toMatch(/^allocdiff\.yml:4: budgets\.site: "lots" is not a limit; a limit/);
  });

  it('names bad globs, in ignore and in scenario keys', () => {
    expect(
      yaml(
        [
          'ignore: ["[abc", "/abs/**", ""]',
          'scenarios:',
          '  "{a,b":',
          '    budgets: "peak: 1GB"',
        ].join('\n'),
      ),
    ).toEqual([
      'allocdiff.yml:1: ignore[0]: "[abc" is not a valid glob: at character 1, [ is not closed; ' +
        'close the set with ], or write \\[ to match a bracket',
      'allocdiff.yml:1: ignore[1]: "/abs/**" cannot match: paths are repository-relative, like ' +
        'app/cache.py; drop the leading /',
      'allocdiff.yml:1: ignore[2]: an empty glob matches nothing',
      'allocdiff.yml:3: scenarios."{a,b": "{a,b" is not a valid glob: at character 1, { is not ' +
        'closed; close the alternatives with }, or write \\{ to match a brace',
    ]);
  });

  it('names the key path inside pyproject.toml', () => {
    expect(
      problems({
        '/repo/pyproject.toml':
          '[tool.allocdiff]\nframes = 0\n[tool.allocdiff.budgets]\npeak = "5%"\n',
      }),
    ).toEqual([
      'pyproject.toml: tool.allocdiff.frames: got 0; expected a whole number ≥ 1',
      expect.stringMatching(
        /^pyproject\.toml: tool\.allocdiff\.budgets\.peak: "5%" is not a limit/,
      ),
    ]);
  });

  it('reports syntax errors with line and column', () => {
    expect(yaml('frames: 1\nframes: 2\n')).toEqual(['allocdiff.yml:2:1: Map keys must be unique']);
    expect(problems({ '/repo/pyproject.toml': '[tool.allocdiff]\nfail-on = warn\n' })).toEqual([
      'pyproject.toml:2:11: invalid TOML: invalid value',
    ]);
  });

  it('refuses a script and a command in one file, or in the inputs, naming both', () => {
    expect(yaml('frames: 2\nscript: bench.py\ncommand: pytest tests\n')).toEqual([
      'allocdiff.yml:3: command: cannot be set with script; give one: script (a benchmark ' +
        'file) or command (a shell command to measure)',
    ]);
    expect(
      problems(
        { '/repo/pyproject.toml': '[tool.allocdiff]\ncommand = "pytest"\nscript = "b.py"\n' },
        { inputs: { frames: '0' } },
      ),
    ).toEqual([
      'input "frames": got "0"; expected a whole number ≥ 1',
      'pyproject.toml: tool.allocdiff.command: cannot be set with script; give one: script ' +
        '(a benchmark file) or command (a shell command to measure)',
    ]);
    expect(problems({}, { inputs: { script: 'b.py', command: 'pytest' } })).toEqual([
      'input "command": cannot be given with input "script"; give one: script (a benchmark ' +
        'file) or command (a shell command to measure)',
    ]);
    expect(yaml('command: ""\n')).toEqual([
      'allocdiff.yml:1: command: got an empty text; expected a shell command, e.g. "pytest tests/perf"',
    ]);
  });

  it('rejects a file that is not a table of settings', () => {
    expect(yaml('- peak: +5%\n')).toEqual([
      'allocdiff.yml: got a list; expected a table with the keys script, command, setup, python, frames, ' +
        'repeats, iterations, timeout-minutes, peak-sites, parallel, object-types, object-types-tests, retention-paths, skip-unchanged, select-tests, fail-on, minimum-change, ' +
        'ignore, budgets, scenarios, top, comment',
    ]);
  });

  it('names inputs by their own names, and reports input and file problems together', () => {
    expect(
      problems(
        { '/repo/allocdiff.yml': 'frames: 0\n' },
        {
          inputs: {
            budgets: 'peak: 5%',
            frames: 'many',
            'fail-on': 'always',
            'minimum-change': '-1KB',
            ignore: 'ok/**\n[bad',
          },
        },
      ),
    ).toEqual([
      'input "frames": got "many"; expected a whole number ≥ 1',
      'input "fail-on": got "always"; expected one of fail, warn, never',
      expect.stringMatching(/^input "minimum-change": "-1KB" is not a size; expected N<unit>/),
      expect.stringMatching(/^input "ignore": "\[bad" is not a valid glob/),
      expect.stringMatching(/^input "budget": budget rule "peak: 5%": "5%" is not a limit/),
      'allocdiff.yml:1: frames: got 0; expected a whole number ≥ 1',
    ]);
  });
  it('names a bad top or comment, its value and what is allowed', () => {
    expect(
      problems(
        { '/repo/allocdiff.yml': 'top: -1\ncomment: sometimes\n' },
        { inputs: { top: 'ten', comment: 'daily' } },
      ),
    ).toEqual([
      'input "top": got "ten"; expected a whole number ≥ 0',
      'input "comment": got "daily"; expected one of always, on-change, on-regression, never',
      'allocdiff.yml:1: top: got -1; expected a whole number ≥ 0',
      'allocdiff.yml:2: comment: got "sometimes"; expected one of always, on-change, on-regression, never',
    ]);
  });
});

describe('loadConfig: inputs past what can be run are refused, saying what is allowed', () => {
  const yaml = (text: string) => problems({ '/repo/allocdiff.yml': text });

  it('refuses YAML aliases that expand without end (a billion laughs), naming the file', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const name of 'bcdefghi') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const started = performance.now();
    expect(yaml(`${levels.join('\n')}\nscript: bench.py\n`)).toEqual([
      "allocdiff.yml: its aliases (*name) expand past 100 copies of an anchor's value; write " +
        'the values out, or use fewer aliases',
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
    // A few aliases are fine.
    const config = load({
      '/repo/allocdiff.yml': 'budgets:\n  peak: &limit "+5%"\n  retained: *limit\n',
    });
    expect(config.budgets.rules.map((rule) => rule.source)).toEqual(['peak: +5%', 'retained: +5%']);
  });

  it('refuses more frames than tracemalloc records', () => {
    expect(yaml('frames: 70000\n')).toEqual([
      "allocdiff.yml:1: frames: got 70000; expected a whole number from 1 to 65535 (tracemalloc's limit)",
    ]);
    expect(problems({}, { inputs: { frames: '70000' } })).toEqual([
      'input "frames": got "70000"; expected a whole number from 1 to 65535 (tracemalloc\'s limit)',
    ]);
    expect(load({}, { inputs: { frames: '65535' } }).frames).toBe(65_535);
  });

  it('refuses a setup or command too long to pass to the shell (E2BIG)', () => {
    const long = `echo ${'x'.repeat(128 * 1024)}`;
    const why =
      "got 131,077 bytes; a shell command may be at most 131,071 bytes (Linux's limit for one " +
      'argument); put longer commands in a script and run that, e.g. "bash ci/setup.sh"';
    expect(yaml(`script: bench.py\nsetup: ${long}\n`)).toEqual([`allocdiff.yml:2: setup: ${why}`]);
    expect(problems({}, { inputs: { command: long } })).toEqual([`input "command": ${why}`]);
    // Bytes, not characters: "é" is two.
    expect(problems({}, { inputs: { setup: 'é'.repeat(65_536) } })).toEqual([
      expect.stringMatching(/^input "setup": got 131,072 bytes; a shell command may be at most/),
    ]);
    const longest = 'x'.repeat(128 * 1024 - 1);
    expect(load({}, { inputs: { script: 'b.py', setup: longest } }).setup).toBe(longest);
  });

  it('refuses a percentage too large to compare with (Infinity)', () => {
    const huge = `+${'9'.repeat(400)}%`;
    expect(yaml(`budgets:\n  peak: "${huge}"\n`)).toEqual([
      expect.stringMatching(
        /^allocdiff\.yml:2: budgets\.peak: "\+9{400}%" is not a limit \(the number is too large\); a limit is/,
      ),
    ]);
    expect(problems({}, { inputs: { budgets: `retained: ${huge}` } })).toEqual([
      expect.stringMatching(
        /^input "budget": budget rule "retained: \+9{400}%": .* \(the number is too large\)/,
      ),
    ]);
  });
});
