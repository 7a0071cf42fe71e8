import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error plain ES module shared with the Node scripts
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // Cross-origin isolation gives the CPU workers one SharedArrayBuffer of the dataset
  // (src/cpu/worker-pool.ts); without it they fall back to a shard each.
  server: { port: 5173, headers: ISOLATION },
  preview: { headers: ISOLATION },
  build: { target: 'es2022' },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Generous: the GPU project runs beside this one in Chromium on the same cores.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'gpu',
          include: ['test/gpu/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumArgs() },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          // The same GPU tests on Dawn in Node (see the setup file for why).
          name: 'gpu-node',
          include: ['test/gpu/**/*.test.ts', 'test/node-webgpu/**/*.test.ts'],
          // Web Workers and cross-origin isolation exist only in a browser; Node sums on the main
          // thread. The loss chart needs a DOM; readTable streams a File through FileReader only in a browser.
          exclude: ['test/gpu/cpu-workers.test.ts', 'test/gpu/table-workers.test.ts', 'test/gpu/read-table-file.test.ts', 'test/gpu/loss-chart.test.ts'],
          environment: 'node',
          setupFiles: ['test/node-webgpu/setup.ts'],
          // Child processes, not threads: a worker thread's process.env is its own copy, so the
          // Vulkan loader would not see VK_ICD_FILENAMES from the setup file (threads: no adapter).
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
