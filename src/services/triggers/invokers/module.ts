/**
 * Module functions: a JS or TS file run in worker threads, one invocation per worker at a time
 * (as a Lambda execution environment), workers reused between invocations and replaced after
 * a crash or timeout. In development mode a changed file gets fresh workers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModuleFunctionConfig } from '../../../ground/config/functions.ts';
import { parseFunctionArn, type FunctionArn } from '../config.ts';
import { type InvokeInfo, type Invoker, type Outcome, parseAnswer } from './types.ts';
import type { InvokeMessage, ReplyMessage, WorkerData } from './worker.ts';

const WORKER = new URL('./worker.ts', import.meta.url);

export interface ModuleInvokerOptions {
  config: ModuleFunctionConfig;
  /** The function's identity (from the configured or invoked ARN). */
  arn: FunctionArn;
  baseDir: string;
  /** Reload when the file changes. */
  watch: boolean;
  /** Most workers (concurrent invocations) for this function; more wait. Default 4. */
  maxWorkers?: number;
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

interface Slot {
  worker: Worker;
  generation: number;
  busy: boolean;
  logStreamName: string;
  /** The running invocation's handlers. */
  current?: { id: number; reply(m: ReplyMessage): void; died(detail: string): void };
  lastError?: Error;
}

type Start = (slot: Slot) => void;

export function moduleParts(spec: string, baseDir: string): { file: string; exportName: string } {
  const [path, exportName] = spec.split('#');
  return { file: resolve(baseDir, path!), exportName: exportName || 'handler' };
}

export class ModuleInvoker implements Invoker {
  readonly kind = 'module' as const;
  readonly file: string;
  private readonly exportName: string;
  private readonly opts: ModuleInvokerOptions;
  private slots: Slot[] = [];
  private queue: Start[] = [];
  private generation = 0;
  private mtimeMs: number | undefined;
  private nextId = 1;
  private closed = false;

  constructor(opts: ModuleInvokerOptions) {
    this.opts = opts;
    const { file, exportName } = moduleParts(opts.config.module, opts.baseDir);
    this.file = file;
    this.exportName = exportName;
  }

  private get memorySize(): number {
    return this.opts.config.memorySize ?? 128;
  }

