/** The scaling results as a table: speedups and CSV. */
import type { ScalingRow } from './scaling-run';

/** CPU time over GPU time at size n, NaN unless both were measured. */
export function speedupAt(rows: readonly ScalingRow[], n: number): number {
  const cpu = rows.find((r) => r.n === n && r.backend === 'cpu');
  const gpu = rows.find((r) => r.n === n && r.backend === 'gpu');
  return cpu && gpu && gpu.msPerEpoch > 0 ? cpu.msPerEpoch / gpu.msPerEpoch : NaN;
}

/** TF.js time over our GPU time at size n, NaN unless both were measured. */
export function speedupOverTfjs(rows: readonly ScalingRow[], n: number): number {
  const tfjs = rows.find((r) => r.n === n && r.backend === 'tfjs');
  const gpu = rows.find((r) => r.n === n && r.backend === 'gpu');
  return tfjs && gpu && gpu.msPerEpoch > 0 ? tfjs.msPerEpoch / gpu.msPerEpoch : NaN;
}

/** GB/s (1e9 bytes per second) of the dataset a row's epochs read, NaN without a time. */
export function gbPerSecond(row: ScalingRow): number {
  return row.msPerEpoch > 0 ? row.bytesPerEpoch / (row.msPerEpoch * 1e6) : NaN;
}

/**
 * One line per row, with a header; speedup is filled in on GPU rows (over the CPU). When
 * a row has a surface time, two more columns: its milliseconds and how it was computed.
 */
export function scalingCsv(rows: readonly ScalingRow[]): string {
  const surface = rows.some((r) => r.surfaceMs !== undefined);
  const lines = [`n,backend,epochs_timed,ms_per_epoch,samples_per_second,speedup_gpu_over_cpu${surface ? ',surface_ms,surface_method' : ''}`];
  for (const r of rows) {
    const speedup = r.backend === 'gpu' ? speedupAt(rows, r.n) : NaN;
    const perSecond = r.msPerEpoch > 0 ? (r.n * 1000) / r.msPerEpoch : NaN;
    lines.push([
      r.n, r.backend, r.epochs, r.msPerEpoch.toPrecision(6),
      Number.isFinite(perSecond) ? Math.round(perSecond) : '',
      Number.isFinite(speedup) ? speedup.toPrecision(4) : '',
      ...(surface ? [r.surfaceMs?.toPrecision(6) ?? '', r.surfaceMethod ?? ''] : []),
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}
