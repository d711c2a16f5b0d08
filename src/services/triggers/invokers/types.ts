/** What an invoker reports; index.ts turns it into the answer or Cognito's error. */
export type Outcome =
  /** The function answered; `payload` is its JSON answer, parsed. */
  | { ok: true; payload: unknown }
  /** The function ran and reported an error (threw, called back with one, errorMessage over HTTP, FunctionError from Lambda). */
  | { ok: false; kind: 'function'; errorType: string; errorMessage: string }
  /** The function answered something that is not JSON. */
  | { ok: false; kind: 'unparseable'; detail: string }
  /**
   * It could not be invoked, or crashed before answering. `reason` is what the API caller is
   * told (Lambda's error name where there is one); `detail` goes to the log and the record.
   */
  | { ok: false; kind: 'failed'; detail: string; reason?: string }
  /** No answer within the time limit. */
  | { ok: false; kind: 'timeout' };

export interface InvokeInfo {
  /** The ARN as configured in LambdaConfig (context.invokedFunctionArn). */
  functionArn: string;
  timeoutMs: number;
}

export interface Invoker {
  readonly kind: 'module' | 'url' | 'lambda';
  invoke(event: object, info: InvokeInfo): Promise<Outcome>;
  close(): Promise<void>;
}

/** Reads a function's answer the way Lambda returns it: JSON text. */
export function parseAnswer(text: string): Outcome {
  try {
    return { ok: true, payload: JSON.parse(text) };
  } catch {
    return { ok: false, kind: 'unparseable', detail: `the answer is not JSON: ${JSON.stringify(text.slice(0, 100))}` };
  }
}

/** `{"errorMessage": ..., "errorType": ...}`, Lambda's error payload, if `v` is one. */
export function lambdaError(v: unknown): { errorType: string; errorMessage: string } | null {
  if (typeof v !== 'object' || v === null) return null;
  const { errorMessage, errorType } = v as { errorMessage?: unknown; errorType?: unknown };
  if (typeof errorMessage !== 'string') return null;
  return { errorMessage, errorType: typeof errorType === 'string' ? errorType : 'Error' };
}
