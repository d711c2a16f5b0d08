import type { Deps } from '../services/deps.ts';
import type { RequestContext } from '../services/request-context.ts';

export interface Operation {
  name: string;
  /** Input has passed the model's constraints before it gets here. */
  handle(deps: Deps, input: unknown, ctx: RequestContext): Promise<object>;
}

/**
 * Declares an operation. `I`/`O` are the SDK's request/response types (as they travel on the
 * wire); `D` names the dependencies the handler uses, so a test can supply only those.
 */
export function operation<I, O extends object, D extends keyof Deps>(
  name: string,
  handle: (deps: Pick<Deps, D>, input: I, ctx: RequestContext) => Promise<O>,
): Operation {
  return { name, handle: (deps, input, ctx) => handle(deps, input as I, ctx) };
}
