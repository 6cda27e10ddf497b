// Issue 21 item 15: an iterator idle about 10 s on the host clock is forgotten (facts §6.5, §10.1); the limit is a
// host option (fidelity.iteratorIdleMs).
import { expect, test } from 'vitest';
import { openQbxmlSession, qbxmlWorld, statusOf } from './qbxml-harness.js';

const START = '<VendorQueryRq iterator="Start"><MaxReturned>1</MaxReturned></VendorQueryRq>';
const cont = (id: string) =>
  `<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>1</MaxReturned></VendorQueryRq>`;

async function session(seed: string, iteratorIdleMs?: number) {
  const world = qbxmlWorld({ seed });
  if (iteratorIdleMs !== undefined) world.hosts[0]!.fidelity = { iteratorIdleMs };
  const s = await openQbxmlSession({ seed, world });
  s.send(['A', 'B', 'C'].map((n) => `<VendorAddRq><VendorAdd><Name>${n}</Name></VendorAdd></VendorAddRq>`).join(''));
  const [first] = s.rs(START);
  return { s, id: first!.attrs['iteratorID']! };
}

test('an iterator used within 10 s keeps paging; one idle more than 10 s answers 3391', async () => {
  const { s, id } = await session('iterator-idle-10s');
  s.advance(9_000);
  expect(statusOf(s.rs(cont(id))[0]!).code).toBe(0);
  s.advance(10_001);
  expect(statusOf(s.rs(cont(id))[0]!)).toEqual({
    code: 3391,
    severity: 'Error',
    message: `The iteratorID "${id}" is not valid.`,
  });
  s.close();
});

test('option fidelity.iteratorIdleMs: 10 minutes keeps an iterator idle for 5 minutes alive', async () => {
  const { s, id } = await session('iterator-idle-option', 600_000);
  s.advance(5 * 60_000);
  expect(statusOf(s.rs(cont(id))[0]!).code).toBe(0);
  s.close();
});
