/**
 * Runs around every test file (jest `setupFilesAfterEnv`). nock patches `node:http` and `fetch` when it is imported,
 * and jest does not sandbox core modules per test file: on a 2-core machine jest runs every file in one worker, so
 * each file that imported nock left its interceptors stacked on all the files after it. By the end of a run, 13
 * layers of them sat under every Azurite request, and the storm's 400 requests went unanswered for 10 s.
 */
import http from 'node:http';
import { types } from 'node:util';
import type Nock from 'nock';

function httpIsPatched(): boolean {
  return types.isProxy(http.request) || types.isProxy(http.get) || http.ClientRequest.name !== 'ClientRequest';
}

// Checked before the test file is loaded (its imports may load nock): a file must start on the real node:http; if
// not, the restore below stopped working and every later file runs through stale interceptors.
if (httpIsPatched()) throw new Error('node:http is still patched by nock from an earlier test file: tests/support/restore-nock.ts no longer restores it');

afterAll(() => {
  if (!httpIsPatched()) return;
  // The same registry as the test file's, so this is the instance that patched node:http.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nock = require('nock') as typeof Nock;
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
