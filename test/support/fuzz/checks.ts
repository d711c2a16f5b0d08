/**
 * What the fuzz test holds every answer to, and what it holds the store to: a success, or a
 * client error in Cognito's shape (never a 5xx, never a stack trace); and a refused request
 * changes nothing of the seed it named.
 */
import assert from 'node:assert/strict';
import { operations } from '../../../src/model/cognito-idp.generated.ts';
import type { Answer, FuzzRig, Seed } from './rig.ts';

/** What AWS's front door answers for any awsJson service, besides each operation's modelled errors. */
const FRONT_DOOR = ['SerializationException', 'UnknownOperationException', 'MissingAuthenticationTokenException', 'IncompleteSignatureException',
  'InvalidSignatureException', 'UnrecognizedClientException', 'RequestEntityTooLargeException', 'UnsupportedOperationException'];
const KNOWN_TYPES: ReadonlySet<string> = new Set([...FRONT_DOOR, ...Object.values(operations).flatMap((o) => o.errors)]);

/** Lines of a JavaScript stack, or a source path: detail that is logged, never answered. */
const STACK = /\n\s+at |\bat .*\.(?:ts|js):\d+|node:internal|\/src\//;

export function checkAnswer(answer: Answer): void {
  const where = `HTTP ${answer.status}: ${answer.body.slice(0, 500)}`;
  assert.ok(answer.status < 500, `a 5xx: ${where}`);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    assert.fail(`not JSON: ${where}`);
  }
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `not a JSON object: ${where}`);
  if (answer.status === 200) return;
  assert.ok(answer.status >= 400, `neither a success nor a client error: ${where}`);
  const { __type, message } = body as { __type?: unknown; message?: unknown };
  assert.ok(typeof __type === 'string' && KNOWN_TYPES.has(__type), `__type is not a Cognito error: ${where}`);
  assert.ok(typeof message === 'string' && message.length > 0, `no message: ${where}`);
  assert.ok(!STACK.test(message), `a stack trace or source path in the message: ${where}`);
  assert.equal(answer.headers['x-amzn-errortype'], `${__type}:`, where);
}

/**
 * Errors that report a message that could not be sent, or a trigger function that failed, after
 * the operation's change was made: AWS keeps the change then (AdminCreateUser answering
 * CodeDeliveryFailureException has still created the user, "expected behavior", aws/aws-sdk#438),
 * and so does Cognate for an attribute update; such a refusal may change what it named.
 */
export const AFTER_THE_CHANGE: ReadonlySet<string> = new Set(['CodeDeliveryFailureException', 'InvalidEmailRoleAccessPolicyException', 'InvalidSmsRoleAccessPolicyException',
  'InvalidSmsRoleTrustRelationshipException', 'UnexpectedLambdaException', 'UserLambdaValidationException', 'InvalidLambdaResponseException']);

/** What a refused request must leave as it was: the seed's pool, clients, group, and the user (bookkeeping such as the lockout counter aside). */
export async function seedState(rig: FuzzRig, s: Seed): Promise<Record<string, string>> {
  const { store } = rig.app;
  const user = await store.users.get(s.poolId, s.user.sub);
  const groups = user ? await store.groups.listForUser(s.poolId, user.sub, { limit: 10 }) : undefined;
  const state = {
    pool: await store.pools.get(s.poolId),
    clients: [await store.clients.get(s.poolId, s.clientId), await store.clients.get(s.poolId, s.secretClientId)],
    group: await store.groups.get(s.poolId, s.group),
    user: user && { username: user.username, status: user.status, enabled: user.enabled, attributes: user.attributes, pending: user.pending, password: user.password?.hash },
    groups: groups?.items.map((g) => g.name),
  };
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, JSON.stringify(v)]));
}

/** Fails naming only the parts of the seed that changed. */
export function assertUnchanged(before: Record<string, string>, after: Record<string, string>, what: string): void {
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  if (changed.length) assert.fail(`${what} changed the seed: ${changed.map((k) => `${k} ${before[k]} -> ${after[k]}`).join('; ')}`.slice(0, 3000));
}
