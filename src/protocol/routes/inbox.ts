import type { FastifyInstance } from 'fastify';
import { verifiedAttribute } from '../../domain/code.ts';
import type { StoredMessage } from '../../domain/message.ts';
import type { MessageFilter, MessageRepository } from '../../storage/repositories/messages.ts';

/** A message as the inbox shows it to developers and their tests. */
export function inboxView(m: StoredMessage) {
  return {
    id: m.id,
    userPoolId: m.poolId,
    username: m.username,
    channel: m.medium,
    deliveredVia: m.channel,
    destination: m.destination,
    subject: m.subject,
    body: m.body,
    code: m.code,
    attribute: m.codeKey?.attribute ? verifiedAttribute(m.codeKey.attribute) : null,
    purpose: m.codeKey?.purpose ?? null,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: new Date(m.createdAt).toISOString(),
    sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
  };
}

export type InboxMessage = ReturnType<typeof inboxView>;

const QUERY_KEYS = ['userPoolId', 'username', 'destination', 'channel', 'since', 'limit'] as const;

/** `since` as an ISO date or epoch milliseconds. */
function parseSince(v: string): number | undefined {
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
}

function filterFrom(query: Record<string, string | undefined>): MessageFilter | string {
  for (const k of Object.keys(query)) if (!(QUERY_KEYS as readonly string[]).includes(k)) return `unknown filter '${k}' (known: ${QUERY_KEYS.join(', ')})`;
  const f: MessageFilter = { limit: 50 };
  if (query.userPoolId) f.poolId = query.userPoolId;
  if (query.username) f.username = query.username;
  if (query.destination) f.destination = query.destination;
  if (query.channel) {
    const c = query.channel.toLowerCase();
    if (c !== 'email' && c !== 'sms') return `channel must be email or sms, got '${query.channel}'`;
    f.medium = c;
  }
  if (query.since) {
    const since = parseSince(query.since);
    if (since === undefined) return `since must be an ISO date or epoch milliseconds, got '${query.since}'`;
    f.since = since;
  }
  if (query.limit) {
    const n = Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) return `limit must be a whole number from 1 to 1000, got '${query.limit}'`;
    f.limit = n;
  }
  return f;
}

/** GET /_cognate/messages: the messages Cognate sent, newest first, each with its code. Development mode only. */
export function registerInbox(app: FastifyInstance, messages: MessageRepository): void {
  app.get('/_cognate/messages', async (req, reply) => {
    const filter = filterFrom(req.query as Record<string, string | undefined>);
    if (typeof filter === 'string') return reply.status(400).send({ error: filter });
    return { messages: (await messages.list(filter)).map(inboxView) };
  });
}
