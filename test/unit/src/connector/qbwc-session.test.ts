import { expect, test } from 'vitest';
import { ComError } from '../../../../src/protocol/com-error.js';
import { QbConnectionLost } from '../../../../src/connector/connector-errors.js';
import { QbwcSession } from '../../../../src/connector/qbwc-session.js';

test('the engine pulls on its session; the Web Connector takes each request and delivers its answer', async () => {
  const s = new QbwcSession('{T}', 'C:\\Acme.QBW', '13.0');
  const first = s.process('<rq1/>');
  expect(await s.take()).toEqual({ kind: 'request', xml: '<rq1/>' });
  expect(s.waiting).toBe(true);
  s.deliver({ response: '<rs1/>', hresult: '', message: '' });
  expect(await first).toBe('<rs1/>');
  // receiveResponseXML peeks at what comes next: another request (more to do) …
  const second = s.process('<rq2/>');
  expect(await s.peek()).toEqual({ kind: 'request', xml: '<rq2/>' });
  expect(await s.take()).toEqual({ kind: 'request', xml: '<rq2/>' });
  s.deliver({ response: '<rs2/>', hresult: '', message: '' });
  await second;
  // … or the end.
  const next = s.peek();
  s.finish({ kind: 'done' });
  expect(await next).toEqual({ kind: 'done' });
  expect(await s.take()).toEqual({ kind: 'done' });
  expect(s.answered).toBe(2);
});

test('a ProcessRequest that failed in QBWC reaches the engine as the ComError QuickBooks raised', async () => {
  const s = new QbwcSession('{T}', 'C:\\Acme.QBW', '13.0');
  const call = s.process('<bad/>');
  await s.take();
  s.deliver({
    response: '',
    hresult: '0x80040400',
    message: 'QuickBooks found an error when parsing the provided XML text stream.',
  });
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ComError);
  expect((error as ComError).hresult).toBe('0x80040400');
});

test('an abandoned session: the request waiting for its answer fails as a lost connection, and later ones too', async () => {
  const s = new QbwcSession('{T}', 'C:\\Acme.QBW', '13.0');
  const call = s.process('<rq/>');
  await s.take();
  s.abort('the update died');
  await expect(call).rejects.toBeInstanceOf(QbConnectionLost);
  await expect(s.process('<again/>')).rejects.toBeInstanceOf(QbConnectionLost);
  expect(await s.take()).toEqual({ kind: 'failed', message: 'the update died' });
});
