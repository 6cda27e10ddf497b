import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { CLOUD_ERROR_STATUS, CloudError, isCloudError } from '../../../../src/cloud/cloud-error.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../../src/cloud/README.md'), 'utf8');

test('every error code of the contract is in src/cloud/README.md with its HTTP status, and nothing else', () => {
  const documented = Object.fromEntries(
    [...readme.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
  expect(documented).toEqual(CLOUD_ERROR_STATUS);
});

test('a CloudError is the contract body with its status', () => {
  const error = new CloudError('token_bound_to_other_file', 'elsewhere', { path: 'C:\\A.QBW', fileId: '{1}' });
  expect(error.status).toBe(403);
  expect(isCloudError(error)).toBe(true);
  expect(error.toBody()).toEqual({
    error: 'token_bound_to_other_file',
    message: 'elsewhere',
    boundTo: { path: 'C:\\A.QBW', fileId: '{1}' },
  });
  expect(new CloudError('not_found', 'x').toBody()).toEqual({ error: 'not_found', message: 'x' });
});
