/**
 * What a retention finding names as the holder, and the line it blames, on the shapes real
 * libraries have: a module list of plain-class instances (the list, not an instance's attribute,
 * keeps them), a module dict of results (the dict, filled by the line that stores into it), a
 * module list of dicts of lists (the lists' item storage under the same holder), an object that
 * is a class attribute itself (its class holds it), and a changed line among many sites. Through
 * the bundled CLI on a real repository and real Python.
 */
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { formatBytes } from '../../src/format/sizes.js';
import { runReport, type ReportRun } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

/** CPython before 3.12 gives no allocation traceback for an instance that keeps its attributes inline. */
const PYTHON_BEFORE_312 =
  execFileSync('python3', ['-c', 'import sys; print(sys.version_info < (3, 12))'], {
    encoding: 'utf8',
  }).trim() === 'True';

const STORE_BASE = [
  'SIZE = 200',
  '',
  '',
  'class Item:',
  '    def __init__(self, number, text):',
  '        self.number = number',
  '        self.text = text',
  '',
  '',
  'def make(number):',
  '    item = Item(number, str(number) * 20)',
  '    return item',
  '',
  '',
  'def group(key, words):',
  '    groups = {}',
  '    for word in words:',
  '        found = key(word)',
  '        if found not in groups:',
  '            groups[found] = []',
  '        groups[found].append(word)',
  '    return groups',
  '',
  '',
  'class Result:',
  '    def __init__(self, fixed, spans):',
  '        self.fixed = fixed',
  '        self.spans = spans',
  '',
  '',
  'def parse(text):',
  '    fixed = (text,)',
  '    spans = {"at": (0, len(text))}',
  '    result = Result(fixed, spans)',
  '    return result',
  '',
  '',
  'class Registry:',
  '    pass',
  '',
  '',
  'def register(values):',
  '    for value in values:',
  '        pass',
  '',
  '',
  'def build():',
  '    large = [bytearray(3000) for _ in range(SIZE)]',
  '    middle = [bytearray(2000) for _ in range(SIZE)]',
  '    small = [bytearray(1500) for _ in range(SIZE)]',
  '    gone_a = [bytearray(40)]',
  '    gone_b = [bytearray(40)]',
  '    gone_c = [bytearray(40)]',
  '    return large, middle, small, gone_a, gone_b, gone_c',
  '',
].join('\n');

const STORE_HEAD = [
  'SIZE = 300',
  '_keep = []',
  '_history = []',
  '_results = {}',
  '',
  '',
  'class Item:',
  '    def __init__(self, number, text):',
  '        self.number = number',
  '        self.text = text',
  '',
  '',
  'def make(number):',
  '    item = Item(number, str(number) * 20)',
  '    _keep.append(item)',
  '    return item',
  '',
  '',
  'def group(key, words):',
  '    groups = {}',
  '    for word in words:',
  '        found = key(word)',
  '        if found not in groups:',
  '            groups[found] = []',
  '        groups[found].append(word)',
  '    _history.append(groups)',
  '    return groups',
  '',
  '',
  'class Result:',
  '    def __init__(self, fixed, spans):',
  '        self.fixed = fixed',
  '        self.spans = spans',
  '',
  '',
  'def parse(text):',
  '    fixed = (text,)',
  '    spans = {"at": (0, len(text))}',
  '    result = Result(fixed, spans)',
  '    _results[text] = result',
  '    return result',
  '',
  '',
  'class Registry:',
  '    pass',
  '',
  '',
  'def register(values):',
  '    Registry.added = set()',
  '    for value in values:',
  '        Registry.added.add(value)',
  '',
  '',
  'def build():',
  '    large = [bytearray(3000) for _ in range(SIZE)]',
  '    middle = [bytearray(2000) for _ in range(SIZE)]',
  '    small = [bytearray(1500) for _ in range(SIZE)]',
  '    extra = [bytearray(500) for _ in range(SIZE)]',
  '    return large, middle, small, extra',
  '',
].join('\n');

