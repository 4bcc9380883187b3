// The configuration examples in the README are configurations allocdiff accepts, meaning what
// the README says they mean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { parseConfigDocument } from '../../src/config/config-file.js';
import { validateConfigDocument } from '../../src/config/load-config.js';
import type { ConfigLayer } from '../../src/config/schema.js';
import { PROJECT_ROOT } from '../support/action-runner.js';

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const EXAMPLES = README.slice(
  README.indexOf('### Worked examples'),
  README.indexOf('\n## ', README.indexOf('### Worked examples')),
);

/** The fenced blocks of one language in the worked examples. */
function blocks(language: 'yaml' | 'toml'): string[] {
  return [...EXAMPLES.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
    (match) => match[1],
  );
}

function validate(path: string, text: string): ConfigLayer {
  const layer = validateConfigDocument(parseConfigDocument(path, path, text));
  if (Array.isArray(layer)) throw new Error(layer.join('\n'));
  return layer;
}

describe('the README’s worked examples', () => {
  it('has four, each valid', () => {
    const yaml = blocks('yaml').map((text) => validate('/repo/allocdiff.yml', text));
    const toml = blocks('toml').map((text) => validate('/repo/pyproject.toml', text));
    expect(yaml.length + toml.length).toBe(4);
  });

  it('gives the strict library no-growth rules, ignoring third-party and test code', () => {
    const [strict] = blocks('yaml').map((text) => validate('/repo/allocdiff.yml', text));
    expect(strict.failOn).toBe('warn');
    expect(strict.ignore).toEqual(['site-packages/**', '<stdlib>/**', 'tests/**']);
    expect(strict.budgets?.map((rule) => rule.source)).toEqual([
      'peak: +1% (warn)',
      'retained: +0B',
      'site: +1KiB',
      'count: +0',
    ]);
  });

  it('gives the web service a peak ceiling in bytes, and a warn-level growth limit', () => {
    const [service] = blocks('toml').map((text) => validate('/repo/pyproject.toml', text));
    expect(service.budgets?.[0].limits[0]).toEqual({
      kind: 'ceiling',
      amount: 384 * 1024 ** 2,
      text: '384MiB',
    });
    expect(service.budgets?.[1].level).toBe('warn');
    expect(service.minimumChange).toBe(4_096);
  });

  it('gives the pipeline overrides that replace or remove metrics by scenario glob', () => {
    const [, pipeline] = blocks('yaml').map((text) => validate('/repo/allocdiff.yml', text));
    expect(pipeline.scenarios).toEqual([
      expect.objectContaining({ scenarios: 'bench_ingest_*', metrics: ['peak'] }),
      expect.objectContaining({
        scenarios: 'bench_export*',
        metrics: ['peak', 'retained'],
        rules: [],
      }),
    ]);
  });

  it('locks the improvement in with the same rules as its inline form', () => {
    const [, , locking] = blocks('yaml').map((text) => validate('/repo/allocdiff.yml', text));
    const inline = /`(peak: 52MB[^`]*)`/.exec(EXAMPLES)?.[1];
    expect(inline).toBeDefined();
    expect(locking.budgets).toEqual(parseBudgetRules(inline!));
  });
});
