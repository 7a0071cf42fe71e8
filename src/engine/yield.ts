/**
 * Gives the event loop a turn, so long computations never block the page for long. A
 * MessageChannel message is an ordinary task, so input, rendering and other tasks queued
 * meanwhile run first. (scheduler.yield() was tried: its continuation outranks other
 * tasks, and a long CPU run starved clicks until it ended.) Node has no MessageChannel
 * ordering guarantee worth relying on, so it uses setImmediate.
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Budget of one uninterrupted slice of main-thread work, well under the 50 ms a person notices. */
export const SLICE_MS = 16;

/** Throws the signal's reason (an AbortError) when it has been aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Training was aborted', 'AbortError');
}
