import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import Fastify from 'fastify';
import { pino } from 'pino';
import { RequestLog } from './logging.ts';

it("keeps a pre-signed URL's upload token out of the request log lines", async () => {
  let out = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((out += chunk.toString()), done()) });
  const app = Fastify({ loggerInstance: pino({ level: 'debug' }, sink), logController: new RequestLog() });
  app.put('/_cognate/import-jobs/:jobId/csv', async () => '');
  await app.inject({ method: 'PUT', url: '/_cognate/import-jobs/import-a/csv?token=s3cr3tT0ken&expires=99' });
  await app.close();
  assert.ok(out.includes('request completed'));
  assert.ok(!out.includes('s3cr3tT0ken'), out);
  assert.ok(out.includes('token=[redacted]&expires=99'), out);
});
