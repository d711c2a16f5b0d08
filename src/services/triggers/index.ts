/**
 * Lambda-style triggers: the functions a pool's LambdaConfig names, run from a local module (in
 * worker threads), an HTTP endpoint, or the Lambda Invoke API, with Cognito's event shapes,
 * answer checks, 5-second limit and error wording.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Counter, type Registry } from 'prom-client';
import type { InvocationOutcome, InvocationRecord } from '../../domain/invocation.ts';
import { CognitoError, INVOCATION_TIMEOUT, functionError, invocationFailed, invocationTimedOut, noFunctionConfigured, unrecognizableLambdaOutput } from '../../errors/index.ts';
import type { FunctionsConfig, KmsOptions, LambdaDefaults } from '../../ground/config/functions.ts';
import type { InvocationRecorder } from '../../storage/repositories/invocations.ts';
import { checkAnswer, InvalidAnswer } from './answers.ts';
import { isCustomSenderEvent, triggerName, type TriggerEvent } from './events/index.ts';
import type { Invoker, Outcome } from './invokers/types.ts';
import { CodeEncryptor } from './kms.ts';
import { arnOf, Resolver, type LambdaRef } from './resolve.ts';

export { checkAnswer, InvalidAnswer } from './answers.ts';
export { parseAwsEndpoint, parseFunctionArn, parseFunctionsConfig } from './config.ts';
export { memoryRecorder } from './recorder.ts';
export { arnOf, lambdaVersionOf, type LambdaRef } from './resolve.ts';

export * from './events/index.ts';

/** Cognito waits 5 seconds for a function. */
export const COGNITO_TIMEOUT_MS = 5000;

export interface TriggersOptions {
  /** From the server config's "functions" map. */
  functions: FunctionsConfig;
  /** The Lambda API for ARNs not in the map: { endpoint?, region?, credentials? }. Unset: such ARNs fail. */
  lambda?: LambdaDefaults;
  /** development: reload module functions when their file changes; custom sender codes may go unencrypted without KMS. */
  mode: 'development' | 'production';
  /** Module paths in the config are relative to this (the config file's folder, or cwd). */
  baseDir: string;
  recorder: InvocationRecorder;
  /** Counts invocations by trigger source and outcome when given. */
  metrics?: Registry;
  /** For CustomEmailSender/CustomSMSSender code encryption: { endpoint?, region?, credentials? }. */
  kms?: KmsOptions;
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
  /** Epoch ms. */
  now: () => number;
  /** Per-invocation limit; default 5000 (Cognito's). */
  timeoutMs?: number;
  /** Concurrent invocations of one module function (one worker thread each); default 4. */
  maxWorkersPerFunction?: number;
}

export interface Triggers {
  /**
   * Invokes the function configured for `ref` (a LambdaConfig ARN string or a {LambdaArn, LambdaVersion}
   * object) with `event`; resolves to the function's answer (the event with `response` filled), already
   * checked for this trigger source; rejects with the mapped CognitoError.
   */
  invoke<E extends TriggerEvent>(ref: LambdaRef, event: E): Promise<E>;
  /**
   * For CustomEmailSender/CustomSMSSender: asynchronous in Cognito, so failures are logged and recorded,
   * never thrown. The event carries the plain-text code; it is encrypted under `kmsKeyId`
   * (the pool's LambdaConfig.KMSKeyID) before the function sees it.
   */
  invokeAsync(ref: LambdaRef, event: TriggerEvent, options?: { kmsKeyId?: string }): void;
  /** Lets asynchronous invocations finish (at most the time limit), then stops workers and clients. */
  close(): Promise<void>;
}

/** The CognitoError for a failed outcome, and the detail for logs and records. */
function failure(trigger: string, o: Exclude<Outcome, { ok: true }>): { error: CognitoError; detail: string } {
  switch (o.kind) {
    case 'function':
      return { error: functionError(trigger, o.errorMessage), detail: `${o.errorType}: ${o.errorMessage}` };
    case 'timeout':
      return { error: invocationTimedOut(trigger), detail: INVOCATION_TIMEOUT };
    case 'failed':
      return { error: invocationFailed(trigger, o.reason ?? o.detail), detail: o.detail };
    case 'unparseable':
      return { error: unrecognizableLambdaOutput(), detail: o.detail };
  }
}

