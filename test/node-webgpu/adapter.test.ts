/** The Node path really runs on Dawn with the adapter the setup file chose, not a stand-in. */
import { expect, test } from 'vitest';
import { gpuStatus } from '../../src/index';

test('the engine finds a software adapter on Dawn and names it', async () => {
  const status = await gpuStatus();
  if (!status.available) throw new Error(`no WebGPU on Dawn: ${status.reason}`);
  // Dawn reports vendor, architecture, device and description; Chromium reports fewer.
  if (process.env.VK_ICD_FILENAMES?.includes('swiftshader')) {
    expect(status.adapter).toMatch(/^google swiftshader /);
    expect(status.software).toBe(true);
  }
  // At least one whole binding of the adapter's 1 GiB maximum on SwiftShader.
  expect(status.capacityBytes).toBeGreaterThanOrEqual(2 ** 30);
  console.log(`Dawn adapter: ${status.adapter}; capacity ${status.capacityBytes} bytes`);
});
