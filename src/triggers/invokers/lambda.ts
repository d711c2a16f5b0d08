/**
 * Lambda functions: the Lambda `Invoke` API (RequestResponse) on AWS or an emulator, through
 * @aws-sdk/client-lambda. `FunctionError` in the answer is the function's error; an API or
 * network error is an invocation failure.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AwsEndpoint } from '../config.ts';
import { lambdaError, parseAnswer, type InvokeInfo, type Invoker, type Outcome } from './types.ts';

export class LambdaInvoker implements Invoker {
  readonly kind = 'lambda' as const;
  private readonly client: LambdaClient;
  private readonly functionName: string;
  private readonly controllers = new Set<AbortController>();

  /** `functionName` may be a name, a (qualified) ARN, or name:qualifier. */
  constructor(endpoint: AwsEndpoint & { region: string }, functionName: string) {
    this.functionName = functionName;
    this.client = new LambdaClient({
      region: endpoint.region,
      ...(endpoint.endpoint ? { endpoint: endpoint.endpoint } : {}),
      ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
      maxAttempts: 1, // Cognito does not retry a synchronous trigger
    });
  }

  async invoke(event: object, info: InvokeInfo): Promise<Outcome> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), info.timeoutMs);
    try {
      const out = await this.client.send(
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
    for (const c of this.controllers) c.abort(new Error('closed'));
    this.client.destroy();
  }
}