export function createTriggers(options: TriggersOptions): Triggers {
  const { log, recorder } = options;
  const timeoutMs = options.timeoutMs ?? COGNITO_TIMEOUT_MS;
  const resolver = new Resolver({
    functions: options.functions,
    ...(options.lambda ? { lambda: options.lambda } : {}),
    baseDir: options.baseDir,
    watch: options.mode === 'development',
    ...(options.maxWorkersPerFunction ? { maxWorkers: options.maxWorkersPerFunction } : {}),
    log,
  });
  const encryptor = new CodeEncryptor({ ...(options.kms ? { kms: options.kms } : {}), mode: options.mode, log });
  const counter = options.metrics ? invocationCounter(options.metrics) : undefined;
  const pending = new Set<Promise<void>>();

  async function record(r: Omit<InvocationRecord, 'id'>): Promise<void> {
    counter?.inc({ trigger_source: r.triggerSource, outcome: r.outcome });
    const fields = { triggerSource: r.triggerSource, functionArn: r.functionArn, outcome: r.outcome, durationMs: r.durationMs, ...(r.error ? { error: r.error } : {}) };
    if (r.outcome === 'ok') log.info(fields, 'trigger invoked');
    else if (r.outcome === 'UnexpectedLambdaException') log.error(fields, 'trigger invocation failed');
    else log.warn(fields, 'trigger function failed');
    try {
      await recorder.record({ id: randomUUID(), ...r });
    } catch (e) {
      log.error({ err: (e as Error).message }, 'cannot record a trigger invocation');
    }
  }

  /** Runs one invocation; `check` is false for custom senders, whose answer Cognito ignores. */
  async function run<E extends TriggerEvent>(ref: LambdaRef, event: E, check: boolean, prepare?: (e: E) => Promise<E>): Promise<E> {
    const arn = arnOf(ref);
    const trigger = triggerName(event.triggerSource);
    const startedAt = options.now();
    const t0 = performance.now();
    let invoker: Invoker | null = null;
    let outcome: InvocationOutcome = 'ok';
    let detail: string | undefined;
    try {
      invoker = resolver.resolve(arn);
      if (!invoker) {
        detail = `no function is configured for ${arn}`;
        throw noFunctionConfigured(trigger, arn);
      }
      let sent = event;
      if (prepare) {
        try {
          sent = await prepare(event);
        } catch (e) {
          detail = (e as Error).message;
          throw invocationFailed(trigger, detail);
        }
      }
      const o = await invoker.invoke(sent, { functionArn: arn, timeoutMs });
      if (!o.ok) {
        const f = failure(trigger, o);
        detail = f.detail;
        throw f.error;
      }
      if (!check) return event;
      try {
        return checkAnswer(event, o.payload);
      } catch (e) {
        if (!(e instanceof InvalidAnswer)) throw e;
        detail = e.message;
        throw e.error;
      }
    } catch (e) {
      outcome = e instanceof CognitoError && e.type !== 'InternalErrorException' ? (e.type as InvocationOutcome) : 'UnexpectedLambdaException';
      detail ??= (e as Error).message;
      throw e;
    } finally {
      await record({
        userPoolId: event.userPoolId,
        triggerSource: event.triggerSource,
        functionArn: arn,
        invoker: invoker?.kind ?? 'lambda',
        startedAt,
        durationMs: Math.round(performance.now() - t0),
        outcome,
        ...(detail !== undefined ? { error: detail } : {}),
      });
    }
  }

  return {
    invoke: (ref, event) => run(ref, event, true),
    invokeAsync(ref, event, opts = {}) {
      const encrypt = async (e: TriggerEvent): Promise<TriggerEvent> => {
        if (!isCustomSenderEvent(e) || typeof e.request.code !== 'string') return e;
        const code = await encryptor.encrypt(e.request.code, opts.kmsKeyId);
        return { ...e, request: { ...e.request, code } } as TriggerEvent;
      };
      const p = run(ref, event, false, encrypt).then(
        () => {},
        () => {}, // already logged and recorded
      );
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    async close() {
      // Asynchronous invocations already started finish first (each is bounded by the time limit).
      while (pending.size > 0) await Promise.all(pending);
      await resolver.close();
      encryptor.close();
    },
  };
}

/** cognate_trigger_invocations_total{trigger_source, outcome}, registered once per registry. */
function invocationCounter(registry: Registry): Counter<'trigger_source' | 'outcome'> {
  const name = 'cognate_trigger_invocations_total';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'trigger_source' | 'outcome'>;
  return new Counter({ name, help: 'Trigger function invocations by trigger source and outcome', labelNames: ['trigger_source', 'outcome'], registers: [registry] });
}
