/**
 * The page says which inner loop the CPU sums with: WebAssembly SIMD in the workers for
 * large batches on the cross-origin isolated page (the dev server sends the headers),
 * the float64 TypeScript kernel on the main thread for small ones.
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

  await openPlayground(page, 'dataset=celsius&n=100&lr=0.001&batch=full&epochs=10&backend=cpu');
  await playUntil(page, 10);
  await expect(kernel).toHaveAttribute('data-kernel', 'typescript');
  await expect(kernel).toContainText('float64 TypeScript kernel');
});
