/** isAbortError: the one place that tells a cancellation apart, by the DOMException's name. */
import { expect, test } from 'vitest';
import { isAbortError } from '../../src/engine/errors';
import { DeviceCapacityError } from '../../src/index';

test('an aborted signal\'s reason is an AbortError; other errors and non-errors are not', () => {
  const controller = new AbortController();
  controller.abort();
  expect(isAbortError(controller.signal.reason)).toBe(true);
  expect(isAbortError(new DOMException('stopped', 'AbortError'))).toBe(true);
  expect(isAbortError(new DOMException('gone', 'NotFoundError'))).toBe(false);
  expect(isAbortError(new DeviceCapacityError('too big'))).toBe(false);
  expect(isAbortError(new Error('AbortError'))).toBe(false);
  for (const value of [undefined, null, 'AbortError', 0]) expect(isAbortError(value)).toBe(false);
});
