import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Codes } from '../codes/codes.ts';
import type { DeliveryService } from '../delivery/send-code.ts';
import type { Triggers } from '../triggers/index.ts';
import type { KeyRing } from '../tokens/keys.ts';
import type { TokenService } from '../tokens/tokens.ts';
import type { Protection } from '../limits/protection.ts';
import type { Config } from '../config/config.ts';
import type { Random } from '../domain/ids.ts';
import type { Store } from '../storage/types.ts';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Everything an operation may depend on; each declares the part it uses. */
export interface Deps {
  store: Store;
  clock: Clock;
  random: Random;
  config: Config;
  codes: Codes;
  delivery: DeliveryService;
  triggers: Triggers;
  keys: KeyRing;
  tokens: TokenService;
  /** Per-pool address rules, when configured. */
  protection?: Protection;
  metrics: Registry;
}

export interface RequestContext {
  requestId: string;
  /** The caller's address as the server sees it. */
  sourceIp: string;
  /** The caller's User-Agent (it names the SDK, for triggers' callerContext.awsSdkVersion). */
  userAgent?: string;
  log: FastifyBaseLogger;
}

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
