/**
 * The sentence next to the sample count about what the GPU can take. The device's limits
 * are only an upper bound (WebGPU does not say how much memory there is, and SwiftShader
 * refuses a 1 GiB buffer its limits allow), so the hint says so, and once the GPU has
 * held or refused datasets in this session, it says what it saw.
 */
import type { GpuMemoryRecord } from '../../index';
import { formatBytes, formatCount, formatMebibytes } from './format';

export interface CapacityHint {
  text: string;
  /** A GPU run of this size will be, or is likely to be, refused. */
  warn: boolean;
}

/** What happened in this session, as a sentence; empty before anything happened. */
function seen(record: GpuMemoryRecord): string {
  const facts = [
    record.heldBytes !== undefined ? `held ${formatBytes(record.heldBytes)}` : '',
    record.refusedBytes !== undefined ? `refused ${formatBytes(record.refusedBytes)}` : '',
  ].filter((f) => f);
  return facts.length ? `In this session it ${facts.join(' and ')} of data.` : '';
}

/** The hint for n samples of `features` on a GPU whose limits allow `capacityBytes` of data. */
export function gpuCapacityHint(n: number, features: number, capacityBytes: number, record: GpuMemoryRecord): CapacityHint {
  const rowBytes = 4 * (features + 1);
  const bytes = n * rowBytes;
  const rows = Math.floor(capacityBytes / rowBytes);
  const shape = `${formatCount(rows)} samples of ${features} feature${features === 1 ? '' : 's'}`;
  const need = `${formatCount(n)} samples need ${formatBytes(bytes)}`;
  if (n > rows) {
    // Refused by the engine before anything is allocated: certain.
    return {
      text: `${need}; this GPU's limits allow at most ${formatMebibytes(capacityBytes)} (${shape}). A GPU run will be refused: choose fewer samples or the CPU backend.`,
      warn: true,
    };
  }
  if (record.refusedBytes !== undefined && bytes >= record.refusedBytes) {
    return {
      text: `${need}; this GPU refused ${formatBytes(record.refusedBytes)} in this session${record.heldBytes !== undefined ? ` (it held ${formatBytes(record.heldBytes)})` : ''}. A GPU run will likely be refused: choose fewer samples or the CPU backend.`,
      warn: true,
    };
  }
  const limit = `This GPU's limits allow up to ${formatMebibytes(capacityBytes)} of data (${shape}), an upper bound: its driver may refuse less.`;
  return { text: [limit, seen(record)].filter((t) => t).join(' '), warn: false };
}
