import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/capture/process.js';

const dir = mkdtempSync(join(tmpdir(), 'allocdiff-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (extra: { deadline?: number } = {}) => {
  let printed = 0;
  return {
    cwd: dir,
    env: process.env,
    onOutput: (chunk: string) => {
      printed += chunk.length;
    },
    printed: () => printed,
    ...extra,
  };
};

/**
 * Whether a process whose command line holds `marker` is still running (a zombie waiting to be
 * reaped is not). By marker, not by pid: inside the sandbox's PID namespace, a process's pid is
 * not its pid here.
 */
function running(marker: string): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!/^\d+ \(.*\) [ZX]/.test(stat)) return true;
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}

/** A Python one-liner that sleeps a minute, recognisable by `marker` in its command line. */
const sleeper = (marker: string) =>
  `[sys.executable, "-c", "import time; time.sleep(60)", ${JSON.stringify(marker)}]`;

/** Waits until `check` holds, up to `ms`. */
async function eventually(check: () => boolean, ms = 3_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('runProcess', () => {
  it('kills the process and what it started at the deadline', async () => {
    const marker = `allocdiff-grandchild-${process.pid}-${Date.now()}`;
    const script =
      'import subprocess, sys, time\n' +
      `child = subprocess.Popen(${sleeper(marker)})\n` +
      'print("started", flush=True)\n' +
      'time.sleep(60)\n';
    const run = await runProcess(
      'python3',
      ['-c', script],
      options({ deadline: Date.now() + 6_000 }),
    );
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    expect(run.outputTail).toContain('started');
    expect(await eventually(() => !running(marker))).toBe(true);
  });

  // A child that leaves the process group with setsid() (a daemon) is killed all the same.
  it.each([
    ['when the process exits', undefined, 'time.sleep(0.5)\n'],
    ['at the deadline', 4_000, 'time.sleep(60)\n'],
  ])('kills a child that called setsid(), %s', async (_when, timeout, rest) => {
    const marker = `allocdiff-daemon-${process.pid}-${Date.now()}`;
    const script =
      'import os, subprocess, sys, time\n' +
      `subprocess.Popen(${sleeper(marker)}, start_new_session=True,\n` +
      '    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n' +
      'print("started", flush=True)\n' +
      rest;
    const run = await runProcess(
      'python3',
      ['-c', script],
      options(timeout === undefined ? {} : { deadline: Date.now() + timeout }),
    );
    expect(run.outputTail).toContain('started');
    expect(run.timedOut).toBe(timeout === undefined ? undefined : true);
    expect(await eventually(() => !running(marker))).toBe(true);
  });

  it('does not wait for a child that outlives its parent and holds the output open', async () => {
    const script =
      'import subprocess, sys\n' +
      'subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])\n' +
      'print("parent done")\n';
    const run = await runProcess('python3', ['-c', script], options());
    expect(run).toMatchObject({ exitCode: 0 });
    expect(run.timedOut).toBeUndefined();
    expect(run.outputTail).toContain('parent done');
  });

  it('streams megabytes of output and keeps only the tail', async () => {
    const opts = options();
    const script =
      'import sys\nfor i in range(200000): sys.stdout.write("line %d of output\\n" % i)\n';
    const run = await runProcess('python3', ['-c', script], opts);
    expect(run.exitCode).toBe(0);
    expect(opts.printed()).toBeGreaterThan(3_000_000);
    expect(run.outputTail.length).toBeLessThanOrEqual(64 * 1024);
    expect(run.outputTail).toContain('line 199999 of output');
  });

  it('decodes a character whose bytes arrive in two pieces, on each stream', async () => {
    // "é" and "€" written a byte at a time, with a pause, on stdout and on stderr: each pipe
    // delivers them in separate chunks.
    const script =
      'import sys, time\n' +
      'for stream in (sys.stdout.buffer, sys.stderr.buffer):\n' +
      '    for char in ("é", "€"):\n' +
      '        for byte in char.encode():\n' +
      '            stream.write(bytes([byte])); stream.flush(); time.sleep(0.05)\n' +
      '    stream.write(b"\\n"); stream.flush()\n' +
      'time.sleep(0.05); sys.stdout.buffer.write(b"cut \\xe2\\x82"); sys.stdout.flush()\n';
    const chunks: string[] = [];
    const run = await runProcess('python3', ['-c', script], {
      ...options(),
      onOutput: (chunk) => chunks.push(chunk),
    });
    expect(run.exitCode).toBe(0);
    expect(chunks.length).toBeGreaterThan(4);
    expect(run.outputTail).toBe(chunks.join(''));
    expect(run.outputTail).toBe('é€\né€\ncut \ufffd');
  });
});
