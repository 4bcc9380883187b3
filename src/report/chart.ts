/**
 * A small Mermaid bar chart for the comment (GitHub renders ```mermaid blocks), drawn only when
 * it shows more than one bar. Labels come from the pull request, so they are reduced to letters,
 * digits and `_.-` (nothing Mermaid, Markdown or HTML could read as syntax) and kept short.
 */
import type { Report } from './report.js';
import { scenarioChanged } from './ranking.js';

const MAX_BARS = 8;
const LABEL_LENGTH = 24;

function label(text: string): string {
  const safe = text
    .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
    // GitHub would not autolink inside a chart, but a reader copying it should not get a host.
    .replace(/www\./gi, 'www_');
  return safe.length > LABEL_LENGTH ? `${safe.slice(0, LABEL_LENGTH - 1)}…` : safe;
}

/** One unit for every bar: the largest one that keeps the biggest value ≥ 1. */
function unitFor(values: readonly number[]): { name: string; size: number } {
  const largest = Math.max(...values.map(Math.abs));
  if (largest >= 1024 ** 2) return { name: 'MiB', size: 1024 ** 2 };
  if (largest >= 1024) return { name: 'KiB', size: 1024 };
  return { name: 'bytes', size: 1 };
}

function chart(title: string, bars: readonly { label: string; value: number }[]): string[] {
  const unit = unitFor(bars.map((bar) => bar.value));
  const values = bars.map((bar) => Number((bar.value / unit.size).toFixed(2)));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${bars.map((bar) => `"${bar.label}"`).join(', ')}]`,
    `  y-axis "${unit.name}"`,
    `  bar [${values.join(', ')}]`,
    '```',
  ];
}

/**
 * Peak change per scenario when two or more scenarios' peaks changed; otherwise the retained
 * change of the top sites when the one changed scenario has three or more; otherwise nothing.
 */
export function siteChart(report: Report): string[] {
  const peaks = report.scenarios.filter(
    (s) => s.status === 'ok' && (s.peak.delta ?? 0) !== 0 && scenarioChanged(s),
  );
  if (peaks.length >= 2) {
    const bars = peaks
      .sort((a, b) => Math.abs(b.peak.delta ?? 0) - Math.abs(a.peak.delta ?? 0))
      .slice(0, MAX_BARS)
      .map((s) => ({ label: label(s.name), value: s.peak.delta ?? 0 }));
    return chart('Change in peak memory by scenario', bars);
  }
  const withSites = report.scenarios.filter((s) => s.sites.length > 0);
  if (withSites.length !== 1 || withSites[0].sites.length < 3) return [];
  const bars = withSites[0].sites.slice(0, MAX_BARS).map((site) => ({
    label: `${label(site.file.split('/').pop() ?? site.file)}:${site.line ?? site.baseLine ?? '?'}`,
    value: site.sizeDelta,
  }));
  return chart('Change in retained memory by site', bars);
}
