import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { InvalidDataError } from '../errors.js';

/**
 * The largest snapshot file read (kept in memory whole, its columns used in place). A million
 * sites take about 80 MB.
 */
export const MAX_SNAPSHOT_BYTES = 500 * 1024 * 1024;

/** `1.2 MiB`: a size in messages about the file. */
function mebibytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toPrecision(3))} MiB`;
}

/** What a file that is not a regular one is, for the message that refuses it. */
function fileKind(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The bytes of the snapshot file the harness wrote at `path`. Code of the measured commit ran in
 * the process that wrote it and could have replaced it: only a regular file is read (a symbolic
 * link is not followed, a named pipe or device not opened for a blocking read), asynchronously
 * (the event loop, and so every deadline, keeps running) and up to `limit` bytes.
 */
export async function readSnapshotFile(
  path: string,
  limit: number = MAX_SNAPSHOT_BYTES,
): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: opening a named pipe for reading would wait for a writer for ever.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new InvalidDataError(
        `snapshot ${path} is a symbolic link, not the file the harness writes: refusing to follow it`,
      );
    throw new InvalidDataError(`snapshot ${path} could not be opened: ${(error as Error).message}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new InvalidDataError(
        `snapshot ${path} is ${fileKind(stats)}, not the regular file the harness writes: refusing to read it`,
      );
    const tooLarge = (size: number) =>
      new InvalidDataError(
        `snapshot ${path} is ${mebibytes(size)} (${size} bytes), over the limit of ` +
          `${mebibytes(limit)} (${limit} bytes) a snapshot may have`,
      );
    if (stats.size > limit) throw tooLarge(stats.size);
    // The file may still grow while it is read: never past the limit.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(length);
        const grown = Buffer.allocUnsafe(Math.min(length * 2, limit + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
