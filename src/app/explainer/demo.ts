/**
 * Fills the development page's <explainer-panel> the way the real page does: one sample of
 * a dataset with some parameters (`.sample`) and a few samples for the vector view (`.batch`).
 * `?nosample` leaves both unset, to see the panel as it opens before any dataset exists.
 */
import { makeDataset } from '../../index';
import './explainer-panel';

const panel = document.querySelector('explainer-panel')!;
if (!new URLSearchParams(location.search).has('nosample')) {
  const data = makeDataset({ kind: 'blobs', n: 6, features: 2, seed: 3 });
  const x = Array.from({ length: data.n }, (_, i) => Array.from(data.x.subarray(i * data.d, (i + 1) * data.d)));
  const y = Array.from(data.y);
  const weights = [0.8, -1.1];
  const bias = 0.3;
  panel.sample = { inputs: x[0], weights, bias, activation: 'sigmoid', loss: { kind: 'bce', target: y[0] } };
  panel.batch = { x, y, weights, bias, activation: 'sigmoid', loss: 'bce' };
}
