/**
 * fast-check arbitraries for the fuzz test: an operation's input built from the API model's
 * shapes, mixed at every level with hostile values (null, wrong JSON types, huge strings, numbers
 * and arrays, deep nesting, unknown and prototype-named members), and raw bodies that are not
 * valid requests at all. Members that name the caller (UserPoolId, ClientId, AccessToken,
 * Username, ...) take the seed's real values with a good probability, written as markers that
 * `materialize` replaces with the current seed's values when the request is sent, so that a
 * counterexample stays readable and replays on a fresh seed.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { operations, shapes } from '../../../src/model/cognito-idp.generated.ts';
import { javaPatternToRegExp } from '../../../src/model/java-regex.ts';
import type { ShapeInfo } from '../../../src/model/types.ts';
import type { Seed, SendOptions } from './rig.ts';

const MARK = '\u0001seed:';
type SeedName = keyof Seed | 'secretHash';
const seed = (name: SeedName) => fc.constant(`${MARK}${name}`);

/** Property names with a meaning of their own in JavaScript: a handler that indexes an object with one must not trip. */
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
export const key = fc.oneof(fc.constantFrom(...PROTO_KEYS, ''), fc.string({ maxLength: 12 }));

function nest(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { x: v };
  return v;
}

export const json = fc.jsonValue({ maxDepth: 2 });

/** What no well-behaved client sends where a value of the model's type belongs. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  fc.constant(undefined), // the member left out
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(0, -1, 0.5, -0, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 2 ** 64),
  fc.string({ maxLength: 16 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', 'null', 'true', '-1', '1e999', '💥'.repeat(40), ...PROTO_KEYS),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, () => 'a')),
  fc.integer({ min: 20, max: 400 }).map(nest),
  fc.constantFrom<unknown>([], {}, [null], { a: null }, [[]], [{}]),
  fc.array(json, { maxLength: 4 }),
  fc.dictionary(key, json, { maxKeys: 4 }),
);

/** Mostly the good value, now and then a hostile one. */
const spoiled = (good: fc.Arbitrary<unknown>) => fc.oneof({ weight: 14, arbitrary: good }, { weight: 1, arbitrary: hostile });

// ---- values that reach handlers: the seed's, and plausible ones ------------------------------

const password = fc.oneof(seed('password'), fc.constantFrom('N3w-Passw0rd!', 'short', 'alllowercase1!', 'x'.repeat(300)));
const username = fc.oneof({ weight: 4, arbitrary: seed('username') }, seed('email'), fc.constantFrom('nobody', 'ALICE', 'us-east-1_x', '+15555550100'));
const token = fc.oneof(seed('accessToken'), seed('refreshToken'), fc.constantFrom('abc.def.ghi', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'x'));
const clientId = fc.oneof({ weight: 3, arbitrary: seed('clientId') }, { weight: 2, arbitrary: seed('secretClientId') }, fc.constantFrom('1example23456789abcdefghij', 'nope'));

const ATTRIBUTE_VALUES: Record<string, fc.Arbitrary<string>> = {
  email: fc.constantFrom('bob@example.com', 'not-an-email', '', 'a@b'),
  phone_number: fc.constantFrom('+15555550100', '555', '+1'),
  email_verified: fc.constantFrom('true', 'false', 'yes'),
  phone_number_verified: fc.constantFrom('true', 'false', 'maybe'),
  updated_at: fc.constantFrom('1700000000', 'soon', '-5'),
  'custom:tier': fc.constantFrom('gold', 'x'.repeat(3000)),
};
const attributeName = fc.constantFrom('email', 'phone_number', 'name', 'given_name', 'custom:tier', 'custom:none', 'sub', 'email_verified', 'phone_number_verified', 'updated_at', 'address', 'cognito:user_status', 'dev:custom:x');
const attribute = attributeName.chain((name) => fc.record({ Name: spoiled(fc.constant(name)), Value: spoiled(ATTRIBUTE_VALUES[name] ?? fc.string({ maxLength: 20 })) }, { requiredKeys: ['Name'] }));

