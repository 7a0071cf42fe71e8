/**
 * Coalesces many requests into one call per animation frame: training reports arrive
 * every few milliseconds, the page redraws at most once per frame.
 */
export class FrameThrottle {
  /** Called once in the next frame after any number of request()s. */
  #flush: () => void;
  /** Handle of the pending frame, 0 when none is pending. */
  #pending = 0;

  constructor(flush: () => void) {
    this.#flush = flush;
  }

  /** Asks for a flush in the next animation frame. */
  request(): void {
    if (this.#pending) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = 0;
      this.#flush();
    });
  }

  /** Drops a pending flush. */
  cancel(): void {
    if (this.#pending) cancelAnimationFrame(this.#pending);
    this.#pending = 0;
  }
}
