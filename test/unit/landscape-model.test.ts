/** The landscape's page-side model: the descent paths kept and labelled, the automatic ranges, the URL fields. */
import { expect, test } from 'vitest';
import { DescentPaths, KEPT_RUNS, runLabel } from '../../src/app/model/descent-paths';
import { autoRanges } from '../../src/app/model/surface-view';
import { planePaths } from '../../src/app/model/landscape-view';
import { DEFAULT_SETTINGS } from '../../src/app/state/settings';
import { parseQuery, toQuery } from '../../src/app/state/url-state';

test('runs are labelled with their batch and learning rate, and the last few are kept', () => {
  expect(runLabel({ ...DEFAULT_SETTINGS, batchMode: 'full', learningRate: 0.001 })).toBe('full batch, lr 0.001');
  expect(runLabel({ ...DEFAULT_SETTINGS, batchMode: 'mini', batchSize: 32, learningRate: 0.1 })).toBe('batch 32, lr 0.1');
  expect(runLabel({ ...DEFAULT_SETTINGS, batchMode: 'sgd', learningRate: 0.01 })).toBe('batch 1, lr 0.01');
  const paths = new DescentPaths();
  for (let run = 0; run < KEPT_RUNS + 2; run++) {
    paths.start(`run ${run}`, { weights: [run], bias: 0 });
    paths.add({ weights: [run + 1], bias: 1 });
  }
  // A path that never moved is not kept.
  paths.start('still', { weights: [9], bias: 9 });
  paths.start('now', { weights: [0], bias: 0 });
  expect(paths.past.map((p) => p.label)).toEqual(['run 2', 'run 3', 'run 4', 'run 5']);
  const drawn = planePaths(paths, { ...DEFAULT_SETTINGS, features: 1, surfaceX: 'b', surfaceY: 'w0' });
  expect(drawn.map((p) => p.label)).toEqual(['earlier: run 2', 'earlier: run 3', 'earlier: run 4', 'earlier: run 5', 'now: now']);
  // Projected on (b, w0); the current run is colour 0, the latest earlier run 1.
  expect(drawn[3].points).toEqual([[0, 5], [1, 6]]);
  expect(drawn.map((p) => p.color)).toEqual([4, 3, 2, 1, 0]);
  paths.clear();
  expect(paths.past).toEqual([]);
});

test('automatic ranges frame the paths and only grow', () => {
  const path = (points: number[][]) => ({ label: '', points });
  const first = autoRanges([path([[0, 0], [1, 2]])], 0, 1, null);
  expect(first.x[0]).toBeLessThan(0);
  expect(first.x[1]).toBeGreaterThan(1);
  expect(first.y[0]).toBeLessThan(0);
  expect(first.y[1]).toBeGreaterThan(2);
  // Points inside: the same ranges, so the surface is not recomputed.
  expect(autoRanges([path([[0.5, 1]])], 0, 1, first)).toBe(first);
  const grown = autoRanges([path([[0, 0], [1.8, 32]])], 0, 1, first);
  expect(grown.y[1]).toBeGreaterThan(32);
  expect(grown.x[0]).toBeLessThanOrEqual(first.x[0]);
});

test('the landscape settings go through the URL and come back', () => {
  const { settings, problems } = parseQuery('?dataset=linear&features=3&tab=landscape&sx=w2&sy=w0&srange=-1.5%2C2%2C-3%2C3e-1&slog=on');
  expect(problems).toEqual([]);
  expect(settings).toMatchObject({ tab: 'landscape', surfaceX: 'w2', surfaceY: 'w0', surfaceRange: { x: [-1.5, 2], y: [-3, 0.3] }, surfaceLog: true });
  expect(parseQuery(toQuery(settings)).settings).toEqual(settings);
  const bad = parseQuery('?sx=w5&sy=w0&srange=2%2C1%2C0%2C1');
  expect(bad.problems).toContain("Landscape ranges: srange must be 'auto' or four finite numbers xFrom,xTo,yFrom,yTo with xFrom < xTo and yFrom < yTo; got \"2,1,0,1\"; using auto.");
  expect(bad.problems).toContain('Landscape across (sx): weight w5 does not exist with 1 feature(s); using w0.');
  expect(bad.problems).toContain('Landscape up (sy): the two axes must differ, both were w0; using b.');
  expect(bad.settings).toMatchObject({ surfaceX: 'w0', surfaceY: 'b', surfaceRange: 'auto' });
});
