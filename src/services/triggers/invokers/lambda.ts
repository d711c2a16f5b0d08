/**
 * Lambda functions: the Lambda `Invoke` API (RequestResponse) on AWS or an emulator, through
 * @aws-sdk/client-lambda. `FunctionError` in the answer is the function's error; an API or
 * network error is an invocation failure.
 */
import type { AwsEndpoint } from '../../../ground/config/functions.ts';
import { lambdaError, parseAnswer, type InvokeInfo, type Invoker, type Outcome } from './types.ts';

/**
 * A client for `endpoint`, with the command it sends. The SDK is imported here, at the first
 * invocation, not with this module: it adds some 30 MB to a server that may invoke no Lambda
 * function at all. The invoker itself is made synchronously, when a trigger is resolved.
 */
async function openClient(endpoint: AwsEndpoint & { region: string }) {
  const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({
    region: endpoint.region,
    ...(endpoint.endpoint ? { endpoint: endpoint.endpoint } : {}),
    ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
    maxAttempts: 1, // Cognito does not retry a synchronous trigger
  });
  return { client, InvokeCommand };
}

export class LambdaInvoker implements Invoker {
  readonly kind = 'lambda' as const;
  private readonly endpoint: AwsEndpoint & { region: string };
  private readonly functionName: string;
  private readonly controllers = new Set<AbortController>();
  private opening?: ReturnType<typeof openClient>;
  private lambda?: Awaited<ReturnType<typeof openClient>>;
  private closed = false;

  /** `functionName` may be a name, a (qualified) ARN, or name:qualifier. */
  constructor(endpoint: AwsEndpoint & { region: string }, functionName: string) {
    this.endpoint = endpoint;
    this.functionName = functionName;
  }

  private open(): ReturnType<typeof openClient> {
    this.opening ??= openClient(this.endpoint).then((made) => {
      this.lambda = made;
      // close() came first (while the SDK loaded, or before any invocation): the client is
      // destroyed at once, as it would have been had it been made with the invoker.
      if (this.closed) made.client.destroy();
      return made;
    });
    return this.opening;
  }

  async invoke(event: object, info: InvokeInfo): Promise<Outcome> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), info.timeoutMs);
    try {
      const { client, InvokeCommand } = await this.open();
      // The first invocation waits for the SDK to load: a timeout or close() during that wait
      // ends it here, as it would have during the request.
      controller.signal.throwIfAborted();
      const out = await client.send(
        new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
        { abortSignal: controller.signal },
      );
      const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      if (out.FunctionError) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        return { ok: false, kind: 'function', ...(lambdaError(body) ?? { errorType: out.FunctionError, errorMessage: text || out.FunctionError }) };
      }
      return parseAnswer(text);
    } catch (e) {
      if (controller.signal.aborted) {
        const closing = (controller.signal.reason as Error | undefined)?.message === 'closed';
        return closing ? { ok: false, kind: 'failed', detail: 'the server is shutting down' } : { ok: false, kind: 'timeout' };
      }
      const err = e as Error & { $fault?: string; code?: string; cause?: { code?: string } };
      // An API error is named as Cognito names it ("... failed due to error AccessDeniedException");
      // a network error by its code.
      if (err.$fault) return { ok: false, kind: 'failed', detail: `${err.name}: ${err.message}`, reason: err.name };
      const code = err.code ?? err.cause?.code;
      return { ok: false, kind: 'failed', detail: `${err.name}: ${err.message}`, reason: code ?? 'ServiceException' };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.controllers) c.abort(new Error('closed'));
    // A client still being made is destroyed as it is made (in open()).
    this.lambda?.client.destroy();
  }
}
