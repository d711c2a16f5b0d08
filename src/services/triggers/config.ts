/**
 * The server config's "functions" map: which function answers a LambdaConfig ARN.
 *
 *   "functions": {
 *     "arn:aws:lambda:us-east-1:000000000000:function:custom-message": { "module": "./triggers/custom-message.ts#handler" },
 *     "arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up":    { "url": "http://127.0.0.1:3000/pre-sign-up" },
 *     "post-confirmation": { "lambda": { "endpoint": "http://127.0.0.1:3001", "functionName": "post-confirmation" } }
 *   }
 *
 * A key is a function ARN (with or without a version/alias qualifier) or a bare function name.
 */
import { ConfigError } from '../../ground/config/config.ts';
import type { AwsEndpoint, FunctionConfig, FunctionsConfig, ModuleFunctionConfig, UrlFunctionConfig } from '../../ground/config/functions.ts';
import type { StringMap } from './events/common.ts';

export interface FunctionArn {
  region: string;
  account: string;
  name: string;
  qualifier?: string;
  /** The ARN without its qualifier. */
  unqualified: string;
}

const ARN = /^(arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,140}))(?::([A-Za-z0-9_$-]{1,128}))?$/;
const NAME = /^([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9_$-]{1,128}))?$/;

export function parseFunctionArn(s: string): FunctionArn | null {
  const m = ARN.exec(s);
  if (!m) return null;
  return { unqualified: m[1]!, region: m[2]!, account: m[3]!, name: m[4]!, ...(m[5] ? { qualifier: m[5] } : {}) };
}

/** The config keys that may name this ARN, most specific first. */
export function lookupKeys(arn: string): string[] {
  const a = parseFunctionArn(arn);
  if (!a) return [arn];
  const keys = [arn, a.unqualified];
  if (a.qualifier) keys.push(`${a.name}:${a.qualifier}`);
  keys.push(a.name);
  return [...new Set(keys)];
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function only(o: Obj, allowed: string[], at: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new ConfigError(`${at}: unknown key '${k}' (known: ${allowed.join(', ')})`);
}
function string(o: Obj, k: string, at: string, required = false): string | undefined {
  const v = o[k];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${at}: '${k}' must be a non-empty string`);
  return v;
}
function stringMap(o: Obj, k: string, at: string): StringMap | undefined {
  const v = o[k];
  if (v === undefined) return undefined;
  if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string')) throw new ConfigError(`${at}: '${k}' must be an object of strings`);
  return { ...(v as StringMap) };
}
function url(o: Obj, k: string, at: string, required = false): string | undefined {
  const v = string(o, k, at, required);
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${at}: '${k}' must be an http:// or https:// URL, got '${v}'`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError(`${at}: '${k}' must be an http:// or https:// URL, got '${v}'`);
  return v;
}

/** Parses an `{endpoint?, region?, credentials?}` object (the `lambda` and `kms` settings). */
export function parseAwsEndpoint(raw: unknown, at: string, extra: string[] = []): AwsEndpoint {
  if (!isObject(raw)) throw new ConfigError(`${at} must be an object like {"endpoint": "http://127.0.0.1:4566", "region": "us-east-1"}`);
  only(raw, ['endpoint', 'region', 'credentials', ...extra], at);
  const out: AwsEndpoint = {};
  const endpoint = url(raw, 'endpoint', at);
  if (endpoint) out.endpoint = endpoint;
  const region = string(raw, 'region', at);
  if (region) out.region = region;
  if (raw.credentials !== undefined) {
    const c = raw.credentials;
    const cat = `${at}.credentials`;
    if (!isObject(c)) throw new ConfigError(`${cat} must be {"accessKeyId": "...", "secretAccessKey": "..."}`);
    only(c, ['accessKeyId', 'secretAccessKey', 'sessionToken'], cat);
    out.credentials = { accessKeyId: string(c, 'accessKeyId', cat, true)!, secretAccessKey: string(c, 'secretAccessKey', cat, true)! };
    const token = string(c, 'sessionToken', cat);
    if (token) out.credentials.sessionToken = token;
  }
  return out;
}

function parseOne(raw: unknown, at: string): FunctionConfig {
  const kinds = isObject(raw) ? ['module', 'url', 'lambda'].filter((k) => k in raw) : [];
  if (!isObject(raw) || kinds.length !== 1)
    throw new ConfigError(`${at} must be an object with exactly one of "module" (a file), "url" (an HTTP endpoint) or "lambda" (the Lambda API)`);
  if (kinds[0] === 'module') {
    only(raw, ['module', 'memorySize', 'environment'], at);
    const module = string(raw, 'module', at, true)!;
    const [file, exportName, more] = module.split('#');
    if (!file || exportName === '' || more !== undefined) throw new ConfigError(`${at}: 'module' must look like "./path/to/file.ts" or "./path/to/file.ts#exportName", got '${module}'`);
    const out: ModuleFunctionConfig = { module };
    if (raw.memorySize !== undefined) {
      const m = raw.memorySize;
      if (typeof m !== 'number' || !Number.isInteger(m) || m < 128 || m > 10240) throw new ConfigError(`${at}: 'memorySize' must be a whole number from 128 to 10240`);
      out.memorySize = m;
    }
    const environment = stringMap(raw, 'environment', at);
    if (environment) out.environment = environment;
    return out;
  }
  if (kinds[0] === 'url') {
    only(raw, ['url', 'headers'], at);
    const out: UrlFunctionConfig = { url: url(raw, 'url', at, true)! };
    const headers = stringMap(raw, 'headers', at);
    if (headers) out.headers = headers;
    return out;
  }
  only(raw, ['lambda'], at);
  const lambda = parseAwsEndpoint(raw.lambda, `${at}.lambda`, ['functionName']);
  const functionName = string(raw.lambda as Obj, 'functionName', `${at}.lambda`);
  const { endpoint, region, credentials } = lambda;
  return { lambda: { ...(functionName ? { functionName } : {}), ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) } };
}

/** Checks the "functions" map of a config; `where` names it in messages (e.g. "config file ./cognate.json"). */
export function parseFunctionsConfig(raw: unknown, where: string): FunctionsConfig {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ConfigError(`${where}: 'functions' must be an object mapping function ARNs to {"module": ...}, {"url": ...} or {"lambda": {...}}`);
  const out: FunctionsConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    const at = `${where}: functions["${key}"]`;
    if (!parseFunctionArn(key) && !NAME.test(key))
      throw new ConfigError(`${at}: the key must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]) or a function name`);
    out[key] = parseOne(value, at);
  }
  return out;
}
