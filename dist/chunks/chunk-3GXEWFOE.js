import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  askInterpreter,
  harnessDirectory
} from "./chunk-7GECUTJI.js";
import {
  VERSION
} from "./chunk-4243Q66V.js";
import {
  NO_STRING,
  PEAK_SITES_MISSED,
  SITE_COLUMNS,
  SNAPSHOT_SCHEMA,
  SiteTable,
  SnapshotStrings,
  setSiteTable,
  siteTable,
  snapshotDocument
} from "./chunk-ZAFJCKPJ.js";
import {
  InvalidDataError,
  errorMessage
} from "./chunk-XA3YYY7N.js";

// src/capture/side-cache.ts
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/capture/decode.ts
import { endianness } from "node:os";
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var COLUMN_RANGES = SITE_COLUMNS.map((name) => {
  const element = siteTable.shape[name].element;
  return { name, min: element.minValue, max: element.maxValue };
});
function isWholeColumn(column2, min, max) {
  if (!Array.isArray(column2)) return false;
  for (let index = 0; index < column2.length; index += 1) {
    const value = column2[index];
    if (!Number.isInteger(value) || value < min || value > max)
      return false;
  }
  return true;
}
function isStringList(list) {
  if (!Array.isArray(list)) return false;
  for (let index = 0; index < list.length; index += 1)
    if (typeof list[index] !== "string") return false;
  return true;
}
function setColumnsAside(document) {
  const taken = [];
  const lighten = (table, scenario, peak) => {
    if (!isObject(table)) return table;
    const light = { ...table };
    for (const { name, min, max } of COLUMN_RANGES) {
      const column2 = table[name];
      if (!isWholeColumn(column2, min, max) || column2.length === 0) continue;
      light[name] = [];
      taken.push({ scenario, peak, name, column: column2 });
    }
    return light;
  };
  const scenarios = document.scenarios.map((scenario, index) => {
    if (!isObject(scenario)) return scenario;
    const light = { ...scenario };
    if ("sites" in scenario) light.sites = lighten(scenario.sites, index, false);
    if (isObject(scenario.peak) && "sites" in scenario.peak)
      light.peak = { ...scenario.peak, sites: lighten(scenario.peak.sites, index, true) };
    return light;
  });
  const strings = isStringList(document.strings) ? document.strings : void 0;
  return {
    document: { ...document, scenarios, ...strings ? { strings: [] } : {} },
    restore(parsed) {
      if (strings) parsed.strings = strings;
      for (const { scenario, peak, name, column: column2 } of taken) {
        const parsedScenario = parsed.scenarios[scenario];
        const table = peak ? parsedScenario.peak.sites : parsedScenario.sites;
        table[name] = column2;
      }
    }
  };
}
var PROBLEMS_SHOWN = 10;
function decodeSnapshot(document, what) {
  checkVersion(document, what);
  if (!Array.isArray(document.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const fromLists = (raw) => {
    const strings = SnapshotStrings.fromList(Array.isArray(raw.strings) ? raw.strings : []);
    return resolve(raw, what, strings, (table, key) => listColumns(table, key, strings, what));
  };
  const aside = setColumnsAside(document);
  const checked = snapshotDocument.safeParse(aside.document);
  if (!checked.success) {
    try {
      fromLists(document);
    } catch (error) {
      if (error instanceof InvalidDataError) throw error;
    }
    throw schemaProblems(checked.error, what);
  }
  aside.restore(checked.data);
  return fromLists(checked.data);
}
function checkVersion(document, what) {
  if (!isObject(document)) throw new InvalidDataError(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new InvalidDataError(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} (the harness and the action come from different allocdiff versions)`
    );
  }
}
function schemaProblems(error, what) {
  const { issues } = error;
  const problems = issues.slice(0, PROBLEMS_SHOWN).map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  if (issues.length > PROBLEMS_SHOWN) problems.push(`\u2026 and ${issues.length - PROBLEMS_SHOWN} more`);
  return new InvalidDataError(
    `${what} does not match the snapshot schema ${SNAPSHOT_SCHEMA}:
  ${problems.join("\n  ")}`
  );
}
var ROW_BYTES = 32;
var LITTLE_ENDIAN = endianness() === "LE";
function column(Type, body, offset, length) {
  const width = Type.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN && (body.byteOffset + offset) % width === 0)
    return new Type(body.buffer, body.byteOffset + offset, length);
  const copy = new Type(length);
  const bytes = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  body.copy(bytes, 0, offset, offset + length * width);
  if (!LITTLE_ENDIAN) {
    if (width === 8) bytes.swap64();
    else bytes.swap32();
  }
  return copy;
}
function isWhole(value) {
  return Number.isSafeInteger(value) && value >= 0;
}
function decodeSnapshotFile(bytes, what) {
  const newline = bytes.indexOf(10);
  const headerEnd = newline < 0 ? bytes.length : newline;
  const start = /^\{"schema":("[^"\\]*")/.exec(
    bytes.toString("latin1", 0, Math.min(headerEnd, 200))
  );
  if (start) checkVersion({ schema: JSON.parse(start[1]) }, what);
  let header;
  try {
    header = JSON.parse(bytes.toString("utf8", 0, headerEnd));
  } catch (error) {
    throw new InvalidDataError(
      `${what} is not valid JSON on its first line, the snapshot's header: ${error.message}`
    );
  }
  checkVersion(header, what);
  const body = bytes.subarray(newline < 0 ? bytes.length : newline + 1);
  if (newline < 0 || header.binaryBytes !== body.length)
    throw new InvalidDataError(
      `${what} has ${body.length} bytes after its header, which announces ${JSON.stringify(header.binaryBytes)}: the file was cut short or altered`
    );
  if (!Array.isArray(header.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const strings = fileStrings(header.strings, body, what);
  const tableRef = (table, key) => {
    const fits = isObject(table) && Object.keys(table).every((name) => ["rows", "at", "repeats", "tracebacks"].includes(name)) && isWhole(table.rows) && isWhole(table.at) && table.at % 8 === 0 && table.at + table.rows * ROW_BYTES <= body.length;
    if (!fits)
      throw new InvalidDataError(
        `${what}: ${key} is not {rows, at} of site columns within the ${body.length} bytes after the header: ${JSON.stringify(table)?.slice(0, 200)}`
      );
    return { rows: table.rows, at: table.at };
  };
  const light = (table) => {
    const rare = Object.entries(table).filter(
      ([name]) => name === "repeats" || name === "tracebacks"
    );
    return Object.fromEntries([...SITE_COLUMNS.map((name) => [name, []]), ...rare]);
  };
  const refs = [];
  const scenarios = header.scenarios.map((scenario, index) => {
    if (!isObject(scenario)) return scenario;
    const key = `scenario ${String(scenario.name)}`;
    const ref = { sites: tableRef(scenario.sites, `${key} sites`) };
    const checked2 = { ...scenario, sites: light(scenario.sites) };
    if (isObject(scenario.peak)) {
      ref.peak = tableRef(scenario.peak.sites, `${key} peak sites`);
      checked2.peak = { ...scenario.peak, sites: light(scenario.peak.sites) };
    }
    refs[index] = ref;
    return checked2;
  });
  const document = { ...header, scenarios, strings: [] };
  delete document.binaryBytes;
  const checked = snapshotDocument.safeParse(document);
  if (!checked.success) throw schemaProblems(checked.error, what);
  const tables = /* @__PURE__ */ new Map();
  checked.data.scenarios.forEach((scenario, index) => {
    tables.set(scenario.sites, refs[index].sites);
    if (scenario.peak) tables.set(scenario.peak.sites, refs[index].peak);
  });
  return resolve(
    checked.data,
    what,
    strings,
    (table, key) => fileColumns(tables.get(table), body, strings, key, what)
  );
}
function fileStrings(table, body, what) {
  const refused = () => new InvalidDataError(
    `${what}: its strings are not {count, at} of a string table within the ${body.length} bytes after the header: ${JSON.stringify(table)?.slice(0, 200)}`
  );
  if (!isObject(table) || !isWhole(table.count) || !isWhole(table.at) || table.at % 4 !== 0)
    throw refused();
  const { count, at } = table;
  const start = at + count * 4;
  if (start > body.length) throw refused();
  const ends = column(Uint32Array, body, at, count);
  let last = 0;
  for (let index = 0; index < count; index += 1) {
    const end = ends[index];
    if (end < last) throw refused();
    last = end;
  }
  if (start + last > body.length) throw refused();
  return SnapshotStrings.fromBytes(ends, body.subarray(start, start + last));
}
function fileColumns(ref, body, strings, key, what) {
  const { rows, at } = ref;
  const columns = {
    size: column(Float64Array, body, at, rows),
    count: column(Float64Array, body, at + 8 * rows, rows),
    file: column(Uint32Array, body, at + 16 * rows, rows),
    line: column(Uint32Array, body, at + 20 * rows, rows),
    text: column(Int32Array, body, at + 24 * rows, rows),
    function: column(Int32Array, body, at + 28 * rows, rows)
  };
  const { size, count, file, text, function: functions } = columns;
  const limit = strings.count;
  let valid = true;
  for (let row = 0; valid && row < rows; row += 1) {
    const textIndex = text[row];
    const functionIndex = functions[row];
    valid = Number.isSafeInteger(size[row]) && Number.isSafeInteger(count[row]) && file[row] < limit && textIndex < limit && textIndex >= NO_STRING && functionIndex < limit && functionIndex >= NO_STRING;
  }
  if (valid) return columns;
  for (const name of ["size", "count"]) {
    const values = columns[name];
    for (let row = 0; row < rows; row += 1) {
      if (!Number.isSafeInteger(values[row]))
        throw new InvalidDataError(
          `${what}: ${key}.${name} of site ${row} is ${values[row]}, not a whole number`
        );
    }
  }
  checkStringIndexes(file, text, functions, strings, what);
  return columns;
}
function checkStringIndexes(file, text, functions, strings, what) {
  const limit = strings.count;
  let valid = true;
  for (let row = 0; valid && row < file.length; row += 1) {
    const index = file[row];
    valid = index >= 0 && index < limit && Number.isInteger(index);
  }
  for (const column2 of [text, functions]) {
    for (let row = 0; valid && row < column2.length; row += 1) {
      const index = column2[row];
      valid = index >= 0 && index < limit && Number.isInteger(index) || index === NO_STRING;
    }
  }
  if (valid) return;
  for (let row = 0; row < file.length; row += 1) {
    for (const [key, column2, optional] of [
      ["file", file, false],
      ["text", text, true],
      ["function", functions, true]
    ]) {
      const index = column2[row];
      const fine = index >= 0 && index < limit && Number.isInteger(index) || optional && index === NO_STRING;
      if (typeof index === "number" && !fine)
        throw new InvalidDataError(
          `${what}: ${key} refers to string ${index}, not in its string table`
        );
    }
  }
}
function listColumns(table, key, strings, what) {
  if (!isObject(table) || !Array.isArray(table.line))
    throw new InvalidDataError(`${what}: ${key} is not a table of site columns`);
  const { file, line, text, function: functions, size, count } = table;
  const rows = line.length;
  for (const [name, column2] of Object.entries({ file, text, function: functions, size, count })) {
    if (!Array.isArray(column2) || column2.length !== rows)
      throw new InvalidDataError(
        `${what}: ${key}.${name} does not have one entry per site (${rows})`
      );
  }
  checkStringIndexes(file, text, functions, strings, what);
  return {
    size: Float64Array.from(size),
    count: Float64Array.from(count),
    file: Uint32Array.from(file),
    line: line.every((value) => value <= 4294967295) ? Uint32Array.from(line) : Float64Array.from(line),
    text: Int32Array.from(text),
    function: Int32Array.from(functions)
  };
}
function resolve(raw, what, strings, columnsOf) {
  const text = (index, key) => {
    const value = strings.get(index);
    if (value === void 0)
      throw new InvalidDataError(
        `${what}: ${key} refers to string ${index}, not in its string table`
      );
    return value;
  };
  const location = (encoded) => {
    const target = encoded;
    target.file = text(encoded.file, "file");
    if (encoded.text !== void 0) target.text = text(encoded.text, "text");
    if (encoded.function !== void 0) target.function = text(encoded.function, "function");
  };
  const tableOf = (table, key) => {
    const columns = columnsOf(table, key);
    const rows = columns.line.length;
    for (const field of ["repeats", "tracebacks"]) {
      if (table[field] !== void 0 && !Array.isArray(table[field]))
        throw new InvalidDataError(`${what}: ${key}.${field} is not a list of [row, \u2026] entries`);
    }
    const row = (entry, field) => {
      if (!(entry >= 0 && entry < rows))
        throw new InvalidDataError(`${what}: ${key}.${field} names site ${entry} of ${rows}`);
      return entry;
    };
    const repeats = /* @__PURE__ */ new Map();
    for (const [at, sizes, counts] of table.repeats ?? [])
      repeats.set(row(at, "repeats"), [sizes, counts]);
    const tracebacks = /* @__PURE__ */ new Map();
    for (const [at, list] of table.tracebacks ?? []) {
      for (const traceback of list) for (const frame of traceback.frames) location(frame);
      tracebacks.set(row(at, "tracebacks"), list);
    }
    return new SiteTable(columns, strings, repeats, tracebacks);
  };
  const scenario = (rawScenario) => {
    const decoded = rawScenario;
    decoded.repeats ??= [];
    setSiteTable(decoded, tableOf(rawScenario.sites, `scenario ${rawScenario.name} sites`));
    if (rawScenario.peak)
      setSiteTable(
        decoded.peak,
        tableOf(rawScenario.peak.sites, `scenario ${rawScenario.name} peak sites`)
      );
    for (const site of rawScenario.leak?.sites ?? []) location(site);
    for (const site of rawScenario.retention?.sites ?? []) {
      location(site);
      for (const path of site.paths) for (const step of path.via) location(step);
    }
    return decoded;
  };
  const { scenarios, ...envelope } = raw;
  return {
    schema: envelope.schema,
    harness: envelope.harness,
    python: envelope.python,
    platform: envelope.platform,
    frames: envelope.frames,
    repeats: envelope.repeats ?? 1,
    iterations: envelope.iterations ?? 0,
    timings: envelope.timings ?? { setupSeconds: 0, totalSeconds: 0 },
    unmeasured: envelope.unmeasured ?? [],
    scenarios: scenarios.map(scenario),
    ...envelope.foreignModules ? { foreignModules: envelope.foreignModules } : {},
    ...envelope.reads ? { reads: envelope.reads } : {}
  };
}

// src/capture/side-cache.ts
var ENTRY_FORMAT = "allocdiff.measurement/2";
function directoryStore(dir) {
  return {
    name: `the cache folder ${dir}`,
    async read(key) {
      try {
        return await readFile(join(dir, `${key}.json`), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    async write(key, text) {
      await mkdir(dir, { recursive: true, mode: 448 });
      const partial = join(dir, `.${key}.${randomBytes(6).toString("hex")}.partial`);
      try {
        await writeFile(partial, text, { mode: 384 });
        await rename(partial, join(dir, `${key}.json`));
      } finally {
        await rm(partial, { force: true });
      }
    }
  };
}
function actionsCacheStore(toolkit, folder) {
  const pathOf = (key) => join(folder, `${key}.json`);
  return {
    name: "the Actions cache",
    async read(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      try {
        if (await toolkit.restoreCache([path], key) !== key) return void 0;
        return await readFile(path, "utf8");
      } finally {
        await rm(path, { force: true });
      }
    },
    async write(key, text) {
      const path = pathOf(key);
      await mkdir(folder, { recursive: true, mode: 448 });
      await writeFile(path, text, { mode: 384 });
      try {
        await toolkit.saveCache([path], key);
      } finally {
        await rm(path, { force: true });
      }
    }
  };
}
function peakScenarios(asked) {
  return asked === true ? true : asked === false || asked === void 0 ? [] : asked;
}
var SETUP_INPUTS = /^(pyproject\.toml|setup\.py|setup\.cfg|requirements.*\.txt|constraints.*\.txt|.*\.lock|Pipfile(\.lock)?|environment\.ya?ml)$/;
var KEYED_VARIABLES = /^(PYTHON|LC_|ALLOCDIFF_)|^(LANG|LANGUAGE|TZ)$/;
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
async function harnessFacts() {
  const dir = join(harnessDirectory(), "allocdiff_harness");
  const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const list = async (folder, prefix) => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort(byName);
    const listed = await Promise.all(
      entries.map(async (entry) => {
        if (entry.name === "__pycache__") return [];
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return list(path, `${prefix}${entry.name}/`);
        return entry.isFile() ? [[`${prefix}${entry.name}`, path]] : [];
      })
    );
    return listed.flat();
  };
  const files = await list(dir, "");
  const contents = await Promise.all(files.map(([, path]) => readFile(path)));
  const hash = createHash("sha256");
  let version = "";
  files.forEach(([name], index) => {
    const bytes = contents[index];
    if (name === "__init__.py") {
      version = /__version__\s*=\s*"([^"]+)"/.exec(bytes.toString("utf8"))?.[1] ?? "";
    }
    hash.update(`${name}\0${sha256(bytes)}\0`);
  });
  return { version, digest: hash.digest("hex") };
}
function encodeSnapshot(snapshot) {
  const strings = [];
  const indexes = /* @__PURE__ */ new Map();
  const index = (text) => {
    let found = indexes.get(text);
    if (found === void 0) {
      found = strings.length;
      strings.push(text);
      indexes.set(text, found);
    }
    return found;
  };
  const location = (site) => ({
    ...site,
    file: index(site.file),
    ...site.text !== void 0 ? { text: index(site.text) } : {},
    ...site.function !== void 0 ? { function: index(site.function) } : {}
  });
  const table = (sites) => {
    const columns = {
      file: [],
      line: [],
      text: [],
      function: [],
      size: [],
      count: []
    };
    const repeats = [];
    const tracebacks = [];
    sites.forEach((site, row) => {
      columns.file.push(index(site.file));
      columns.line.push(site.line);
      columns.text.push(site.text === void 0 ? NO_STRING : index(site.text));
      columns.function.push(site.function === void 0 ? NO_STRING : index(site.function));
      columns.size.push(site.size);
      columns.count.push(site.count);
      const { sizes, counts } = site;
      if (sizes && counts) repeats.push([row, sizes, counts]);
      if (site.tracebacks) {
        tracebacks.push([
          row,
          site.tracebacks.map((traceback) => ({
            ...traceback,
            frames: traceback.frames.map(location)
          }))
        ]);
      }
    });
    return {
      ...columns,
      ...repeats.length > 0 ? { repeats } : {},
      ...tracebacks.length > 0 ? { tracebacks } : {}
    };
  };
  const scenarios = snapshot.scenarios.map((scenario) => {
    const { sites, peak, leak, ...rest } = scenario;
    return {
      ...rest,
      sites: table(sites),
      ...peak ? { peak: { ...peak, sites: table(peak.sites) } } : {},
      ...leak ? { leak: { ...leak, sites: leak.sites.map(location) } } : {}
    };
  });
  return {
    schema: snapshot.schema,
    harness: snapshot.harness,
    python: snapshot.python,
    platform: snapshot.platform,
    frames: snapshot.frames,
    repeats: snapshot.repeats,
    iterations: snapshot.iterations,
    timings: snapshot.timings,
    scenarios,
    strings,
    unmeasured: snapshot.unmeasured,
    ...snapshot.foreignModules ? { foreignModules: snapshot.foreignModules } : {},
    ...snapshot.reads ? { reads: snapshot.reads } : {}
  };
}
function cachedText(side, commit, savedAt) {
  const when = new Date(savedAt).toISOString().slice(0, 16).replace("T", " ");
  return `${side}: cached measurement of ${commit.slice(0, 7)} from ${when} UTC`;
}
var SideCache = class _SideCache {
  constructor(store, saves, facts) {
    this.store = store;
    this.saves = saves;
    this.facts = facts;
  }
  store;
  saves;
  facts;
  /**
   * The run's facts: the interpreter is asked its version and platform (interpreter.ts; its
   * answer remembered in `rememberIn`, when given), the harness's files are hashed. A string says why there are none (the interpreter could not
   * tell its version).
   */
  static async facts(options) {
    const { env } = options;
    const [harness, python] = await Promise.all([
      harnessFacts(),
      askInterpreter(options.python, env, options.rememberIn)
    ]);
    if (typeof python === "string") return python;
    const variables = Object.keys(env).filter((name) => KEYED_VARIABLES.test(name)).sort().map((name) => `${name}=${env[name]}`);
    return {
      harness,
      python,
      benchmark: options.benchmark,
      setup: options.setup ?? null,
      environment: sha256(variables.join("\0"))
    };
  }
  /**
   * The cache of one run: its store, which sides it saves, and the run's facts (`facts`).
   * Undefined, with a warning, when there are none: nothing is then read or kept.
   */
  static open(options) {
    if (typeof options.facts === "string") {
      options.log.warning(`no measurement cache this run: ${options.facts}`);
      return void 0;
    }
    return new _SideCache(options.store, options.save, options.facts);
  }
  /**
   * The key's fields for a side's commit, the entries at the root of its tree (`git ls-tree`:
   * the files `setup` installs from are keyed by their objects, which name their content) and
   * its measuring settings.
   */
  fieldsOf(commit, rootEntries, measured) {
    const inputs = rootEntries.filter((entry) => SETUP_INPUTS.test(entry.path)).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((entry) => `${entry.path}\0${entry.mode}\0${entry.object}`);
    return {
      format: ENTRY_FORMAT,
      allocdiff: VERSION,
      commit,
      ...this.facts,
      setupInputs: sha256(inputs.join("\0")),
      measured: {
        frames: measured.frames,
        repeats: measured.repeats ?? 1,
        iterations: measured.iterations ?? 0,
        objectTypes: measured.objectTypes ?? false,
        ...measured.objectTypes && measured.objectTypesOf ? { objectTypesOf: [...measured.objectTypesOf].sort() } : {},
        objectTypesLater: measured.objectTypesLater ?? false,
        // Without repeats, an earlier run ends nothing.
        sameAs: measured.sameAs && (measured.repeats ?? 1) > 1 ? measured.sameAs.scenarios.map((s) => s.name).sort() : null,
        only: measured.only ? [...measured.only].sort() : null
      }
    };
  }
  /** The store's key for those fields: the commit, readable, and a digest of the rest. */
  static keyOf(fields) {
    return `allocdiff-measurement-${fields.commit.slice(0, 12)}-${sha256(JSON.stringify(fields)).slice(0, 32)}`;
  }
  /**
   * The side's measurement from the store, when an entry passes every check and looked for the
   * sites at the peak of every scenario `peaks` asks for (it is served with those alone);
   * undefined when there is none, or (with a warning that says why) when the one there is not
   * trusted.
   */
  async load(side, fields, peaks, log) {
    const key = _SideCache.keyOf(fields);
    let text;
    try {
      text = await this.store.read(key);
    } catch (error) {
      log.warning(`${this.store.name} could not be read (${key}): ${errorMessage(error)}`);
      return void 0;
    }
    if (text === void 0) {
      log.info(
        `${side}: no cached measurement of ${fields.commit.slice(0, 7)} in ${this.store.name}`
      );
      return void 0;
    }
    const problem = (why) => {
      log.warning(
        `${side}: the cached measurement ${key} in ${this.store.name} is ignored and ${side} is measured: ${why}`
      );
      return void 0;
    };
    let entry;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      return problem(`it is not valid JSON (${errorMessage(error)})`);
    }
    if (typeof entry !== "object" || entry === null) return problem("it is not a JSON object");
    if (entry.format !== ENTRY_FORMAT)
      return problem(`its format is ${JSON.stringify(entry.format)}, not ${ENTRY_FORMAT}`);
    if (entry.key?.commit !== fields.commit)
      return problem(`it is of commit ${JSON.stringify(entry.key?.commit)}, not ${fields.commit}`);
    if (JSON.stringify(entry.key) !== JSON.stringify(fields))
      return problem("its key fields are not those of this run");
    if (typeof entry.savedAt !== "string" || Number.isNaN(Date.parse(entry.savedAt)))
      return problem("it does not say when it was measured");
    let snapshot;
    try {
      snapshot = decodeSnapshot(entry.snapshot, "its snapshot");
    } catch (error) {
      return problem(errorMessage(error));
    }
    const { python } = fields;
    if (snapshot.python.version !== python.version || snapshot.python.implementation !== python.implementation || snapshot.platform !== "" && snapshot.platform !== python.platform || snapshot.harness.version !== fields.harness.version)
      return problem("its snapshot was taken by another interpreter, platform or harness");
    if (!trustworthy(snapshot)) return problem("it holds a failed scenario");
    const had = entry.peaks;
    if (had !== true && !(Array.isArray(had) && had.every((name) => typeof name === "string")))
      return problem("it does not say which sites at the peak it looked for");
    const names = snapshot.scenarios.map((scenario) => scenario.name);
    const wanted = peaks === true ? names : peaks;
    const missing = wanted.filter((name) => had !== true && !had.includes(name));
    if (missing.length > 0) {
      log.info(
        `${side}: the cached measurement of ${fields.commit.slice(0, 7)} did not look for the sites at the peak of ${missing.join(", ")}: ${side} is measured`
      );
      return void 0;
    }
    log.info(cachedText(side, fields.commit, entry.savedAt));
    return { snapshot: withPeaksOf(snapshot, wanted), savedAt: entry.savedAt };
  }
  /** Keeps a side's measurement, when this run saves that side and the outcome is worth it. */
  async save(side, fields, peaks, outcome, log) {
    if (!this.saves(side) || outcome.kind !== "measured" || !trustworthy(outcome.snapshot)) return;
    const key = _SideCache.keyOf(fields);
    const missed = new Set(
      outcome.snapshot.unmeasured.filter((note) => note.what === PEAK_SITES_MISSED).map((note) => note.scenario)
    );
    const names = outcome.snapshot.scenarios.map((scenario) => scenario.name);
    const looked = missed.size === 0 ? peaks : (peaks === true ? names : peaks).filter(
      (name) => !missed.has(name) && !missed.has(void 0)
    );
    const entry = {
      format: ENTRY_FORMAT,
      key: fields,
      savedAt: (/* @__PURE__ */ new Date()).toISOString(),
      peaks: looked === true ? true : [...looked].sort(),
      snapshot: encodeSnapshot(outcome.snapshot)
    };
    try {
      await this.store.write(key, JSON.stringify(entry));
      log.info(`${side}: measurement of ${fields.commit.slice(0, 7)} saved in ${this.store.name}`);
    } catch (error) {
      log.warning(`${side}: ${this.store.name} could not keep ${key}: ${errorMessage(error)}`);
    }
  }
};
function withPeaksOf(snapshot, wanted) {
  const scenarios = snapshot.scenarios.map((scenario) => {
    if (!scenario.peak || wanted.includes(scenario.name)) return scenario;
    const rest = { ...scenario };
    delete rest.peak;
    return rest;
  });
  const unmeasured = snapshot.unmeasured.filter(
    (note) => note.what !== PEAK_SITES_MISSED || (note.scenario === void 0 ? wanted.length > 0 : wanted.includes(note.scenario))
  );
  return { ...snapshot, scenarios, unmeasured };
}
function trustworthy(snapshot) {
  return snapshot.schema === SNAPSHOT_SCHEMA && !snapshot.foreignModules && snapshot.scenarios.every((scenario) => scenario.status === "ok");
}

export {
  decodeSnapshotFile,
  ENTRY_FORMAT,
  directoryStore,
  actionsCacheStore,
  peakScenarios,
  encodeSnapshot,
  cachedText,
  SideCache
};
