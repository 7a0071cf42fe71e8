/**
 * The training view's picture of the data: the fit line for one feature, the decision
 * boundary for two (blobs, or a table's first two features with the others held at their
 * means), else a note that the loss curve and the numbers tell the story.
 */
import { html, nothing } from 'lit';
import type { Table } from '../../index';
import type { TrainingController } from '../controllers/training-controller';
import type { Settings } from '../state/settings';
import { columnStats, firstTwoFeatures } from '../table/column-stats';
import '../components/boundary-plot';
import '../components/regression-plot';

/** Whether the data view draws a decision boundary (its card is titled so). */
export function drawsBoundary(s: Settings): boolean {
  return s.dataset === 'blobs' || (s.dataset === 'table' && s.features >= 2);
}

export function dataView(s: Settings, t: TrainingController, table: Table | null | undefined) {
  if (s.features === 1 && s.dataset !== 'blobs') {
    return html`<regression-plot .sample=${t.sample} .initial=${t.initial} .current=${t.current}
      .activation=${s.activation} .frame=${t.frame}></regression-plot>`;
  }
  if (s.features === 2 && s.dataset === 'blobs') {
    return html`<boundary-plot .sample=${t.sample} .current=${t.current} .activation=${s.activation} .frame=${t.frame}></boundary-plot>`;
  }
  if (s.dataset === 'table' && table && s.features >= 2) {
    const { data, params } = firstTwoFeatures(t.sample.data, columnStats(table).features.map((c) => c.mean), t.current);
    return html`${s.features > 2 ? html`<p class="muted">${table.columns[0]} and ${table.columns[1]}; the other
        ${s.features - 2} feature${s.features === 3 ? '' : 's'} held at ${s.features === 3 ? 'its mean' : 'their means'}.</p>` : nothing}
      <boundary-plot .sample=${{ ...t.sample, data }} .current=${params} .activation=${s.activation} .frame=${t.frame}></boundary-plot>`;
  }
  return html`<p class="empty muted">The data is drawn for one-feature regression and two-feature blobs;
    with ${s.features} features the loss curve and the numbers tell the story.</p>`;
}
