/**
 * The pre-signed URL of a user import job: PUT the CSV (`curl -T users.csv -H
 * 'x-amz-server-side-encryption: aws:kms' <PreSignedUrl>`, as AWS's guide says). In AWS it is an S3
 * URL, so refusals are answered as S3 answers them: an XML <Error> with S3's code. And, in
 * development mode, each job's log lines at GET /_cognate/import-jobs/<jobId>/log.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { receiveUpload, type UploadRefusal } from '../../services/import/upload.ts';
import { uploadPath } from '../../services/import/url.ts';

const REFUSALS: Record<UploadRefusal, { status: number; code: string; message: string }> = {
  NoSuchKey: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' },
  SignatureDoesNotMatch: { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' },
  ExpiredUrl: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
  JobStarted: { status: 403, code: 'AccessDenied', message: 'The import job has been started: its CSV file can no longer be replaced.' },
  EntityTooLarge: { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' },
  InvalidEncryption: { status: 400, code: 'InvalidArgument', message: 'The encryption method specified is not supported' },
};

function s3Error(reply: FastifyReply, refusal: UploadRefusal, requestId: string): FastifyReply {
  const r = REFUSALS[refusal];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${r.code}</Code><Message>${r.message}</Message><RequestId>${requestId}</RequestId></Error>`;
  // The client may still be sending a body we will not read: close the connection after answering.
  return reply.status(r.status).header('content-type', 'application/xml').header('connection', 'close').send(xml);
}

export function registerImportRoutes(app: FastifyInstance, deps: Deps): void {
  app.register(async (scope) => {
    // The body is streamed into the store by the handler, not parsed (nor held whole) by Fastify.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.put(uploadPath(':jobId'), async (req, reply) => {
      const { jobId } = req.params as { jobId: string };
      const query = req.query as Record<string, string | undefined>;
      const length = req.headers['content-length'];
      const result = await receiveUpload(deps, {
        jobId,
        token: query.token,
        encryption: req.headers['x-amz-server-side-encryption'] as string | undefined,
        declaredBytes: length === undefined ? undefined : Number(length),
        body: req.raw,
      }, deps.config.importMaxBytes);
      if (!result.ok) return s3Error(reply, result.refusal, req.id);
      return reply.status(200).header('x-amz-server-side-encryption', 'aws:kms').send('');
    });
  });

  if (deps.config.mode !== 'development') return;
  app.get('/_cognate/import-jobs/:jobId/log', async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const q = req.query as Record<string, string | undefined>;
    const job = await deps.store.importJobs.find(jobId);
    if (!job) return reply.status(404).send({ error: `no import job ${jobId}` });
    const limit = q.limit === undefined ? 1000 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) return reply.status(400).send({ error: 'limit must be a whole number from 1 to 10000' });
    try {
      const page = await deps.store.importJobs.log(jobId, { limit, after: q.next });
      const pool = await deps.store.pools.get(job.poolId);
      return {
        // Where AWS writes them: the log group of the pool, the stream of the job (the guide's CloudWatch page).
        logGroupName: `/aws/cognito/userpools/${job.poolId}/${pool?.name ?? ''}`,
        logStreamName: `${job.jobId}/${job.jobName}`,
        events: page.items.map((l) => ({ timestamp: l.at, message: l.message })),
        next: page.next ?? null,
      };
    } catch {
      return reply.status(400).send({ error: 'invalid next token' });
    }
  });
}
