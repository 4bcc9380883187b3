import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import * as z from 'zod';
import { MAX_SHARDS, type Shard } from '../capture/shard.js';
import { InvalidDataError } from '../errors.js';
import { parseReport } from '../report/report-schema.js';
import { renderJson, type Report } from '../report/report.js';

/**
 * The two-stage (fork-safe) hand-over: `mode: measure` writes these files, the workflow uploads
 * them as an artifact, and `mode: report` (on workflow_run) downloads and checks them. Nothing
 * in it is trusted by the report side: pull-request code ran in the job that wrote it.
 */
export const ARTIFACT_FILES = {
  report: 'report.json',
  comment: 'comment.md',
  pullRequest: 'pull-request.json',
} as const;

/**
 * The artifact's name for a report key: one artifact per allocdiff step, and, for a suite split
 * across runners, one per shard (`allocdiff-KEY-shard-K-of-N`), as `mode: merge` looks for them.
 */
export function artifactName(key: string, shard?: Shard): string {
  const name = `allocdiff-${key.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return shard ? `${name}-shard-${shard.index}-of-${shard.count}` : name;
}

/** The shard an artifact of `key` is for, from its name; undefined for another name. */
export function shardOfArtifact(name: string, key: string): Shard | undefined {
  const prefix = `${artifactName(key)}-shard-`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^([1-9]\d{0,2})-of-([1-9]\d{0,2})$/.exec(name.slice(prefix.length));
  if (!match) return undefined;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return shard.index <= shard.count && shard.count <= MAX_SHARDS ? shard : undefined;
}

export interface PullRequestIdentity {
  number: number;
  headSha: string;
  baseSha: string;
  repository: string;
}

const identitySchema = z.strictObject({
  number: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  baseSha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  repository: z.string().max(300),
});

export async function writeArtifact(
  dir: string,
  report: Report,
  markdown: string,
  identity: PullRequestIdentity,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, ARTIFACT_FILES.report), renderJson(report));
  await writeFile(join(dir, ARTIFACT_FILES.comment), markdown);
  await writeFile(join(dir, ARTIFACT_FILES.pullRequest), `${JSON.stringify(identity, null, 2)}\n`);
}

/** Larger than any honest report; a bigger file is refused before it is parsed. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

function readJson(files: Record<string, Uint8Array>, name: string, artifact: string): unknown {
  const data = files[name];
  if (!data) throw new InvalidDataError(`artifact ${artifact} has no ${name}`);
  if (data.byteLength > MAX_FILE_BYTES)
    throw new InvalidDataError(`${name} in artifact ${artifact} is too large`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    throw new InvalidDataError(
      `${name} in artifact ${artifact} is not valid UTF-8 JSON: ${(error as Error).message}`,
    );
  }
}

/** Unpacks and validates a downloaded artifact (a zip archive). */
export function readArtifact(
  zip: Uint8Array,
  artifact: string,
): { report: Report; identity: PullRequestIdentity } {
  let files: Record<string, Uint8Array>;
  try {
    // Only the files we know are inflated: a zip bomb of other entries costs nothing.
    files = unzipSync(zip, {
      filter: (file) =>
        Object.values(ARTIFACT_FILES).includes(file.name as never) &&
        file.originalSize <= MAX_FILE_BYTES,
    });
  } catch (error) {
    throw new InvalidDataError(
      `artifact ${artifact} is not a readable zip archive: ${(error as Error).message}`,
    );
  }
  const report = parseReport(
    readJson(files, ARTIFACT_FILES.report, artifact),
    `${ARTIFACT_FILES.report} in artifact ${artifact}`,
  );
  const identity = identitySchema.safeParse(readJson(files, ARTIFACT_FILES.pullRequest, artifact));
  if (!identity.success) {
    throw new InvalidDataError(
      `${ARTIFACT_FILES.pullRequest} in artifact ${artifact} is not valid: ${identity.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return { report, identity: identity.data };
}
