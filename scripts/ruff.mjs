// Lints python/ with ruff, with the settings of python/ruff.toml: ruff's WebAssembly build, from
// npm like every other tool here. Prints one line per finding; exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { parse } from 'smol-toml';

const root = join(import.meta.dirname, '..');
const folder = join(root, 'python');
const settings = parse(readFileSync(join(folder, 'ruff.toml'), 'utf8'));
const workspace = new Workspace(settings, PositionEncoding.Utf16);

const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.py'))
  .sort();
let findings = 0;
for (const file of files) {
  const path = relative(root, join(folder, file));
  for (const found of workspace.check(readFileSync(join(folder, file), 'utf8'))) {
    const { row, column } = found.start_location;
    console.log(`${path}:${row}:${column}: ${found.code ?? 'error'} ${found.message}`);
    findings += 1;
  }
}
console.log(
  `ruff ${Workspace.version()}: ${files.length} files, ${findings || 'no'} finding${findings === 1 ? '' : 's'}`,
);
process.exitCode = findings > 0 ? 1 : 0;
