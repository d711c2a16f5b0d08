/**
 * HTTP functions: the event is POSTed as JSON and the response body is the answer. A non-2xx
 * answer means the function failed: with a Lambda error body (`{"errorMessage": ...}`) it is the
 * function's error, otherwise an invocation failure.
 */
import type { UrlFunctionConfig } from '../../../ground/config/functions.ts';
import { lambdaError, parseAnswer, type InvokeInfo, type Invoker, type Outcome } from './types.ts';

export class HttpInvoker implements Invoker {
  readonly kind = 'url' as const;
  private readonly config: UrlFunctionConfig;
  private readonly controllers = new Set<AbortController>();

  constructor(config: UrlFunctionConfig) {
    this.config = config;
  }

  async invoke(event: object, info: InvokeInfo): Promise<Outcome> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), info.timeoutMs);
    try {
      const res = await fetch(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...this.config.headers },
        body: JSON.stringify(event),
        signal: controller.signal,
      });
      const text = await res.text();
      if (res.ok) return parseAnswer(text);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const err = lambdaError(body);
      if (err) return { ok: false, kind: 'function', ...err };
      return { ok: false, kind: 'failed', detail: `${this.config.url} answered HTTP ${res.status}: ${text.slice(0, 200)}`, reason: `HTTP ${res.status}` };
    } catch (e) {
      if (controller.signal.aborted) {
        const closing = (controller.signal.reason as Error | undefined)?.message === 'closed';
        return closing ? { ok: false, kind: 'failed', detail: 'the server is shutting down' } : { ok: false, kind: 'timeout' };
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      return { ok: false, kind: 'failed', detail: `cannot reach ${this.config.url}: ${why}`, reason: cause?.code ?? 'ServiceException' };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  async close(): Promise<void> {
    for (const c of this.controllers) c.abort(new Error('closed'));
  }
}
