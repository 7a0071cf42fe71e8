/**
 * The CPU's copy of the most recent dataset, generated in slices (yielding between them)
 * and kept so that training the same data again starts at once. Trainers only read it.
 */
import { fillPackedRows, rowsPerSlice, truthOf } from '../engine/dataset';
import type { CheckedDataset } from '../engine/validate';
import { throwIfAborted, yieldToEventLoop } from '../engine/yield';

let latest: { key: string; rows: Promise<Float32Array> } | null = null;

/** Packed rows (d features, then the label) of a dataset. */
export async function packedRows(spec: CheckedDataset, signal?: AbortSignal): Promise<Float32Array> {
  const key = JSON.stringify([spec.kind, spec.n, spec.d, spec.noise, spec.seed]);
  if (latest?.key !== key) {
    latest = null; // let the previous dataset be collected before allocating the next
    const rows = generateRows(spec, signal);
    const entry = { key, rows };
    latest = entry;
    rows.catch(() => { if (latest === entry) latest = null; });
  }
  try {
    return await latest.rows;
  } catch (e) {
    if (!signal?.aborted && (e as Error).name === 'AbortError') return packedRows(spec, signal);
    throw e;
  }
}

/** Generates packed rows in slices, yielding between them (not cached). */
export async function generateRows(spec: CheckedDataset, signal?: AbortSignal): Promise<Float32Array> {
  const rows = new Float32Array(spec.n * (spec.d + 1));
  const truth = truthOf(spec);
  const step = rowsPerSlice(spec.d);
  for (let begin = 0; begin < spec.n; begin += step) {
    const end = Math.min(spec.n, begin + step);
    fillPackedRows(spec, truth, begin, end, rows, begin * (spec.d + 1));
    if (end < spec.n) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
  }
  return rows;
}
