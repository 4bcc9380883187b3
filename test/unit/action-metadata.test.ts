import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DECLARATIONS } from '../../src/config/declarations.js';
import { OUTPUTS } from '../../src/publish/outputs.js';
import { PROJECT_ROOT } from '../support/action-runner.js';

interface ActionMetadata {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as ActionMetadata;
const source = (file: string): string => readFileSync(join(PROJECT_ROOT, 'src', file), 'utf8');
const namesIn = (text: string, pattern: RegExp): string[] =>
  [...new Set([...text.matchAll(pattern)].map((match) => match[1]))].sort();

describe('action.yml', () => {
  it('runs the bundle on Node 24', () => {
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(readFileSync(join(PROJECT_ROOT, '.node-version'), 'utf8').trim()).toBe('24');
  });

  it('declares, with a description, exactly the inputs the action reads', () => {
    // Inputs are read in one place, and only the declared ones (src/config/declarations.ts).
    const readers = readdirSync(join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => (source(file).match(/getInput\(/g) ?? []).map(() => file));
    expect(readers).toEqual([join('config', 'action-inputs.ts')]);
    const read = DECLARATIONS.flatMap(([, setting]) => setting.input ?? []).sort();
    expect(Object.keys(metadata.inputs).sort()).toEqual(read);
    for (const [name, input] of Object.entries(metadata.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20);
    }
  });

  it('declares, with a description, exactly the outputs the action sets', () => {
    // The files' outputs are set in a loop over the list of outputs.
    const set = [
      ...namesIn(source('action-modes.ts'), /setOutput\('([^']+)'/g),
      ...OUTPUTS.map((output) => output.name),
    ].sort();
    expect(Object.keys(metadata.outputs).sort()).toEqual(set);
    for (const output of Object.values(metadata.outputs)) expect(output.description).not.toBe('');
  });

  it('has branding for the Marketplace', () => {
    expect(metadata.branding.icon).not.toBe('');
    expect(metadata.branding.color).not.toBe('');
  });

  it('keeps the reported version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(source('version.ts')).toContain(`VERSION = '${pkg.version}'`);
    expect(pkg.bin).toEqual({ allocdiff: 'dist/cli.js' });
  });
});
