/**
 * The settings as the documentation lists them, written from the declarations: the options of
 * `--help`, the inputs of action.yml, and the README's inputs and keys tables.
 * test/unit/settings-docs.test.ts checks that action.yml and the README are current, and
 * rewrites them with `npm run docs:settings`.
 */
import { DECLARATIONS, type Declaration, type Flag } from './declarations.js';

/** Splits text into lines of at most `width` characters, at spaces (a longer word stays whole). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** `--help` fits a terminal of 80 columns. */
export const HELP_WIDTH = 80;
const HELP_INDENT = 21;

/** One option of `--help`: the flag, then its help beside it (or below, when the flag is long). */
function helpEntry(flag: string, help: string): string {
  const [first, ...rest] = wrapWords(help, HELP_WIDTH - HELP_INDENT);
  const indent = ' '.repeat(HELP_INDENT);
  const name = `  ${flag}`;
  const lead = name.length + 2 <= HELP_INDENT ? name.padEnd(HELP_INDENT) : `${name}\n${indent}`;
  return [`${lead}${first}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
}

/**
 * How `--help` and the README write a flag: `--script PATH`; a toggle `--[no-]parallel`, with
 * its value when it takes more than true and false (`--[no-]peak-sites[=WHEN]`).
 */
export function flagUsage(flag: Flag): string {
  if (!flag.toggle) return `--${flag.name} ${flag.arg}`;
  return `--[no-]${flag.name}${flag.arg === 'BOOL' ? '' : `[=${flag.arg}]`}`;
}

/** The options part of `--help`: every declared flag, then `others` (help, version). */
export function helpOptions(others: readonly { flag: string; help: string }[]): string {
  return [
    ...DECLARATIONS.flatMap(([, { flag, help }]) =>
      flag ? [helpEntry(flagUsage(flag), help ?? '')] : [],
    ),
    ...others.map(({ flag, help }) => helpEntry(flag, help)),
  ].join('\n');
}

/**
 * What action.yml declares as an input's default. A setting of the configuration declares none:
 * the runner passes a declared default as if it were given, and it would always win over the
 * config file.
 */
export function actionDefault(setting: Declaration): string {
  if (setting.actionDefault !== undefined) return setting.actionDefault;
  if (setting.key !== undefined || setting.default === undefined) return '';
  return String(setting.default);
}

const YAML_WIDTH = 100;

/** action.yml's `inputs:` section. */
export function actionInputs(): string {
  const lines = [
    'inputs:',
    '  # Written from src/config/declarations.ts by `npm run docs:settings`: edit the table there.',
  ];
  for (const [, setting] of DECLARATIONS) {
    if (setting.input === undefined) continue;
    const declared = actionDefault(setting);
    lines.push(
      `  ${setting.input}:`,
      '    description: >-',
      ...wrapWords(setting.description ?? '', YAML_WIDTH - 6).map((line) => `      ${line}`),
      '    required: false',
      `    default: ${declared === '' ? "''" : declared}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The default as the README shows it; `none` when there is none. */
function shownDefault(setting: Declaration, none: string): string {
  if (setting.shownDefault !== undefined) return setting.shownDefault;
  const value = setting.actionDefault ?? setting.default;
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return none;
  return `\`${String(value)}\``;
}

const README_WIDTH = 100;

const row = (cells: readonly string[]): string =>
  `|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;

/** The README's table of inputs, with the sentence that says which the config file can set. */
export function inputsTable(): string {
  const inputs = DECLARATIONS.filter(([, setting]) => setting.input !== undefined);
  const notInFile = inputs
    .filter(([, setting]) => setting.key === undefined)
    .map(([, setting]) => `\`${setting.input}\``);
  const intro =
    `Every input but ${notInFile.slice(0, -1).join(', ')} and ${notInFile.at(-1)} can also be ` +
    'set in the [config file](#configuration-and-size-budgets); an input that is given wins ' +
    'over the file.';
  return [
    ...wrapWords(intro, README_WIDTH),
    '',
    row(['input', 'default', 'meaning']),
    row(['---', '---', '---']),
    ...inputs.map(([, setting]) =>
      row([`\`${setting.input}\``, shownDefault(setting, ''), setting.meaning ?? '']),
    ),
  ].join('\n');
}

/** How the keys table names a setting's input and flag. */
function inputAndFlag(setting: Declaration): string {
  const input = setting.input !== undefined ? `\`${setting.input}\`` : undefined;
  const flag = setting.flag
    ? `\`${setting.flag.toggle ? `--[no-]${setting.flag.name}` : `--${setting.flag.name}`}\`${setting.flag.multiple ? ' (repeatable)' : ''}`
    : undefined;
  if (input && flag) return `${input} / ${flag}`;
  if (input) return `${input} (action only)`;
  if (flag) return `${flag} (CLI only)`;
  return '(file only)';
}

/** The README's table of config-file keys. */
export function keysTable(): string {
  return [
    row(['key (file)', 'input / flag', 'value', 'default']),
    row(['---', '---', '---', '---']),
    ...DECLARATIONS.flatMap(([, setting]) =>
      setting.key === undefined
        ? []
        : [
            row([
              `\`${setting.key}\``,
              inputAndFlag(setting),
              setting.value ?? '',
              shownDefault(setting, 'none'),
            ]),
          ],
    ),
  ].join('\n');
}
