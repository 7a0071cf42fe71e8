/**
 * Keeps a canvas's backing store the size it is drawn at (CSS pixels times the device
 * pixel ratio) and asks its host to redraw when that changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CanvasSizeController implements ReactiveController {
  /** CSS width and height of the observed element, 0 until measured. */
  width = 0;
  height = 0;

  /** Element that owns this controller; updated when the size changes. */
  #host: ReactiveControllerHost & Element;
  /** Finds the element to measure (it lives in the host's shadow root). */
  #target: () => Element | null | undefined;
  #observer: ResizeObserver | null = null;
  #observed: Element | null = null;

  constructor(host: ReactiveControllerHost & Element, target: () => Element | null | undefined) {
    this.#host = host;
    this.#target = target;
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
      if (this.#observed) this.#observer.unobserve(this.#observed);
      this.#observer.observe(target);
      this.#observed = target;
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }
}
