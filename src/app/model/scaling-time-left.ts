/**
 * The time a scaling sweep has left. Sizes grow tenfold per decade, so the share of
 * measurements done says little about the time (at 10^7 the last size takes most of it);
 * instead each contender's latest measurement gives its pace per row visited, and the
 * measurements still to come are charged at that pace for the rows they will visit.
 * Small sizes carry a fixed cost per call, so the first estimates run long and improve as
 * the sizes grow.
 */

/** One measurement still to run: who measures, and the rows it visits (generated and trained). */
export interface PlannedMeasurement<C extends string> {
  contender: C;
  rows: number;
}

export class ScalingTimeLeft<C extends string> {
  /** Milliseconds per row visited, from each contender's latest measurement. */
  #paces = new Map<C, number>();

  /** Records that a measurement of `contender` visiting `rows` rows took `ms`. */
  measured(contender: C, rows: number, ms: number): void {
    this.#paces.set(contender, ms / rows);
  }

  /**
   * Milliseconds left: the current measurement (first in `plan`, running for `elapsedMs`)
   * and the rest; undefined while a contender in the plan has not been measured yet.
   */
  msLeft(plan: readonly PlannedMeasurement<C>[], elapsedMs: number): number | undefined {
    let ms = 0;
    for (const [i, { contender, rows }] of plan.entries()) {
      const pace = this.#paces.get(contender);
      if (pace === undefined) return undefined;
      ms += i === 0 ? Math.max(0, pace * rows - elapsedMs) : pace * rows;
    }
    return ms;
  }
}
