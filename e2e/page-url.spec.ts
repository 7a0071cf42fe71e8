/** The URL holds the settings: a shared link restores them, a broken one is named and repaired. */
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

test('a shared URL restores the same settings', async ({ page, context }) => {
  await openPlayground(page);
  await page.getByLabel('Dataset').selectOption('linear');
  await page.getByLabel('Learning rate').fill('0.05');
  await page.getByLabel('Learning rate').press('Enter');
  await page.getByLabel('Activation').selectOption('tanh');
  await page.getByLabel('Batch', { exact: true }).selectOption('mini');
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Batch size').press('Enter');
  await page.getByLabel('Reduction').selectOption('sum');
  await page.getByRole('tab', { name: 'Training' }).focus();
  await expect(page).toHaveURL(/batchSize=16/);
  const shared = page.url();
  expect(shared).toContain('lr=0.05');

  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.getByLabel('Dataset')).toHaveValue('linear');
  await expect(other.getByLabel('Learning rate')).toHaveValue('0.05');
  await expect(other.getByLabel('Activation')).toHaveValue('tanh');
  await expect(other.getByLabel('Batch', { exact: true })).toHaveValue('mini');
  await expect(other.getByLabel('Batch size')).toHaveValue('16');
  await expect(other.getByLabel('Reduction')).toHaveValue('sum');
  await expect(other.getByTestId('notices')).toHaveCount(0);
  expect(other.url()).toBe(shared);
  await other.close();
});

test('a broken URL names each bad field, uses the defaults, and the page still trains', async ({ page }) => {
  await openPlayground(page, 'n=-5&activation=foo&lr=abc&loss=bce&bogus=1&epochs=2000');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('Samples: n must be an integer from 1 to 268,435,456; got "-5"');
  await expect(notices).toContainText(/Activation: activation must be one of 'identity', [^;]*; got "foo"/);
  await expect(notices).toContainText('Learning rate: lr must be a number above 0 and at most 1,000,000; got "abc"');
  await expect(notices).toContainText('Unknown URL setting "bogus"');
  await expect(notices).toContainText(/Loss: loss must be 'mse' with dataset '\w+' and activation 'identity' \('bce' needs the blobs dataset[^)]*\); got "bce"; using mse\./);
  // The address bar now holds the repaired settings, never the bad values.
  await expect(page).toHaveURL(/[?&]n=100&/);
  await expect(page).toHaveURL(/activation=identity/);
  await expect(page).toHaveURL(/epochs=2000/);
  await expect(page.getByLabel('Activation')).toHaveValue('identity');

  await playUntil(page, 2000);
  const { weights } = await readParameters(page);
  expect(Number.isFinite(weights[0])).toBe(true);
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await expect(notices.getByRole('listitem')).toHaveCount(4);
});

test('a value typed into the form passes the same checks', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Learning rate').fill('-1');
  await page.getByLabel('Learning rate').press('Enter');
  await expect(page.getByTestId('notices')).toContainText('Learning rate: lr must be a number above 0 and at most 1,000,000; got "-1"');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
  await expect(page).toHaveURL(/lr=0.001/);
});
