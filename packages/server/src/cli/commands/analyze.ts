import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { analyzeHairDetailed, type HairAnalysisResult } from '@anagen/core/hair-analysis';
import { decodeImageForAnalysis, ImageInputError } from '../../modules/analyses/decode-image';
import { renderOverlay } from '../../modules/analyses/render-overlay';

export interface AnalyzeOptions {
  /** Calibration in µm per pixel of the images. */
  umPerPx: number;
  json: boolean;
  /** Directory for annotated PNGs. */
  overlay?: string;
}

export interface AnalyzeIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The DESIGN result plus `durationMs`, and the input `file` so entries of an array can be matched. */
export type AnalysisOutput = { file: string } & HairAnalysisResult & { durationMs: number };

const pct = (v: number) => `${Math.round(v * 100)} %`;

function summary(file: string, r: AnalysisOutput): string {
  const intermediate = Math.max(0, 1 - r.vellusRatio - r.terminalRatio);
  const lines = [
    `${file}`,
    `  hairs        ${r.hairCount} in ${r.areaCm2} cm² → ${r.densityPerCm2} hairs/cm² (true count likely ${r.quality.countInterval[0]}–${r.quality.countInterval[1]})`,
    `  diameter     mean ${r.meanDiameterUm} µm; vellus ${pct(r.vellusRatio)}, intermediate ${pct(intermediate)}, terminal ${pct(r.terminalRatio)}`,
    `  hair mass    ${r.hairMassPerCm2} µm/cm² (sum of diameters per cm²)`,
    `  quality      ${r.quality.ok ? 'ok' : `check the image: ${r.quality.issues.join(', ')}`}; confidence ${r.quality.confidence.toFixed(2)}, typical count error ±${pct(r.quality.expectedError)}`,
    `  time         ${r.durationMs} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

function progress(io: AnalyzeIo, done: number, total: number, label: string): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  io.stderr(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`,
  );
  if (done === total) io.stderr('\n');
}

/**
 * `anagen analyze <image…> --um-per-px F [--json] [--overlay DIR]`.
 * One image → one JSON object (with --json), several → a JSON array in input order; failed files
 * are reported on stderr and left out. Returns the exit code: 0 all analysed, 1 some file failed,
 * 2 bad arguments.
 */
export async function runAnalyze(files: string[], opts: AnalyzeOptions, io: AnalyzeIo): Promise<number> {
  if (!Number.isFinite(opts.umPerPx) || opts.umPerPx <= 0) {
    io.stderr('error: --um-per-px must be a positive number (micrometres per pixel, e.g. 8)\n');
    return 2;
  }
  if (files.length === 0) {
    io.stderr('error: give at least one image file\n');
    return 2;
  }
  if (opts.overlay) await mkdir(opts.overlay, { recursive: true });
  // One thread: a row helper (analyses/row-helper.ts) would share only ~5 % of the work (decision 062).
  return analyzeAll(files, opts, io);
}

async function analyzeAll(files: string[], opts: AnalyzeOptions, io: AnalyzeIo): Promise<number> {
  const results: AnalysisOutput[] = [];
  let failed = 0;
  const many = files.length > 1;
  for (const [i, file] of files.entries()) {
    if (many) progress(io, i, files.length, basename(file));
    try {
      let buffer: Buffer;
      try {
        buffer = await readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new Error(`cannot read the file (${code})`);
      }
      const image = await decodeImageForAnalysis(buffer);
      const t0 = performance.now();
      const { result, traces } = analyzeHairDetailed({ ...image, umPerPx: opts.umPerPx });
      const output: AnalysisOutput = { file, ...result, durationMs: Math.round(performance.now() - t0) };
      results.push(output);
      if (opts.overlay) {
        const png = await renderOverlay(image, result, traces);
        await writeFile(join(opts.overlay, `${basename(file, extname(file))}.overlay.png`), png);
      }
      if (!opts.json) io.stdout(summary(file, output));
    } catch (err) {
      failed++;
      const reason = err instanceof ImageInputError || err instanceof Error ? err.message : String(err);
      if (many) io.stderr('\n');
      io.stderr(`error: ${file}: ${reason}\n`);
    }
  }
  if (many) progress(io, files.length, files.length, 'done');
  if (opts.json && results.length > 0) {
    io.stdout(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
  }
  return failed > 0 ? 1 : 0;
}
