/**
 * What a training call is doing, from the engine's progress events to what the page shows:
 * a label, a determinate bar where the amount is known, the time left once it can be
 * estimated, the words a screen reader is told, and the one-line summary of a finished run.
 */
import { describeBackendReason, type Backend, type BackendReason, type ProgressEvent } from '../../index';
import { formatMs } from '../../engine/format-ms';
import { formatCompact, formatCount } from './format';

/** The phase a call is in, with how far it is, and the first report of the phase (for the pace). */
export interface RunWork {
  phase: ProgressEvent['phase'];
  backend?: Backend;
  /** Rows made (dataset) or epochs run (training) of `total`; absent where the amount is unknown. */
  done?: number;
  total?: number;
  /** The first report of this phase: `done` then, at `ms` (performance.now()). */
  first: { done: number; ms: number };
  /** Time of the latest report. */
  ms: number;
}

/** How the page draws a RunWork. */
export interface WorkView {
  /** What is happening and how far, e.g. "Generating the dataset on the CPU: 1,234 of 50,000 rows". */
  label: string;
  /** The phase alone, for the live region (it changes once per phase, not per report). */
  announcement: string;
  /** A determinate bar's value and maximum; absent for an indeterminate bar. */
  value?: number;
  max?: number;
  /** "about 12.3 s left", once an estimate can be made. */
  timeLeft?: string;
}

const NAME: Record<Backend, string> = { gpu: 'GPU', cpu: 'CPU' };

/**
 * A time-left estimate needs a pace: at least this long since the phase's first report.
 * Shorter spans were dominated by the first slice's set-up and jumped around.
 */
const MIN_SPAN_MS = 300;

/** The work after `event` arrived at time `ms`, given the work before it. */
export function nextWork(previous: RunWork | undefined, event: ProgressEvent, ms: number): RunWork {
  const amount = event.phase === 'dataset' ? { done: event.done, total: event.total }
    : event.phase === 'training' ? { done: event.epoch, total: event.epochs } : {};
  const backend = event.phase === 'dataset' || event.phase === 'training' ? event.backend : undefined;
  const samePhase = previous?.phase === event.phase;
  return {
    phase: event.phase, ...amount, ...(backend ? { backend } : {}),
    first: samePhase ? previous.first : { done: amount.done ?? 0, ms },
    ms,
  };
}

/** Milliseconds left at the pace since the phase's first report, or undefined while there is no pace yet. */
export function timeLeftMs(work: RunWork): number | undefined {
  if (work.done === undefined || work.total === undefined) return undefined;
  const span = work.ms - work.first.ms;
  const moved = work.done - work.first.done;
  if (span < MIN_SPAN_MS || moved <= 0) return undefined;
  return ((work.total - work.done) * span) / moved;
}

/** The phase in a few words, e.g. "Generating the dataset on the CPU". */
export function phaseWords(work: Pick<RunWork, 'phase' | 'backend'>): string {
  switch (work.phase) {
    case 'calibrating': return 'Timing both backends on a sample (Auto)';
    case 'dataset': return work.backend === 'gpu' ? 'Generating the dataset and uploading it to the GPU' : 'Generating the dataset on the CPU';
    case 'compiling': return 'Compiling the GPU kernels';
    case 'training': return `Training on the ${work.backend ? NAME[work.backend] : 'backend'}`;
  }
}

export function describeWork(work: RunWork): WorkView {
  const words = phaseWords(work);
  const left = timeLeftMs(work);
  const timeLeft = left === undefined ? {} : { timeLeft: `about ${formatMs(left)} left` };
  if (work.done === undefined || work.total === undefined) return { label: `${words}…`, announcement: `${words}…` };
  const unit = work.phase === 'dataset' ? 'rows' : 'epochs';
  return {
    label: `${words}: ${formatCount(work.done)} of ${formatCount(work.total)} ${unit}`,
    announcement: `${words}…`,
    value: work.done, max: work.total, ...timeLeft,
  };
}

/** What a finished call did, as the engine returned it. */
export interface RunOutcome {
  epochs: number;
  /** Samples in the dataset (each epoch visits every one). */
  n: number;
  ms: number;
  backend: Backend;
  adapter?: string;
  backendReason: BackendReason;
}

/**
 * One line: epochs, time, backend and adapter, samples per second, and why that backend,
 * e.g. "Trained 20 epochs in 1.23 s on the GPU (google swiftshader), 16.3M samples/s. The GPU was asked for."
 */
export function runSummary(run: RunOutcome): string {
  const where = `${NAME[run.backend]}${run.adapter ? ` (${run.adapter})` : ''}`;
  const rate = run.ms > 0 ? `, ${formatCompact((run.epochs * run.n * 1000) / run.ms)} samples/s` : '';
  return `Trained ${formatCount(run.epochs)} epoch${run.epochs === 1 ? '' : 's'} in ${formatMs(run.ms)} on the ${where}${rate}. ` +
    describeBackendReason(run.backendReason);
}

/** The line for a call cancelled before its first epoch. */
export function cancelledSummary(work: RunWork | undefined): string {
  return work ? `Cancelled while ${lowerFirst(phaseWords(work))}; nothing of it was kept.` : 'Cancelled before training began.';
}

/** "Generating the dataset" -> "generating the dataset", for the middle of a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
