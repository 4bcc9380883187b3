/**
 * action.yml's inputs and the README's inputs and keys tables say what the declarations
 * (src/config/declarations.ts) declare. After a change to the table, rewrite them with
 * `npm run docs:settings` and review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_HELP } from '../../src/config/cli-args.js';
import { DECLARATIONS, SETTINGS } from '../../src/config/declarations.js';
import { SCHEMA_KIT } from '../../src/config/schema.js';
import {
  actionDefault,
  actionInputs,
  flagUsage,
  inputsTable,
  keysTable,
} from '../../src/config/settings-docs.js';
import { PROJECT_ROOT } from '../support/action-runner.js';

const UPDATE = process.env.UPDATE_SETTINGS_DOCS === '1';
const ACTION_YML = join(PROJECT_ROOT, 'action.yml');
const README_MD = join(PROJECT_ROOT, 'README.md');
const HOW = 'run `npm run docs:settings` to write it from src/config/declarations.ts';

/** The text from the line `start` to the line before `end`. */
function section(text: string, start: string, end: string): { from: number; to: number } {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  expect(from, `no ${JSON.stringify(start)}`).toBeGreaterThanOrEqual(0);
  expect(to, `no ${JSON.stringify(end)} after ${JSON.stringify(start)}`).toBeGreaterThan(from);
  return { from, to };
}

/** Compares a part of a file with what the declarations write, or rewrites it when updating. */
function expectCurrent(path: string, start: string, end: string, written: string): void {
  const text = readFileSync(path, 'utf8');
  const { from, to } = section(text, start, end);
  if (UPDATE) {
    writeFileSync(path, text.slice(0, from) + written + text.slice(to));
    return;
  }
  expect(text.slice(from, to), `${path} is not current: ${HOW}`).toBe(written);
}

const marked = (name: string, body: string): [string, string, string] => [
  `<!-- ${name}:start -->`,
  `<!-- ${name}:end -->`,
  `<!-- ${name}:start -->\n${body}\n`,
];

const withInput = DECLARATIONS.filter(([, setting]) => setting.input !== undefined);

describe('action.yml and the README, written from the declarations', () => {
  it('action.yml declares the inputs the table declares', () => {
    expectCurrent(ACTION_YML, 'inputs:\n', '\noutputs:\n', actionInputs());
  });

  it('the README lists the inputs the table declares', () => {
    expectCurrent(README_MD, ...marked('inputs-table', inputsTable()));
  });

  it('the README lists the config-file keys the table declares', () => {
    expectCurrent(README_MD, ...marked('keys-table', keysTable()));
  });

  it('action.yml, as the runner reads it, gives each input its description and default', () => {
    const { inputs } = parse(readFileSync(ACTION_YML, 'utf8')) as {
      inputs: Record<string, { description: string; required: boolean; default: string }>;
    };
    expect(Object.keys(inputs)).toEqual(withInput.map(([, setting]) => setting.input));
    for (const [, setting] of withInput) {
      expect(inputs[setting.input!], setting.input).toEqual({
        description: setting.description,
        required: false,
        default: actionDefault(setting),
      });
    }
    // The configuration's inputs declare no default: a declared default would always win over
    // the config file.
    expect(inputs[SETTINGS.python.input].default).toBe('');
    expect(inputs[SETTINGS.mode.input].default).toBe('full');
    expect(inputs[SETTINGS.githubToken.input].default).toBe('${{ github.token }}');
  });

  it('--help lists every flag, with its help', () => {
    for (const [, { flag, help }] of DECLARATIONS) {
      if (!flag) continue;
      const usage = flagUsage(flag);
      const entry = CLI_HELP.indexOf(`  ${usage}`);
      expect(entry, flag.name).toBeGreaterThan(0);
      const words = CLI_HELP.slice(entry).trim().split(/\s+/).slice(usage.split(' ').length);
      expect(words.slice(0, help!.split(' ').length).join(' '), flag.name).toBe(help);
    }
  });
});

describe('--help', () => {
  it('fits a terminal of 80 columns', () => {
    for (const line of CLI_HELP.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('writes a toggle as --[no-]NAME, with its value when it takes more than true and false', () => {
    expect(CLI_HELP).toContain('  --[no-]parallel ');
    expect(CLI_HELP).toContain('  --[no-]object-types\n');
    expect(CLI_HELP).toContain('  --[no-]peak-sites[=WHEN]\n');
    expect(CLI_HELP).not.toMatch(/--parallel BOOL|--peak-sites WHEN/);
  });
});

describe('the declarations', () => {
  it('make every setting that takes true and false a toggle (--NAME, --no-NAME)', () => {
    let toggles = 0;
    for (const [name, setting] of DECLARATIONS) {
      if (!setting.flag || !setting.parse) continue;
      const parser = setting.parse(SCHEMA_KIT);
      const text = parser.text ?? parser.file;
      const takes = (value: string) => text.safeParse(value).success;
      // A switch takes true and false, and not any word (as a path or a command does).
      const takesBoth = takes('true') && takes('false') && !takes('maybe');
      expect(setting.flag.toggle === true, name).toBe(takesBoth);
      if (takesBoth) toggles++;
    }
    expect(toggles).toBeGreaterThanOrEqual(3);
  });

  it('name each key, input and flag once', () => {
    for (const field of ['key', 'input'] as const) {
      const names = DECLARATIONS.flatMap(([, setting]) => setting[field] ?? []);
      expect(new Set(names).size, field).toBe(names.length);
    }
    const flags = DECLARATIONS.flatMap(([, setting]) => setting.flag?.name ?? []);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('document each input, flag and key where it is listed', () => {
    for (const [name, setting] of DECLARATIONS) {
      if (setting.input) expect(setting.description?.length, name).toBeGreaterThan(20);
      if (setting.input) expect(setting.meaning, name).toBeTruthy();
      if (setting.flag) expect(setting.help, name).toBeTruthy();
      if (setting.key) expect(setting.value, name).toBeTruthy();
    }
  });

  it('parse, as text, every setting of the configuration an input or a flag gives', () => {
    for (const [name, setting] of DECLARATIONS) {
      if (setting.key === undefined) {
        expect(setting.parse, name).toBeUndefined();
        continue;
      }
      const parser = setting.parse!(SCHEMA_KIT);
      expect(parser.text !== undefined, name).toBe(setting.input !== undefined || !!setting.flag);
    }
  });

  it('state in the help and the input description the default they declare', () => {
    for (const [name, setting] of DECLARATIONS) {
      const value = setting.default;
      if (value === undefined || typeof value === 'object') continue;
      const written = String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const stated = new RegExp(`default: ${written}(?=[ ,;)]|$)|^${written} \\(default\\)`, 'i');
      const states = (text: string) => stated.test(text);
      if (setting.flag) expect(states(setting.help!), `${name}: help`).toBe(true);
      if (setting.input) expect(states(setting.description!), `${name}: description`).toBe(true);
    }
  });
});