const BENCH = [
  'from app import store',
  '',
  'WORDS = ["word-%d" % index for index in range(3000)]',
  'VALUES = [object() for _ in range(3000)]',
  '',
  '',
  'def bench_items():',
  '    for number in range(3000):',
  '        store.make(number)',
  '',
  '',
  'def bench_groups():',
  '    for _ in range(20):',
  '        store.group(lambda word: word[-2:], WORDS)',
  '',
  '',
  'def bench_results():',
  '    for word in WORDS:',
  '        store.parse(word)',
  '',
  '',
  'def bench_registry():',
  '    store.register(VALUES)',
  '',
  '',
  'def bench_sizes():',
  '    return store.build()',
  '',
].join('\n');

/** The head line of app/store.py that holds `text`. */
function lineOf(text: string): number {
  const index = STORE_HEAD.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line ${text}`);
  return index + 1;
}

describe('the holder a retention finding names, and the line it blames (CLI, real git and Python)', () => {
  let result: ReportRun;
  let report: Report;
  let markdown: string;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/store.py': STORE_BASE, 'benchmarks/bench.py': BENCH },
      { 'app/__init__.py': '', 'app/store.py': STORE_HEAD, 'benchmarks/bench.py': BENCH },
    );
    result = await runReport(
      repo.dir,
      [
        ...['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--retention-paths', '5'],
        ...['--top', '2', '--peak-sites', 'false'],
      ],
      { name: repo.shas[1] },
    );
    expect(result.code, result.stderr).toBe(0);
    ({ report, markdown } = result);
  }, 600_000);

  const findings = (scenario: string) => {
    const found = report.scenarios.find((s) => s.name === scenario)?.retention;
    expect(found, `${scenario}: ${result.stderr}`).toBeDefined();
    return found!;
  };
  const at = (scenario: string, line: number) =>
    findings(scenario).filter((f) => f.site.file === 'app/store.py' && f.site.line === line);

  it("a module list of instances: the list holds them, not an instance's attribute, filled by the changed append", () => {
    const [text] = at('bench_items', lineOf('item = Item('));
    expect(text).toMatchObject({
      kind: 'module global',
      holder: 'app.store._keep',
      holderType: 'list',
      path: 'app.store._keep[…].text',
      culprit: { file: 'app/store.py', line: lineOf('_keep.append(item)'), evidence: 'named' },
    });
    expect(result.stdout).toContain(
      `are kept alive by \`app.store._keep\` (\`list\`), filled at \`app/store.py:${lineOf('_keep.append(item)')}\`, a line this change made`,
    );
    expect(result.stdout).not.toContain('no line this change made was found storing it there');
  });

  it('a module dict of results: the dict holds them, filled by the line that stores into it, not the one that made it', () => {
    const [spans] = at('bench_results', lineOf('spans = {'));
    expect(spans).toMatchObject({
      holder: 'app.store._results',
      holderType: 'dict',
      culprit: { line: lineOf('_results[text] = result'), evidence: 'named' },
    });
  });

  it('an object that is a class attribute itself is held by its class, not by itself', () => {
    const made = lineOf('Registry.added = set()');
    const [set] = at('bench_registry', made);
    expect(set).toMatchObject({
      kind: 'class attribute',
      holder: 'app.store.Registry',
      holderType: 'type',
      name: 'added',
      path: 'app.store.Registry.added',
      culprit: { file: 'app/store.py', line: made, evidence: 'stored' },
    });
    expect(result.stdout).toContain(
      `of 1 object from \`app/store.py:${made}\` is kept alive by the class \`app.store.Registry\`, as its attribute \`added\`, made and bound at \`app/store.py:${made}\``,
    );
    expect(markdown).toContain(
      'the class <code>app.store.Registry</code>, as its attribute <code>added</code>',
    );
    expect(markdown).not.toMatch(/kept alive by <code>app\.store\.Registry\.added<\/code>/);
  });

  it("a module list of dicts of lists: the lists' item storage is found under the same holder, and the lead sums what the holder keeps", () => {
    const grown = lineOf('groups[found].append(word)');
    const [storage] = at('bench_groups', grown);
    expect(storage).toMatchObject({
      storage: 'held',
      kind: 'module global',
      holder: 'app.store._history',
      holderType: 'list',
      culprit: { line: lineOf('_history.append(groups)'), evidence: 'named' },
    });
    expect(storage!.path).toMatch(/^app\.store\._history\[…\]\[/);
    const held = findings('bench_groups').filter((f) => f.holder === 'app.store._history');
    expect(held.length).toBeGreaterThanOrEqual(2);
    expect(result.stdout).toContain(
      `at \`app/store.py:${grown}\` is the item storage of the \`list\`s that \`app.store._history\` holds`,
    );
    // The verdict leads with what its holder keeps in all, over the sites it keeps.
    const lead = report.scenarios
      .flatMap((s) => s.retention ?? [])
      .filter((f) => f.culprit)
      .sort((a, b) => b.bytes - a.bytes)[0]!;
    const scenario = report.scenarios.find((s) => s.retention?.includes(lead))!;
    const same = scenario.retention!.filter(
      (f) => f.holder === lead.holder && f.root === lead.root && f.kind === lead.kind,
    );
    // What it keeps of the growth: each site's growth up to what the holder holds of it (not
    // the site's size on head), never more than grew.
    const grew = new Map(
      scenario.sites.map((site) => [`${site.file}:${site.line}`, site.sizeDelta]),
    );
    const kept = Math.min(
      scenario.retained.delta!,
      same.reduce((sum, f) => {
        const delta = Math.max(0, grew.get(`${f.site.file}:${f.site.line}`) ?? 0);
        return sum + Math.min(f.bytes, delta);
      }, 0),
    );
    // No budget is set, so the check passes: the verdict blames no line (as the terminal's PASS
    // line), and the holder's block leads with what it keeps in all.
    expect(markdown).not.toContain('Caused by');
    const block = markdown
      .split('\n')
      .find((line) => line.startsWith('**🔗 Kept alive by**') && line.includes(lead.holder));
    expect(block).toContain(
      `<code>${lead.holder}</code> keeps ${formatBytes(kept)} of the grown memory alive, at `,
    );
    expect(kept).toBeLessThanOrEqual(scenario.retained.delta!);
  });

  it('the comment lists no empty reference path, and says why storage is not found once', () => {
    expect(markdown).not.toContain('<code></code>');
    const section = markdown.slice(
      markdown.indexOf('**🔗 Kept alive by** (<code>bench_groups</code>)'),
    );
    const block = section.slice(
      0,
      section.indexOf('</details>', section.indexOf('Reference paths')),
    );
    expect(block.match(/allocated no object of its own/g) ?? []).toHaveLength(
      findings('bench_groups').some((f) => f.storage === 'none' || f.storage === 'several') ? 1 : 0,
    );
  });

  it('a line that makes only instances this Python traces no line for says so, not that it made no object', () => {
    const made = lineOf('result = Result(fixed, spans)');
    const [instances] = at('bench_results', made);
    if (!PYTHON_BEFORE_312) {
      expect(instances).toMatchObject({ holder: 'app.store._results' });
      return;
    }
    expect(instances).toMatchObject({
      kind: 'not found',
      storage: 'untraced',
      holderType: 'app.store.Result',
    });
    expect(instances!.items).toBeGreaterThanOrEqual(3000);
    expect(result.stdout).toContain(
      `at \`app/store.py:${made}\`: not searched: this Python gives no allocation line for instances of plain classes (before 3.12), and its blocks have the size of the`,
    );
    expect(result.stdout).not.toContain(
      `at \`app/store.py:${made}\`: not found: the line allocated no object of its own`,
    );
  });

  it('a changed line that grew is shown, not folded behind small shrinks', () => {
    const extra = lineOf('extra = [bytearray(500)');
    const lines = result.stdout.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('changed sites in bench_sizes'));
    const table = lines.slice(heading + 2, lines.indexOf('', heading));
    expect(table.some((line) => line.trim().startsWith(`app/store.py:${extra} *`))).toBe(true);
    // The shrinks it displaced are far smaller than it.
    const sizes = report.scenarios.find((s) => s.name === 'bench_sizes')!.sites;
    const grown = sizes.find((site) => site.line === extra)!;
    expect(grown.changedLine).toBe(true);
    const section = markdown.slice(
      markdown.indexOf('#### Top changed sites · <code>bench_sizes</code>'),
    );
    const open = section.slice(0, section.indexOf('<details>'));
    expect(open).toContain(`app/store.py:${extra}`);
    for (const site of sizes.filter(
      (s) => s.sizeDelta < 0 && Math.abs(s.sizeDelta) < grown.sizeDelta,
    ))
      expect(open).not.toContain(`app/store.py:${site.baseLine}</code>`);
  });
});
