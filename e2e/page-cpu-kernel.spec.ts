/**
 * The page says which inner loop the CPU sums with: WebAssembly SIMD in the workers for
 * large batches on the cross-origin isolated page (the dev server sends the headers) and
 * on the main thread for small batches of a large dataset, the float64 TypeScript kernel
 * for a small dataset.
 */
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil } from './helpers/playground';

test('the status line names the CPU kernel that ran', async ({ page }) => {
  // 300,000 rows of 3 features and a label: 1.2 million values, above the workers' 2^20.
  await openPlayground(page, 'dataset=linear&n=300000&features=3&activation=identity&loss=mse&lr=0.1&batch=full&epochs=3&backend=cpu');
  await playUntil(page, 3);
  const kernel = page.getByTestId('cpu-kernel');
  await expect(kernel).toHaveAttribute('data-kernel', 'wasm-simd');
  await expect(kernel).toContainText('WebAssembly SIMD');

  // 30,000 rows of 3 features and a label: 120,000 values, past 2^16; batches of 32 on the main thread.
  await openPlayground(page, 'dataset=linear&n=30000&features=3&activation=identity&loss=mse&lr=0.01&batch=mini&batchSize=32&epochs=2&backend=cpu');
  await playUntil(page, 2);
  await expect(kernel).toHaveAttribute('data-kernel', 'wasm-simd');

  await openPlayground(page, 'dataset=celsius&n=100&lr=0.001&batch=full&epochs=10&backend=cpu');
  await playUntil(page, 10);
  await expect(kernel).toHaveAttribute('data-kernel', 'typescript');
  await expect(kernel).toContainText('float64 TypeScript kernel');
});
