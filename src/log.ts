/** Where progress goes: `core.group` sections in the action, stderr headings in the CLI. */
export interface Logger {
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string): void;
  /**
   * A stream for the benchmark's and setup's own output (the log, never the report): pull-request
   * output, which the action relays with workflow commands off.
   */
  output(chunk: string): void;
}
