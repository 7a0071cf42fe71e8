/** The landscape tab: the run controls and numbers, the surface's controls, and the surface with the descent paths. */
import { html, type TemplateResult } from 'lit';
import type { LandscapeController } from '../controllers/landscape-controller';
import type { TrainingController } from '../controllers/training-controller';
import { planePaths, surfaceMade } from '../model/landscape-view';
import type { Settings } from '../state/settings';
import '../components/landscape-controls';
import '../components/landscape-plot';

export function landscapeView(s: Settings, t: TrainingController, l: LandscapeController, stats: TemplateResult, controls: TemplateResult) {
  return html`<div class="train-view">
    <div class="card">${controls}</div>
    ${stats}
    <section class="card">
      <h2>Loss landscape</h2>
      <landscape-controls .settings=${s} .ranges=${l.ranges} .phase=${l.phase} .fraction=${l.fraction}
        .made=${surfaceMade(l.surface)} .error=${l.error}></landscape-controls>
    </section>
    <section class="card landscape">
      <landscape-plot .surface=${l.surface} .paths=${planePaths(t.paths, s)} .xTitle=${s.surfaceX} .yTitle=${s.surfaceY}
        ?log=${s.surfaceLog} .frame=${t.paths.version}></landscape-plot>
    </section>
  </div>`;
}