/** AuthParameters and ChallengeResponses: the keys the flows read, with values they accept or refuse. */
const FLOW_KEYS: Record<string, fc.Arbitrary<unknown>> = {
  USERNAME: username,
  PASSWORD: password,
  NEW_PASSWORD: password,
  SECRET_HASH: fc.oneof(seed('secretHash'), fc.constant('bm9wZQ==')),
  REFRESH_TOKEN: fc.oneof(seed('refreshToken'), token),
  SRP_A: fc.constantFrom('0', '1', 'ff'.repeat(384), 'zz', '-1', 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1'),
  PASSWORD_CLAIM_SIGNATURE: fc.constantFrom('AAAA', 'not base64', ''),
  PASSWORD_CLAIM_SECRET_BLOCK: fc.constantFrom('AAAA', 'x'.repeat(5000)),
  TIMESTAMP: fc.constantFrom('Mon Jan 1 00:00:00 UTC 2024', 'yesterday', ''),
  ANSWER: fc.string({ maxLength: 10 }),
  DEVICE_KEY: fc.constantFrom('us-east-1_0123-abcd', 'x'),
  CHALLENGE_NAME: fc.constantFrom('PASSWORD', 'SRP_A', 'NOPE'),
  'userAttributes.email': ATTRIBUTE_VALUES.email,
  'userAttributes.name': fc.string({ maxLength: 10 }),
};
const flowMap = fc.record(FLOW_KEYS, { requiredKeys: [] }).chain((m) =>
  fc.dictionary(key, fc.string({ maxLength: 8 }), { maxKeys: 2 }).map((extra) => withEntries(extra, Object.entries(m))),
);

/** Pagination tokens of the forms the server hands out (see storage/shared/cursor.ts), holding what it never would. */
const cursor = fc.oneof(
  fc.oneof(fc.nat(), fc.constantFrom(-1, 2 ** 53, 1e300)).map((n) => Buffer.from(`c1:${n}`).toString('base64url')),
  fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', 'a\u0000', '\ud800', 'x'.repeat(5000))), fc.oneof(fc.integer(), fc.constantFrom(1e300, -0.5)))
    .map(([v, n]) => Buffer.from(JSON.stringify(['c2', v, n])).toString('base64url')),
);

/** Values by member name, where the name says more than the shape. */
const BY_MEMBER: Record<string, fc.Arbitrary<unknown>> = {
  UserPoolId: fc.oneof({ weight: 5, arbitrary: seed('poolId') }, fc.constantFrom('us-east-1_Nope12345', 'eu-west-1_x', 'x_1')),
  ClientId: clientId,
  AccessToken: fc.oneof({ weight: 4, arbitrary: seed('accessToken') }, token),
  RefreshToken: fc.oneof({ weight: 3, arbitrary: seed('refreshToken') }, token),
  Token: token,
  Username: username,
  Password: password, PreviousPassword: password, ProposedPassword: password, TemporaryPassword: password,
  SecretHash: fc.oneof(seed('secretHash'), fc.constant('bm9wZQ==')),
  ClientSecret: fc.oneof(seed('clientSecret'), fc.constant('wrong-secret')),
  GroupName: fc.oneof(seed('group'), fc.constantFrom('others', 'Admins')),
  AttributeName: attributeName,
  ConfirmationCode: fc.constantFrom('123456', '000000', '1'), Code: fc.constantFrom('123456', '000000', '1'),
  Session: fc.constantFrom('a'.repeat(20), 'x'.repeat(2048)),
  Filter: fc.constantFrom('email = "bob@example.com"', 'username ^= "al"', 'sub = ""', 'status = "Enabled"', 'name ^= ', '"', 'cognito:user_status = "CONFIRMED"', 'email = "\\"'),
  PaginationToken: fc.oneof(fc.constantFrom('abc', 'eyJ4IjoxfQ==', '!!'), cursor), NextToken: fc.oneof(fc.constantFrom('abc', 'eyJ4IjoxfQ==', '!!'), cursor),
  AuthParameters: flowMap, ChallengeResponses: flowMap,
  UserAttributes: fc.array(attribute, { maxLength: 4 }),
  UserAttributeNames: fc.array(attributeName, { maxLength: 3 }),
};

// ---- values from the model -----------------------------------------------------------------

const memo = new Map<string, fc.Arbitrary<unknown>>();

/**
 * A value for the shape (the member name picks a value from the seed where it names one); when
 * `spoil`, now and then a hostile one instead, at this level or any below.
 */
function valueFor(shapeName: string, member: string, spoil: boolean): fc.Arbitrary<unknown> {
  const id = `${shapeName}/${member}/${spoil}`;
  let arb = memo.get(id);
  if (!arb) {
    const own = fromShape(shapes[shapeName], spoil);
    const good = BY_MEMBER[member] ? fc.oneof({ weight: 3, arbitrary: BY_MEMBER[member] }, { weight: 1, arbitrary: own }) : own;
    arb = spoil ? spoiled(good) : good;
    memo.set(id, arb);
  }
  return arb;
}

function fromShape(s: ShapeInfo, spoil: boolean): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'structure': {
      const required = new Set(s.required ?? []);
      const members = Object.entries(s.members ?? {}).map(([name, target]) => {
        // A required member is now and then left out; an optional one is there half the time.
        return fc.option(valueFor(target, name, spoil).map((x) => [name, x] as const), { freq: required.has(name) ? 30 : 2, nil: undefined });
      });
      const unknown = spoil ? fc.option(fc.tuple(key, json), { freq: 12, nil: undefined }) : fc.constant(undefined);
      return fc.tuple(fc.tuple(...members), unknown).map(([entries, extra]) => {
        const list = entries.filter((e) => e !== undefined && e[1] !== undefined) as [string, unknown][];
        return withEntries({}, extra ? [...list, extra] : list);
      });
    }
    case 'list':
      return fc.array(valueFor(s.member!, '', spoil), { minLength: Math.min(s.min ?? 0, 3), maxLength: Math.min(s.max ?? 4, 4) });
    case 'map': {
      const keys = valueFor(s.key!, '', false).filter((k): k is string => typeof k === 'string');
      return fc.dictionary(spoil ? fc.oneof(keys, key) : keys, valueFor(s.value!, '', spoil), { maxKeys: 3 });
    }
    case 'string':
      return stringFor(s);
    case 'integer':
    case 'long':
      return fc.integer({ min: Math.max(s.min ?? -1000, -(2 ** 31)), max: Math.min(s.max ?? 100_000, 2 ** 31 - 1) });
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return fc.integer({ min: 0, max: 2_000_000_000 });
    case 'blob':
      return fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b).toString('base64'));
    default:
      return json;
  }
}

