/**
 * The files a run leaves, one entry each: where it goes (from the settings' paths), how it is
 * rendered from the report, and how the action's output and the CLI name it. Full mode and
 * report mode write them through `writeOutputs`; the action sets one output per entry and the
 * CLI prints one line per entry. A new output is one entry here and its renderer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderHtml } from '../report/html.js';
import { renderMarkdown, renderSummary } from '../report/markdown.js';
import { renderJson, type Report } from '../report/report.js';

/** Where the outputs go, as the settings give it. */
export interface OutputPaths {
  jsonPath: string;
  markdownPath: string;
}

/** How the renderers shape the report: the settings that play a part in rendering. */
export interface RenderOptions {
  /** Changed sites listed per scenario and direction (the renderers' default when absent). */
  topSites?: number;
  /** Where the workflow keeps the HTML report: the comment links it. */
  htmlUrl?: string;
}

export interface Output {
  /** The action's output that gives the file's path (declared in action.yml's `outputs:`). */
  name: string;
  /** What the file is, in the CLI's list of the files it wrote. */
  label: string;
  /** The action output's description in action.yml. */
  description: string;
  /** Its path, from the settings' paths. */
  path(paths: OutputPaths): string;
  render(report: Report, options: RenderOptions): string;
}

/** The rendering options a run's settings give. */
export function renderOptions(settings: RenderOptions): RenderOptions {
  const options: RenderOptions = {};
  if (settings.topSites !== undefined) options.topSites = settings.topSites;
  if (settings.htmlUrl !== undefined) options.htmlUrl = settings.htmlUrl;
  return options;
}

/** Where the full Markdown report goes: beside the comment's file. */
export function summaryPathOf(markdownPath: string): string {
  return markdownPath.endsWith('.md')
    ? `${markdownPath.slice(0, -3)}.summary.md`
    : `${markdownPath}.summary.md`;
}

/** Where the HTML report goes: beside the comment's file. */
export function htmlPathOf(markdownPath: string): string {
  return markdownPath.endsWith('.md')
    ? `${markdownPath.slice(0, -3)}.html`
    : `${markdownPath}.html`;
}

/** Every output, in the order they are written and listed. */
export const OUTPUTS = [
  {
    name: 'report',
    label: 'JSON report',
    description: 'Path of the JSON report (its fields are documented in the README).',
    path: (paths) => paths.jsonPath,
    render: (report) => renderJson(report),
  },
  {
    name: 'comment',
    label: 'Markdown',
    description:
      'Path of the Markdown comment (written even when the comment input keeps it off the pull ' +
      'request).',
    path: (paths) => paths.markdownPath,
    render: (report, { topSites, htmlUrl }) => renderMarkdown(report, { topSites, htmlUrl }),
  },
  {
    name: 'summary',
    label: 'Full Markdown report',
    description:
      "Path of the full Markdown report: the job summary's text, every changed site listed.",
    path: (paths) => summaryPathOf(paths.markdownPath),
    render: (report, { topSites }) => renderSummary(report, topSites),
  },
  {
    name: 'html',
    label: 'HTML report',
    description:
      "Path of the HTML report: one self-contained page with each scenario's totals, a " +
      'differential flame graph of the changed sites and the sortable site table.',
    path: (paths) => htmlPathOf(paths.markdownPath),
    render: (report) => renderHtml(report),
  },
] as const satisfies readonly Output[];

export type OutputName = (typeof OUTPUTS)[number]['name'];

/** What was written for one output. */
export interface Written {
  path: string;
  content: string;
}

/** The paths of the outputs, by name. */
export function outputPaths(paths: OutputPaths): Record<OutputName, string> {
  return Object.fromEntries(OUTPUTS.map((output) => [output.name, output.path(paths)])) as Record<
    OutputName,
    string
  >;
}

/**
 * Renders the report into every output of `outputs` and writes each one (folders made as
 * needed), in order; returns what was written, by name.
 */
export async function writeOutputs<O extends Output = (typeof OUTPUTS)[number]>(
  paths: OutputPaths,
  report: Report,
  options: RenderOptions = {},
  outputs: readonly O[] = OUTPUTS as readonly Output[] as readonly O[],
): Promise<Record<O['name'], Written>> {
  const written: Partial<Record<O['name'], Written>> = {};
  for (const output of outputs) {
    const path = output.path(paths);
    const content = output.render(report, options);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written[output.name as O['name']] = { path, content };
  }
  return written as Record<O['name'], Written>;
}
