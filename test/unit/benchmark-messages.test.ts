/**
 * The messages about the benchmark's settings come from their declarations (the settings of
 * the `benchmark` group in src/config/declarations.ts), so a new way of naming the benchmark is
 * offered by every message without editing it.
 */
import { describe, expect, it } from 'vitest';
import { CLI_HELP } from '../../src/config/cli-args.js';
import { DECLARATIONS } from '../../src/config/declarations.js';
import { BENCHMARK_NAMES, benchmarkChoice, benchmarkRequired } from '../../src/config/settings.js';

describe('the benchmark messages, from the declarations', () => {
  it('name every setting of the benchmark group, in the order of the table', () => {
    const group = DECLARATIONS.filter(([, setting]) => setting.group === 'benchmark');
    expect(BENCHMARK_NAMES).toEqual(group.map(([name]) => name));
    expect(BENCHMARK_NAMES).toEqual(['script', 'command']);
  });

  it('say what to give, on a command line and as action inputs', () => {
    expect(benchmarkChoice()).toBe(
      'give one: script (a benchmark file) or command (a shell command to measure)',
    );
    expect(benchmarkRequired('flag')).toBe(
      '--script or --command is required (or script or command in the config file): the ' +
        'benchmark file, e.g. --script benchmarks/memory.py, or a command whose Python ' +
        'processes are measured, e.g. --command "pytest tests/perf"',
    );
    expect(benchmarkRequired('input')).toBe(
      'input "script" or "command" is required (or script or command in the config file): ' +
        'the path of the memory benchmark, e.g. benchmarks/memory.py, or a command whose ' +
        'Python processes are measured, e.g. pytest tests/perf',
    );
    expect(CLI_HELP).toContain(
      '\n  allocdiff --base REF [--script PATH | --command CMD] [options]\n',
    );
  });
});
