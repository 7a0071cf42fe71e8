/**
 * The dataset being trained, as CSV through the engine's writeTable(): a loaded table as
 * trained (standardized if chosen), or a generated set made again from its settings.
 */
import { makeDataset, writeTable, type Table } from '../../index';
import type { Settings } from '../state/settings';
import { datasetSpec } from '../state/train-config';
import { syntheticColumns } from './model-file';

export async function datasetCsv(s: Settings, table: Table | undefined, signal?: AbortSignal): Promise<Blob> {
  if (s.dataset === 'table') {
    if (!table) throw new Error('datasetCsv: the table dataset is chosen but no table is loaded');
    return writeTable({ x: table.x, y: table.y, d: table.d, columns: table.columns, target: table.target }, signal);
  }
  const spec = datasetSpec(s);
  if (spec.kind === 'table') throw new Error('unreachable');
  const data = makeDataset(spec);
  return writeTable({ x: data.x, y: data.y, d: data.d, ...syntheticColumns(s) }, signal);
}
