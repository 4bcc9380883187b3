// What a side did not measure, in its log: a note made alike for many scenarios is said once.
import { describe, expect, it } from 'vitest';
import { logUnmeasured } from '../../src/capture/side-runner.js';
import type { Logger } from '../../src/log.js';

function logged(notes: Parameters<typeof logUnmeasured>[1]): string[] {
  const lines: string[] = [];
  logUnmeasured({ info: (line: string) => lines.push(line) } as unknown as Logger, notes);
  return lines;
}

describe('logUnmeasured', () => {
  const threads = 'the process runs 2 threads, and a copy forked from it could hang';
  const peak = "sites at the peak of the test's first call";

  it('says a note made alike for many tests once, with how many and the first few', () => {
    const notes = Array.from({ length: 72 }, (_, index) => ({
      what: peak,
      why: threads,
      scenario: `tests/test_x.py::test_${index}`,
    }));
    expect(logged(notes)).toEqual([
      `not measured: ${peak} of 72 scenarios (tests/test_x.py::test_0, tests/test_x.py::test_1, ` +
        `tests/test_x.py::test_2, 69 more): ${threads}`,
    ]);
  });

  it('keeps notes that differ apart, in their order, and names a single scenario', () => {
    expect(
      logged([
        { what: 'objects by type', why: 'no fork here' },
        { what: peak, why: threads, scenario: 'tests/test_a.py::test_a' },
        { what: peak, why: 'another reason', scenario: 'tests/test_a.py::test_b' },
        { what: peak, why: threads, scenario: 'tests/test_a.py::test_c' },
      ]),
    ).toEqual([
      'not measured: objects by type: no fork here',
      `not measured: ${peak} of 2 scenarios (tests/test_a.py::test_a, tests/test_a.py::test_c): ${threads}`,
      `not measured: ${peak} of tests/test_a.py::test_b: another reason`,
    ]);
  });
});
