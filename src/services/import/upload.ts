/**
 * Receiving a job's CSV through its pre-signed URL. The body is streamed into the store in chunks
 * as it arrives, never held whole; it replaces an earlier upload only once it has all arrived (as an
 * S3 PUT replaces its object), and only while the job has not been started.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '../../ground/clock.ts';
import { randomString } from '../../ground/ids.ts';
import type { Random } from '../../ground/random.ts';
import type { Store } from '../../storage/store.ts';

export const CHUNK_BYTES = 1024 * 1024;

/** Why an upload is refused, in S3's terms (the pre-signed URL is S3's in AWS). */
export type UploadRefusal = 'NoSuchKey' | 'SignatureDoesNotMatch' | 'ExpiredUrl' | 'JobStarted' | 'EntityTooLarge' | 'InvalidEncryption';

export type UploadResult = { ok: true; bytes: number } | { ok: false; refusal: UploadRefusal };

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Compared as digests: equal lengths, and no early exit that times out how much of a guess was right. */
const sameToken = (given: string, held: string) => timingSafeEqual(digest(given), digest(held));

export interface UploadRequest {
  jobId: string;
  token: string | undefined;
  /** The x-amz-server-side-encryption header. */
  encryption: string | undefined;
  /** The Content-Length header, when the client sent one. */
  declaredBytes: number | undefined;
  body: Readable;
}

/** What may be checked before the body is read: the URL, its token and expiry, the job's status, the declared size. */
export async function admitUpload(deps: { store: Store; clock: Clock }, req: Omit<UploadRequest, 'body'>, maxBytes: number): Promise<UploadRefusal | undefined> {
  const job = await deps.store.importJobs.find(req.jobId);
  if (!job) return 'NoSuchKey';
  if (req.token === undefined || !sameToken(req.token, job.uploadToken)) return 'SignatureDoesNotMatch';
  if (deps.clock.now() > job.uploadExpiresAt) return 'ExpiredUrl';
  if (job.status !== 'Created') return 'JobStarted';
  // AWS signs this header into the URL (X-Amz-SignedHeaders=host;x-amz-server-side-encryption): a PUT
  // without it does not match the signature (aws/aws-sdk-js-v3#6679, a PUT with Content-Type only: 403).
  if (req.encryption === undefined) return 'SignatureDoesNotMatch';
  if (req.encryption !== 'aws:kms') return 'InvalidEncryption';
  if (req.declaredBytes !== undefined && req.declaredBytes > maxBytes) return 'EntityTooLarge';
  return undefined;
}

/** Streams the body into chunks, then makes it the job's CSV; whatever was written is removed if it cannot be. */
export async function receiveUpload(deps: { store: Store; clock: Clock; random: Random }, req: UploadRequest, maxBytes: number): Promise<UploadResult> {
  const refusal = await admitUpload(deps, req, maxBytes);
  if (refusal) return { ok: false, refusal };
  const { store } = deps;
  const uploadId = randomString(deps.random, 'abcdefghijklmnopqrstuvwxyz0123456789', 16);
  let bytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    await store.importJobs.putChunk(req.jobId, uploadId, ++seq, Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  try {
    // Not destroyed when the loop is left early: the refusal must still reach the client, on a connection then closed.
    for await (const data of req.body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += data.length;
      if (bytes > maxBytes) {
        await store.importJobs.deleteChunks(req.jobId, { only: uploadId });
        return { ok: false, refusal: 'EntityTooLarge' };
      }
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  } catch (e) {
    await store.importJobs.deleteChunks(req.jobId, { only: uploadId });
    throw e;
  }
  const kept = await store.transaction(async (tx) => {
    const job = await tx.importJobs.find(req.jobId);
    if (!job || job.status !== 'Created') return false;
    await tx.importJobs.update({ ...job, upload: { id: uploadId, bytes } });
    // Only the file this one replaces: another PUT may still be streaming its chunks, and would be
    // left a file without its first ones if they went too. An abandoned PUT's go when the job ends.
    if (job.upload) await tx.importJobs.deleteChunks(req.jobId, { only: job.upload.id });
    return true;
  });
  if (!kept) {
    await store.importJobs.deleteChunks(req.jobId, { only: uploadId });
    return { ok: false, refusal: 'JobStarted' };
  }
  return { ok: true, bytes };
}
