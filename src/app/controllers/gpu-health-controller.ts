/**
 * What the page knows about the GPU beyond "is there one": how much data it can hold
 * (to show the limit next to the sample count before a run is refused) and what it
 * reported on its own, outside any call: an error no code caught, or a lost device. Such
 * events are never silent: the engine writes them to the console, and this controller
 * puts the latest on the status line.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { gpuMemoryRecord, gpuStatus, onGpuEvent, type GpuEvent, type GpuMemoryRecord } from '../../index';

export class GpuHealthController implements ReactiveController {
  /** Most bytes of dataset the GPU accepts (engine's gpuStatus); undefined until known or without a GPU. */
  capacityBytes: number | undefined;
  /** The latest event, in words for the status line; undefined while there has been none. */
  latestEvent: string | undefined;
  /** What the GPU held and refused so far: read at each render, since every upload may change it. */
  get memory(): GpuMemoryRecord {
    return gpuMemoryRecord();
  }

  /** The page element that renders this state. */
  #host: ReactiveControllerHost;
  /** Stops listening to the engine's GPU events. */
  #unsubscribe: (() => void) | null = null;
  /** The capacity request in flight, so a burst of refreshes asks once. */
  #asking: Promise<void> | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe ??= onGpuEvent((event) => this.#onEvent(event));
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /**
   * Asks the engine how much data its GPU device holds. This creates the device if there
   * is none yet (the engine would on the first GPU run anyway), so the page asks only
   * when a GPU run is possible, and again after training moved to a new device.
   */
  refreshCapacity(): Promise<void> {
    this.#asking ??= gpuStatus()
      .then((status) => { this.capacityBytes = status.available ? status.capacityBytes : undefined; })
      .catch(() => { this.capacityBytes = undefined; })
      .finally(() => {
        this.#asking = null;
        this.#host.requestUpdate();
      });
    return this.#asking;
  }

  #onEvent(event: GpuEvent): void {
    const what = event.kind === 'lost' ? 'GPU device lost' : 'GPU error';
    const time = new Date().toLocaleTimeString('en-GB');
    this.latestEvent = `${what} at ${time}: ${event.message}`;
    this.#host.requestUpdate();
  }
}
