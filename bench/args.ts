/** The value after `--name` on the command line, or undefined when the flag is absent. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The number after `--name`, or `fallback` when the flag is absent. */
export function numberArg(name: string, fallback: number): number {
  const value = arg(name);
  return value === undefined ? fallback : Number(value);
}
