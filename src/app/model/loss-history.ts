/**
 * The loss of every epoch of a run, in bounded memory: up to CAPACITY points are kept
 * one per epoch; beyond that, neighbouring points are averaged pairwise and each later
 * point stands for twice as many epochs. A run of ten million epochs thus costs 16 MiB
 * at most and its curve keeps its shape.
 */

/** Points kept before halving: 2^20 float64 values, 8 MiB, plenty for any chart width. */
const CAPACITY = 2 ** 20;

export class LossHistory {
  /** Stored points; the first `#length` are in use. */
  #points = new Float64Array(1024);
  #length = 0;
  /** Epochs per stored point (a power of two). */
  #stride = 1;
  /** Sum and count of the epochs not yet folded into a point. */
  #pendingSum = 0;
  #pendingCount = 0;
  /** Epochs recorded in all. */
  #epochs = 0;

  /** Epochs recorded so far. */
  get epochs(): number {
    return this.#epochs;
  }

  /** Number of stored points. */
  get length(): number {
    return this.#length;
  }

  /** Epochs each stored point averages. */
  get stride(): number {
    return this.#stride;
  }

  /** Loss of the latest epoch, NaN when empty. */
  last = NaN;

  /** Stored point i (the mean loss of epochs [i * stride, (i + 1) * stride)). */
  at(i: number): number {
    return this.#points[i];
  }

  /** Records the losses of consecutive epochs. */
  push(losses: readonly number[]): void {
    for (const loss of losses) {
      this.#pendingSum += loss;
      this.#pendingCount++;
      this.#epochs++;
      this.last = loss;
      if (this.#pendingCount === this.#stride) {
        const mean = this.#pendingSum / this.#stride;
        this.#pendingSum = 0;
        this.#pendingCount = 0;
        this.#append(mean);
      }
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#points = new Float64Array(1024);
    this.#length = 0;
    this.#stride = 1;
    this.#pendingSum = 0;
    this.#pendingCount = 0;
    this.#epochs = 0;
    this.last = NaN;
  }

  #append(value: number): void {
    if (this.#length === this.#points.length) {
      if (this.#length < CAPACITY) {
        const grown = new Float64Array(this.#length * 2);
        grown.set(this.#points);
        this.#points = grown;
      } else {
        // After halving, a point spans twice the epochs: `value` covers only half of
        // one, so it waits among the pending epochs for the other half.
        this.#halve();
        this.#pendingSum = value * (this.#stride / 2);
        this.#pendingCount = this.#stride / 2;
        return;
      }
    }
    this.#points[this.#length++] = value;
  }

  /** Averages pairs of points and doubles the stride. */
  #halve(): void {
    const half = this.#length >> 1;
    for (let i = 0; i < half; i++) this.#points[i] = (this.#points[2 * i] + this.#points[2 * i + 1]) / 2;
    this.#length = half;
    this.#stride *= 2;
  }
}
