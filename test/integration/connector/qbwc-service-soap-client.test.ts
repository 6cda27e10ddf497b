// The connector's Web Connector service called by an independent SOAP stack (the `soap` package), from the WSDL the
// service serves: external truth for the service side of the contract (architecture.md, convention 11).
import * as soap from 'soap';
import { expect, test } from 'vitest';
import { ACME, startConnector } from './support.js';

interface QbwcSoapClient {
  serverVersionAsync(args: object): Promise<[{ serverVersionResult?: string }]>;
  clientVersionAsync(args: object): Promise<[{ clientVersionResult?: string | null } | null]>;
  authenticateAsync(args: object): Promise<[{ authenticateResult: { string: string[] } }]>;
  closeConnectionAsync(args: object): Promise<[{ closeConnectionResult?: string }]>;
}

test('a SOAP client built from the served WSDL: serverVersion, clientVersion, authenticate (nvu, none), closeConnection', async () => {
  // No cloud is needed: a wrong password is `nvu`, and without a token key the answer is `none` before any cloud call.
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: 'http://127.0.0.1:9', companies: [ACME] });
  const app = t.connector.qbwcApp(ACME);
  const client = (await soap.createClientAsync(`${t.connector.qbwcUrl!}?wsdl`)) as unknown as QbwcSoapClient;

  const [version] = await client.serverVersionAsync({});
  expect(version.serverVersionResult).toBe('0.1.0');
  const [cv] = await client.clientVersionAsync({ strVersion: '2.3.0.36' });
  expect(cv?.clientVersionResult ?? '').toBe('');

  const [wrong] = await client.authenticateAsync({ strUserName: app.userName, strPassword: 'wrong' });
  expect(wrong.authenticateResult.string).toEqual(['', 'nvu']);
  const [unknown] = await client.authenticateAsync({ strUserName: 'nobody', strPassword: app.password });
  expect(unknown.authenticateResult.string).toEqual(['', 'nvu']);

  const [noToken] = await client.authenticateAsync({ strUserName: app.userName, strPassword: app.password });
  const [ticket, answer] = noToken.authenticateResult.string;
  expect(ticket).toMatch(/^\{[0-9A-F-]{36}\}$/);
  expect(answer).toBe('none');
  expect(t.statuses(ACME)).toEqual(['Connecting', 'Token required']);
  const [closed] = await client.closeConnectionAsync({ ticket });
  expect(closed.closeConnectionResult).toBe('OK');
});
