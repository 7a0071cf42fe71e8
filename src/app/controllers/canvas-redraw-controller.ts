/**
 * Tells a chart when to redraw its canvas: when the element holding it changes size (the
 * backing store follows, CSS pixels times the device pixel ratio), and when the browser
 * gives back a canvas it lost. A GPU process crash loses every accelerated 2D canvas;
 * Chromium restores it blank about half a second later, and a paused run would
 * otherwise leave the chart empty.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CanvasRedrawController implements ReactiveController {
  /** CSS width and height of the observed element, 0 until measured. */
  width = 0;
  height = 0;

  /** Element that owns this controller; updated when the size changes. */
  #host: ReactiveControllerHost & Element;
  /** Finds the element to measure (it lives in the host's shadow root). */
  #target: () => Element | null | undefined;
  #observer: ResizeObserver | null = null;
  #observed: Element | null = null;
  /** Extra work before the redraw of a restored canvas (a chart library's cached state). */
  #beforeRedraw: (() => void) | undefined;
  /** `contextrestored` does not bubble, so it is caught on the way down (capture). */
  #onRestored = () => {
    this.#beforeRedraw?.();
    this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost & Element, target: () => Element | null | undefined, onRestored?: () => void) {
    this.#host = host;
    this.#target = target;
    this.#beforeRedraw = onRestored;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      if (box.width !== this.width || box.height !== this.height) {
        this.width = box.width;
        this.height = box.height;
        this.#host.requestUpdate();
      }
    });
    this.#observed = null;
  }

  /** Starts observing once the target exists (after the first render). */
  hostUpdated(): void {
    const target = this.#target();
    if (target && target !== this.#observed && this.#observer) {
      if (this.#observed) {
        this.#observer.unobserve(this.#observed);
        this.#observed.removeEventListener('contextrestored', this.#onRestored, true);
      }
      this.#observer.observe(target);
      target.addEventListener('contextrestored', this.#onRestored, true);
      this.#observed = target;
    }
  }

  hostDisconnected(): void {
    this.#observed?.removeEventListener('contextrestored', this.#onRestored, true);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }
}
