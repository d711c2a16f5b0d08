import { parseArgs } from 'node:util';
import { ConfigError } from '../ground/config/config.ts';
import type { InboxMessage } from '../protocol/routes/inbox.ts';

/** `cognate messages` and `cognate code`: read the inbox of a running server (development mode). */

export const inboxHelp = `  cognate messages [--pool ID] [--user NAME] [--destination D] [--channel email|sms]
                   [--since ISO|MS] [--limit N] [--json] [--endpoint URL]
                            list the messages a running server sent, newest first
  cognate code --pool ID --user NAME [--attribute NAME] [--endpoint URL]
                            print the latest code sent to a user; exit 1 when there is none
    --endpoint defaults to $COGNATE_ENDPOINT, else http://127.0.0.1:$COGNATE_PORT (9325)`;

const common = {
  endpoint: { type: 'string' },
  pool: { type: 'string' },
  user: { type: 'string' },
} as const;

function endpointOf(flag: string | undefined): string {
  return (flag ?? process.env.COGNATE_ENDPOINT ?? `http://127.0.0.1:${process.env.COGNATE_PORT || 9325}`).replace(/\/+$/, '');
}

async function fetchMessages(endpoint: string, query: Record<string, string | undefined>): Promise<InboxMessage[]> {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  let res: Response;
  try {
    res = await fetch(`${endpoint}/_cognate/messages?${qs}`);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new ConfigError(`cannot reach Cognate at ${endpoint} (${cause}); is it running? (--endpoint)`);
  }
  if (res.status === 404) throw new ConfigError(`${endpoint} serves no inbox: it runs in production mode, or is not Cognate`);
  const body = (await res.json()) as { messages?: InboxMessage[]; error?: string };
  if (!res.ok || !body.messages) throw new ConfigError(`the inbox answered ${res.status}: ${body.error ?? 'unexpected answer'}`);
  return body.messages;
}

export async function messagesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...common, destination: { type: 'string' }, channel: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const messages = await fetchMessages(endpointOf(values.endpoint), {
    userPoolId: values.pool, username: values.user, destination: values.destination, channel: values.channel, since: values.since, limit: values.limit,
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
    return 0;
  }
  for (const m of messages) {
    process.stdout.write(`${m.createdAt}  ${m.channel.padEnd(5)} ${m.destination}  ${m.status}  code=${m.code ?? '-'}  pool=${m.userPoolId} user=${m.username}\n`);
    if (m.subject) process.stdout.write(`    subject: ${m.subject}\n`);
    process.stdout.write(`    ${m.body.replace(/\n/g, '\n    ')}\n`);
  }
  if (messages.length === 0) process.stdout.write('no messages\n');
  return 0;
}

export async function codeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...common, attribute: { type: 'string' } }, strict: true });
  if (!values.pool || !values.user) throw new ConfigError('cognate code needs --pool and --user');
  const messages = await fetchMessages(endpointOf(values.endpoint), { userPoolId: values.pool, username: values.user, limit: '100' });
  const latest = messages.find((m) => m.code && (!values.attribute || m.attribute === values.attribute));
  if (!latest) {
    process.stderr.write(`no code was sent to ${values.user} in ${values.pool}\n`);
    return 1;
  }
  process.stdout.write(`${latest.code}\n`);
  return 0;
}
