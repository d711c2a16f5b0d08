/**
 * How production keeps a message in the outbox: while it waits to be delivered, what carries the
 * code (the body, the subject, the code itself) is sealed under the master key; once it is final,
 * that is purged and the destination masked, leaving what an operator needs (id, kind, status,
 * times, attempts, last error). Development keeps messages as written: the inbox shows codes.
 */
import { maskDestination } from '../../domain/mask.ts';
import type { NewMessage, StoredMessage } from '../../domain/message.ts';
import type { MessageRedaction } from '../../storage/repositories/messages.ts';
import type { Sealer } from '../sealing/sealer.ts';

type Secrets = Pick<StoredMessage, 'subject' | 'body' | 'code'>;

export function sealMessage<M extends NewMessage>(sealer: Sealer, m: M): M {
  const seal = (text: string) => sealer.seal(text, 'message');
  return { ...m, body: seal(m.body), subject: m.subject === null ? null : seal(m.subject), code: m.code === null ? null : seal(m.code) };
}

/** The message with its body, subject and code in clear (as they are when stored in clear). Throws SealedValueError. */
export function openMessage<M extends Secrets>(sealer: Sealer, m: M): M {
  const open = (text: string) => sealer.open(text, 'message');
  return { ...m, body: open(m.body), subject: m.subject === null ? null : open(m.subject), code: m.code === null ? null : open(m.code) };
}

/** What the final message keeps; `clear` is the message opened, or undefined when it could not be. */
export function redaction(m: Pick<StoredMessage, 'medium' | 'destination'>, clear: Secrets | undefined): MessageRedaction {
  const subject = clear?.subject ?? null;
  const carriesCode = subject !== null && clear?.code !== null && clear?.code !== undefined && subject.includes(clear.code);
  return { body: '', subject: carriesCode ? null : subject, destination: maskDestination(m.medium, m.destination) };
}
