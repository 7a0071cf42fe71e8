/** Gives the event loop a turn, so long computations never block the page for long. */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Budget of one uninterrupted slice of main-thread work, well under the 50 ms a person notices. */
export const SLICE_MS = 16;

/** Throws the signal's reason (an AbortError) when it has been aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Training was aborted', 'AbortError');
}
