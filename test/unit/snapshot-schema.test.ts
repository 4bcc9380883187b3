/**
 * python/allocdiff_harness/snapshot.schema.json is the snapshot contract as the harness and its
 * tests read it: written from `snapshotDocument` (src/capture/snapshot.ts), the schema the
 * decoder checks. After a change there, rewrite it with `npm run schema:snapshot`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_SCHEMA, snapshotJsonSchema } from '../../src/capture/snapshot.js';
import { PROJECT_ROOT } from '../support/action-runner.js';

const SCHEMA_FILE = join(PROJECT_ROOT, 'python', 'allocdiff_harness', 'snapshot.schema.json');
const UPDATE = process.env.UPDATE_SNAPSHOT_SCHEMA === '1';

describe('the snapshot schema file', () => {
  it('is the schema the decoder checks', () => {
    const written = `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`;
    if (UPDATE) writeFileSync(SCHEMA_FILE, written);
    expect(
      readFileSync(SCHEMA_FILE, 'utf8'),
      'run `npm run schema:snapshot` to write it from src/capture/snapshot.ts',
    ).toBe(written);
  });

  it('holds the one version both sides write and read', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      properties: { schema: { const: string } };
    };
    expect(schema.properties.schema.const).toBe(SNAPSHOT_SCHEMA);
  });
});
