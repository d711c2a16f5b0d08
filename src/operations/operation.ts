import type { Deps } from '../services/deps.ts';
import type { RequestContext, Resolved, Resolves } from '../services/request-context.ts';

export interface Operation {
  name: string;
  /** What the protocol layer resolves from the request before the handler runs (and keys quotas on). */
  resolves: Resolves;
  /** Input has passed the model's constraints, and the context holds what `resolves` names, before it gets here. */
  handle(deps: Deps, input: unknown, ctx: RequestContext & Resolved): Promise<object>;
}

type Handler<I, O, D extends keyof Deps, R extends Resolves> = (deps: Pick<Deps, D>, input: I, ctx: RequestContext<R>) => Promise<O>;

function define<R extends Resolves>(resolves: R) {
  return <I, O extends object, D extends keyof Deps>(name: string, handle: Handler<I, O, D, R>): Operation => ({
    name,
    resolves,
    handle: (deps, input, ctx) => handle(deps, input as I, ctx as RequestContext<R>),
  });
}

/*
 * The four ways to declare an operation, by what its request names. `I`/`O` are the SDK's request
 * and response types (as they travel on the wire); `D` names the dependencies the handler uses, so
 * a test can supply only those.
 */

/** An operation that names no pool (CreateUserPool, ListUserPools). */
export const operation = define('nothing');
/** A signed operation on the pool its UserPoolId names: the handler gets `ctx.pool`. */
export const poolOperation = define('pool');
/** An unsigned operation of the app client its ClientId names: the handler gets `ctx.client` and `ctx.pool`. */
export const clientOperation = define('client');
/** An operation a signed-in user calls with their AccessToken: the handler gets `ctx.user`, `ctx.client`, `ctx.pool` and `ctx.claims`. */
export const userOperation = define('user');