function stringFor(s: ShapeInfo): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const min = s.min ?? 0;
  const max = Math.min(s.max ?? 40, 40);
  const plain = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: Math.min(min, max), maxLength: Math.max(min, max) });
  if (!s.pattern) return fc.oneof(plain, fc.string({ maxLength: max }), fc.string({ unit: 'binary', maxLength: max }));
  return fc.oneof(plain, matching(s.pattern));
}

/**
 * Strings the model's pattern accepts. fast-check takes a second to expand a Unicode property
 * class (\p{L} and the like, in most of the model's patterns), so each stands for a few of its
 * characters here: what is generated still matches the real pattern.
 */
const FEW: Record<string, string> = { L: 'a-zA-Z\u00e9\u00df\u0436\u4e2d', M: '\u0301', S: '+^$=~\u20ac', N: '0-9\u0663', P: '!#%&*,./:;?@_\\-', Z: ' ' };
const matchers = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  let arb = matchers.get(pattern);
  if (!arb) {
    arb = fc.stringMatching(javaPatternToRegExp(pattern.replace(/\\p\{([LMSNPZ])\}/g, (_m, c: string) => FEW[c])), { size: 'xsmall' });
    matchers.set(pattern, arb);
  }
  return arb;
}

/** An object from entries, `__proto__` included as an own member (as JSON.parse makes it). */
function withEntries(base: Record<string, unknown>, entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = { ...base };
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/**
 * An operation's input from its model shape: a third of them clean (to reach the handler with
 * values it may accept), the rest spoiled here and there, sometimes not even an object.
 */
export const inputFor = (operation: string) =>
  fc.oneof({ weight: 1, arbitrary: valueFor(operations[operation].input, '', false) }, { weight: 2, arbitrary: valueFor(operations[operation].input, '', true) });

/** An operation's input from its model shape, never spoiled: what a well-behaved client could send. */
export const cleanInputFor = (operation: string) => valueFor(operations[operation].input, '', false);

// ---- raw bodies -----------------------------------------------------------------------------

/** Bodies that are not a request: invalid JSON, JSON that is not an object, deep nesting, bad UTF-8, over the size limit. */
export const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  json.map((v) => JSON.stringify(v) ?? ''),
  fc.tuple(fc.dictionary(key, json, { maxKeys: 4 }), fc.nat()).map(([o, n]) => { const t = JSON.stringify(o); return t.slice(0, n % (t.length + 1)); }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 1, max: 100_000 }).map((n) => '['.repeat(n)),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from('{"Username":"'), Buffer.from(b), Buffer.from('"}')])),
  fc.constantFrom('', 'null', '[]', '"x"', '1', 'true', '\ufeff{}', '{"Limit": 1e999}', '{"MaxResults": 123456789012345678901234567890}',
    '{"UserPoolId":"x","UserPoolId":null}', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {"polluted": 1}}}', '{,}', '{"a":1,}', "{'a':1}"),
  fc.constant(null).map(() => `{"PoolName":"${'x'.repeat(1024 * 1024)}"}`),
);

/** Now and then a signed operation left unsigned, or headers no SDK sends. */
export const sendOptions: fc.Arbitrary<SendOptions> = fc.record({
  unsigned: fc.boolean(),
  headers: fc.constantFrom<Record<string, string>>({}, {}, { 'content-type': 'text/plain' }, { 'content-encoding': 'gzip' }, { 'x-amz-target': 'AWSCognitoIdentityProviderService.' }, { 'x-amz-target': 'AWSCognitoIdentityProviderService.__proto__' }),
});

// ---- markers to values --------------------------------------------------------------------

/**
 * The JSON text of a generated input with the markers replaced by the seed's values. A
 * SECRET_HASH is computed for the username and client the request names, as a client does.
 */
export function materialize(input: unknown, s: Seed): string | undefined {
  const root = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const value = (v: unknown): unknown => (typeof v === 'string' && v.startsWith(MARK) ? resolve(v.slice(MARK.length) as SeedName) : v);
  const params = (root.AuthParameters ?? root.ChallengeResponses ?? {}) as Record<string, unknown>;
  const resolve = (name: SeedName): string => {
    if (name === 'secretHash') {
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const user = text(value(root.Username ?? params.USERNAME));
      return createHmac('sha256', s.clientSecret).update(user + text(value(root.ClientId))).digest('base64');
    }
    return String(s[name]);
  };
  return JSON.stringify(input, (_k, v: unknown) => value(v));
}
