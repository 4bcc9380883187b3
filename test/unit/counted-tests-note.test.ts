// What the report says of the tests measured in depth whose objects by type were not counted.
import { describe, expect, it } from 'vitest';
import { countedTestsNote } from '../../src/pipeline.js';

describe('countedTestsNote', () => {
  it('says why none was counted when no retained memory changed', () => {
    expect(countedTestsNote(0, 21, 21)).toBe(
      'objects by type not counted for the 21 tests measured in depth: their retained memory ' +
        'did not change in a first run (the counts, made before and after a call, explain what ' +
        'a call keeps)',
    );
  });

  it('says which were counted, and how many of the others kept the same memory', () => {
    expect(countedTestsNote(1, 21, 20)).toBe(
      'objects by type counted for the 1 of 21 tests measured in depth whose retained memory ' +
        'changed in a first run, not for the other 20 (they kept the same memory on both sides: ' +
        'the counts, made before and after a call, explain what a call keeps)',
    );
    expect(countedTestsNote(5, 30, 3)).toBe(
      'objects by type counted for the 5 of 30 tests measured in depth whose retained memory ' +
        'changed most in a first run, not for the other 25 (3 of them kept the same memory on ' +
        'both sides: the counts, made before and after a call, explain what a call keeps)',
    );
    expect(countedTestsNote(5, 8, 0)).toBe(
      'objects by type counted for the 5 of 8 tests measured in depth whose retained memory ' +
        'changed most in a first run, not for the other 3',
    );
  });
});
