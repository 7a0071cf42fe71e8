/**
 * The backend choice in words: the one place that turns a BackendReason into a sentence,
 * for the API's callers, the page's status line, the notices and the benchmark's log.
 */
import { formatMs } from './format-ms';
import type { Backend, BackendReason } from './types';

const NAME: Record<Backend, string> = { gpu: 'GPU', cpu: 'CPU' };

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * One sentence, capitalised and ending in a full stop, e.g. "Auto chose the GPU: about
 * 1.23 ms per epoch here against 4.56 ms on the CPU (timed on 65,536 samples, batch 1)."
 */
export function describeBackendReason(reason: BackendReason): string {
  switch (reason.kind) {
    case 'asked':
      return `The ${NAME[reason.backend]} was asked for.`;
    case 'no-gpu':
      return `No GPU: ${reason.why}.`;
    case 'auto': {
      const other: Backend = reason.chosen === 'gpu' ? 'cpu' : 'gpu';
      return `Auto chose the ${NAME[reason.chosen]}: about ${formatMs(reason.msPerEpoch[reason.chosen])} per epoch here against ` +
        `${formatMs(reason.msPerEpoch[other])} on the ${NAME[other]} ` +
        `(timed on ${count(reason.sampleRows)} samples, batch ${count(reason.batchSize)}).`;
    }
    case 'failover': {
      const where = reason.to === 'gpu' ? `a new GPU device (${reason.adapter ?? 'its adapter unnamed'})` : 'the CPU, as no GPU came back';
      return `The GPU device was lost (${reason.lost}) after epoch ${count(reason.epoch)}; training goes on from there on ${where}.`;
    }
  }
}
