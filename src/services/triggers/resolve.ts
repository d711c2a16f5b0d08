/** Finds the invoker for a LambdaConfig reference, from the "functions" map or the default Lambda API. */
import type { FunctionsConfig, LambdaDefaults } from '../../ground/config/functions.ts';
import { lookupKeys, parseFunctionArn, type FunctionArn } from './config.ts';
import { HttpInvoker } from './invokers/http.ts';
import { LambdaInvoker } from './invokers/lambda.ts';
import { ModuleInvoker } from './invokers/module.ts';
import type { Invoker } from './invokers/types.ts';

/** A LambdaConfig value: an ARN string, or `{LambdaArn, LambdaVersion}` (PreTokenGenerationConfig, CustomEmailSender, CustomSMSSender). */
export type LambdaRef = string | { LambdaArn: string; LambdaVersion?: string };

export function arnOf(ref: LambdaRef): string {
  return typeof ref === 'string' ? ref : ref.LambdaArn;
}

/** The event version a `{LambdaArn, LambdaVersion}` reference asks for (`V1_0` for a plain ARN). */
export function lambdaVersionOf(ref: LambdaRef): string {
  return typeof ref === 'string' ? 'V1_0' : (ref.LambdaVersion ?? 'V1_0');
}

export interface ResolverOptions {
  functions: FunctionsConfig;
  lambda?: LambdaDefaults;
  baseDir: string;
  watch: boolean;
  maxWorkers?: number;
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

export class Resolver {
  private readonly opts: ResolverOptions;
  private readonly invokers = new Map<string, Invoker>();

  constructor(opts: ResolverOptions) {
    this.opts = opts;
  }

  /** The invoker for an ARN, or null when nothing is configured for it. */
  resolve(arn: string): Invoker | null {
    const key = lookupKeys(arn).find((k) => Object.hasOwn(this.opts.functions, k));
    const parsed = parseFunctionArn(arn);
    if (key === undefined) {
      if (!this.opts.lambda || !parsed) return null;
      return this.cached(`default|${arn}`, () => new LambdaInvoker({ ...this.opts.lambda, region: this.opts.lambda?.region ?? parsed.region }, arn));
    }
    const config = this.opts.functions[key]!;
    const identity: FunctionArn = parseFunctionArn(key) ?? parsed ?? { name: key, region: this.opts.lambda?.region ?? 'us-east-1', account: '000000000000', unqualified: key };
    if ('module' in config)
      return this.cached(`module|${key}`, () => new ModuleInvoker({ config, arn: identity, baseDir: this.opts.baseDir, watch: this.opts.watch, maxWorkers: this.opts.maxWorkers, log: this.opts.log }));
    if ('url' in config) return this.cached(`url|${key}`, () => new HttpInvoker(config));
    const l = config.lambda;
    const functionName = l.functionName ?? arn;
    const region = l.region ?? this.opts.lambda?.region ?? parsed?.region ?? identity.region;
    const endpoint = l.endpoint ?? this.opts.lambda?.endpoint;
    const credentials = l.credentials ?? this.opts.lambda?.credentials;
    return this.cached(`lambda|${key}|${functionName}`, () => new LambdaInvoker({ region, ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) }, functionName));
  }

  private cached(key: string, make: () => Invoker): Invoker {
    let inv = this.invokers.get(key);
    if (!inv) this.invokers.set(key, (inv = make()));
    return inv;
  }

  async close(): Promise<void> {
    await Promise.all([...this.invokers.values()].map((i) => i.close()));
    this.invokers.clear();
  }
}