  /** Checks the file; in development mode a new modification time retires the old workers. */
  private checkFile(): string | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.file).mtimeMs;
    } catch (e) {
      return `Cannot find module ${this.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
    if (this.mtimeMs !== undefined && mtimeMs !== this.mtimeMs && this.opts.watch) {
      this.generation++;
      this.opts.log.info({ file: this.file }, 'function file changed; reloading it');
      for (const s of this.slots.filter((s) => !s.busy)) this.kill(s);
    }
    this.mtimeMs = mtimeMs;
    return null;
  }

  private spawn(): Slot {
    const { arn } = this.opts;
    const now = new Date();
    const day = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
    const logStreamName = `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const env = {
      ...process.env,
      AWS_REGION: arn.region,
      AWS_DEFAULT_REGION: arn.region,
      AWS_LAMBDA_FUNCTION_NAME: arn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${arn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
      LAMBDA_TASK_ROOT: dirname(this.file),
      ...this.opts.config.environment,
    };
    const workerData: WorkerData = { file: pathToFileURL(this.file).href, exportName: this.exportName };
    const worker = new Worker(WORKER, {
      workerData,
      env,
      stdout: true,
      stderr: true,
      name: `cognate-function-${arn.name}`,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(256, this.memorySize) },
    });
    worker.unref(); // an idle function never keeps the process alive; a pending invocation's timer does
    const slot: Slot = { worker, generation: this.generation, busy: false, logStreamName };
    const forward = (stream: NodeJS.ReadableStream, level: 'info' | 'warn') =>
      createInterface({ input: stream }).on('line', (line) => this.opts.log[level]({ function: arn.name, stream: level === 'info' ? 'stdout' : 'stderr' }, line));
    forward(worker.stdout, 'info');
    forward(worker.stderr, 'warn');
    worker.on('message', (m: ReplyMessage) => {
      if (slot.current?.id === m.id) slot.current.reply(m);
    });
    worker.on('error', (e) => {
      slot.lastError = e;
    });
    worker.on('exit', (code) => {
      this.slots = this.slots.filter((s) => s !== slot);
      const current = slot.current;
      slot.current = undefined;
      if (current) {
        const why = slot.lastError ? `${slot.lastError.name}: ${slot.lastError.message}` : `the function exited with code ${code}`;
        current.died(why);
      } else if (slot.lastError && !this.closed) {
        this.opts.log.warn({ function: arn.name, err: slot.lastError.message }, 'function worker crashed between invocations');
      }
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  private kill(slot: Slot): void {
    slot.current = undefined;
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
  }

  private acquire(start: Start): void {
    const idle = this.slots.find((s) => !s.busy && s.generation === this.generation);
    const slot = idle ?? (this.slots.length < (this.opts.maxWorkers ?? 4) ? this.spawn() : undefined);
    if (!slot) return void this.queue.push(start);
    slot.busy = true;
    start(slot);
  }

  private release(slot: Slot): void {
    slot.busy = false;
    slot.current = undefined;
    if (slot.generation !== this.generation) this.kill(slot);
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const canRun = this.slots.some((s) => !s.busy && s.generation === this.generation) || this.slots.length < (this.opts.maxWorkers ?? 4);
      if (!canRun) return;
      this.acquire(this.queue.shift()!);
    }
  }

  invoke(event: object, info: InvokeInfo): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ ok: false, kind: 'failed', detail: 'the server is shutting down', reason: 'ServiceException' });
    const missing = this.checkFile();
    if (missing) return Promise.resolve({ ok: false, kind: 'failed', detail: missing, reason: 'ResourceNotFoundException' });
    const { arn } = this.opts;
    return new Promise<Outcome>((resolvePromise) => {
      const deadline = Date.now() + info.timeoutMs;
      let slot: Slot | undefined;
      let done = false;
      const finish = (o: Outcome, keepWorker: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (slot && keepWorker) this.release(slot);
        else if (slot) this.kill(slot);
        resolvePromise(o);
      };
      const timer = setTimeout(() => {
        if (!slot) this.queue = this.queue.filter((s) => s !== start);
        finish({ ok: false, kind: 'timeout' }, false); // terminating the worker also stops a busy loop
      }, info.timeoutMs);
      const start: Start = (s) => {
        slot = s;
        const id = this.nextId++;
        s.current = {
          id,
          reply: (m) => {
            if (m.ok) return finish(parseAnswer(m.json), true);
            if (m.kind === 'function') return finish({ ok: false, kind: 'function', errorType: m.errorType, errorMessage: m.errorMessage }, true);
            if (m.kind === 'failed') return finish({ ok: false, kind: 'failed', detail: m.detail, reason: 'Runtime.ImportModuleError' }, false);
            finish({ ok: false, kind: m.kind, detail: m.detail }, true);
          },
          died: (detail) => {
            slot = undefined; // already gone
            finish({ ok: false, kind: 'failed', detail, reason: 'Runtime.ExitError' }, false);
          },
        };
        const q = parseFunctionArn(info.functionArn)?.qualifier ?? arn.qualifier;
        const qualifier = q && /^\d+$/.test(q) ? q : '$LATEST'; // an alias runs some version; call it $LATEST
        const msg: InvokeMessage = {
          id,
          event,
          context: {
            functionName: arn.name,
            functionVersion: qualifier,
            invokedFunctionArn: info.functionArn,
            memoryLimitInMB: String(this.memorySize),
            awsRequestId: randomUUID(),
            logGroupName: `/aws/lambda/${arn.name}`,
            logStreamName: s.logStreamName,
            deadline,
          },
        };
        s.worker.postMessage(msg);
      };
      this.acquire(start);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }

  /** Workers alive now (for tests). */
  get workerCount(): number {
    return this.slots.length;
  }
}
