/**
 * How many batches go into one submission: long enough that the per-submission cost is
 * small, short enough that cancel and progress stay prompt, adapted to the measured speed.
 */
import { LOSS_RING } from './training-buffers';

/** Aim for submissions of about this many milliseconds: cancel and progress stay prompt. */
const TARGET_SUBMISSION_MS = 60;
/** The first guess, in row values read per submission, before anything was measured. */
const FIRST_GUESS_VALUES = 2 ** 20;

export class SubmissionSizing {
  /** Batch granularity (the small-batch kernel runs whole dispatches). */
  readonly #batchesPerDispatch: number;
  /** Most batches per submission: whole dispatches spanning at most half the loss ring's epochs. */
  readonly #most: number;
  /** Batches per the next submission. */
  #batches: number;

  constructor(batchesPerDispatch: number, batchesPerEpoch: number, valuesPerBatch: number) {
    this.#batchesPerDispatch = batchesPerDispatch;
    this.#most = Math.max(batchesPerDispatch, Math.floor((LOSS_RING / 2) * batchesPerEpoch / batchesPerDispatch) * batchesPerDispatch);
    this.#batches = Math.min(this.#most, this.#roundToDispatch(Math.max(1, Math.floor(FIRST_GUESS_VALUES / Math.max(1, valuesPerBatch)))));
  }

  /** Batches for the next submission, when `left` are still to submit. */
  next(left: number): number {
    return Math.min(left, this.#batches);
  }

  /** Scales the batches per submission towards TARGET_SUBMISSION_MS, from a submission of `batches` that took `ms`. */
  adapt(batches: number, ms: number): void {
    if (ms <= 0) return;
    const wanted = (batches * TARGET_SUBMISSION_MS) / ms;
    this.#batches = Math.min(this.#most, this.#roundToDispatch(Math.max(1, Math.min(wanted, 4 * this.#batches))));
  }

  #roundToDispatch(batches: number): number {
    return Math.max(1, Math.round(batches / this.#batchesPerDispatch)) * this.#batchesPerDispatch;
  }
}
