/**
 * The longest strings a report holds: the report schema refuses longer ones in an artifact, and
 * the full mode cuts what it writes to them (`cut`), so report mode reads every report it wrote.
 */
export const TEXT_LIMITS = {
  /** A source line's text, an error message, a warning. */
  text: 10_000,
  /** A function's name, a scenario's, an exception type's, an object type's. */
  name: 1_000,
  file: 4_096,
  /** A traceback, the output kept of a failed run. */
  long: 100_000,
} as const;

/**
 * The most sites a report lists: per scenario, and in all (shared among the scenarios that have
 * sites). A scenario's other changed sites are summed into its `sitesLeftOut`: a report of a
 * million sites stays within what report mode reads from an artifact.
 */
export const SITE_LIMITS = {
  perScenario: 10_000,
  total: 100_000,
} as const;

/** `text` cut to `limit` characters, the cut said at its end; as it is when it fits. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const marker = (dropped: number) => `… [${dropped} more characters]`;
  // The marker's own length depends on the number it gives: the longest it can be is kept free.
  const kept = limit - marker(text.length).length;
  return text.slice(0, kept) + marker(text.length - kept);
}
