/**
 * Runs inside a worker thread: loads one module function and answers invocations, one at a
 * time, with a Lambda-like `context`. A crash, process.exit or busy loop here ends or blocks
 * only this thread; the server terminates it and starts another.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerData {
  /** file: URL of the module. */
  file: string;
  exportName: string;
}
export interface InvokeMessage {
  id: number;
  event: unknown;
  context: {
    functionName: string;
    functionVersion: string;
    invokedFunctionArn: string;
    memoryLimitInMB: string;
    awsRequestId: string;
    logGroupName: string;
    logStreamName: string;
    deadline: number;
  };
}
export type ReplyMessage =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; kind: 'function'; errorType: string; errorMessage: string }
  | { id: number; ok: false; kind: 'unparseable' | 'failed'; detail: string };

type Handler = (event: unknown, context: object, callback: (err?: unknown, result?: unknown) => void) => unknown;

const { file, exportName } = workerData as WorkerData;
const port = parentPort!;

const loaded: Promise<Handler> = import(file).then((mod: Record<string, unknown>) => {
  const fromDefault = (mod.default as Record<string, unknown> | undefined)?.[exportName]; // CommonJS: module.exports.handler
  const h = exportName === 'default' ? mod.default : (mod[exportName] ?? fromDefault);
  if (typeof h !== 'function') throw new Error(`${file} has no exported function named '${exportName}'`);
  return h as Handler;
});
loaded.catch(() => {}); // reported per invocation

function describe(err: unknown): { errorType: string; errorMessage: string } {
  if (err instanceof Error) return { errorType: err.name, errorMessage: err.message };
  if (typeof err === 'string') return { errorType: 'string', errorMessage: err };
  let text: string;
  try {
    text = JSON.stringify(err) ?? String(err);
  } catch {
    text = String(err);
  }
  return { errorType: typeof err, errorMessage: text };
}

/** Runs one invocation and replies; every outcome, a thrown one included, becomes a reply. */
async function invoke(msg: InvokeMessage): Promise<void> {
  const reply = (m: ReplyMessage) => port.postMessage(m);
  let handler: Handler;
  try {
    handler = await loaded;
  } catch (e) {
    reply({ id: msg.id, ok: false, kind: 'failed', detail: `cannot load the function: ${(e as Error).message}` });
    return;
  }
  let settled = false;
  const finish = (err?: unknown, result?: unknown) => {
    if (settled) return;
    settled = true;
    if (err !== undefined && err !== null) return reply({ id: msg.id, ok: false, kind: 'function', ...describe(err) });
    let json: string;
    try {
      json = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      return reply({ id: msg.id, ok: false, kind: 'unparseable', detail: `the answer cannot be serialized: ${(e as Error).message}` });
    }
    reply({ id: msg.id, ok: true, json });
  };
  const { deadline, ...info } = msg.context;
  const context = {
    ...info,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (err?: unknown, result?: unknown) => finish(err, result),
    succeed: (result?: unknown) => finish(null, result),
    fail: (err?: unknown) => finish(err ?? new Error('context.fail() was called')),
  };
  try {
    const ret = handler(msg.event, context, finish);
    if (ret !== null && typeof ret === 'object' && typeof (ret as PromiseLike<unknown>).then === 'function') {
      (ret as PromiseLike<unknown>).then(
        (r) => finish(null, r),
        (e) => finish(e ?? new Error('the handler rejected')),
      );
    } else if (ret !== undefined && handler.length < 3) {
      finish(null, ret); // a synchronous handler that returns its answer
    }
  } catch (e) {
    finish(e ?? new Error('the handler threw'));
  }
}

port.on('message', (msg: InvokeMessage) => void invoke(msg));
