import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Just enough of a Lit element to hold controllers and count update requests. */
export class FakeHost implements ReactiveControllerHost {
  updates = 0;
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}
