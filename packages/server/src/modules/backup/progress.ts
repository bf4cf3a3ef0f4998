/** Where backup and restore report what they are doing (the CLI prints; tests collect). */
export type Progress = (line: string) => void;

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
