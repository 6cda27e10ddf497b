// Teeth: a copy of the reference connector that reads only the first page of each iterator query.
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that ignores the iterator remaining count breaks "after quiet, both sides agree"', async () => {
  await expectCaught(PLANTED_BUGS.ignoreIteratorRemaining, /after quiet, both sides agree/);
});
