export const CASES: number;
export const OTHER_TESTS: number;
export function pytestSuiteFiles(options: {
  modules: number;
  entryWidth?: Record<number, number>;
  dataSize?: Record<number, number>;
}): Record<string, string>;
export function writeFiles(dir: string, files: Record<string, string>): void;
