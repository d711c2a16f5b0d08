/** What the channel tests share. */
import assert from 'node:assert/strict';
import { DeliveryError } from '../../src/services/delivery/channels/types.ts';

export { freePort } from './smtp-peer.ts';

/** The DeliveryError a send rejected with (fails the test if it resolved or threw something else). */
export async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DeliveryError, `expected a DeliveryError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the send to fail');
}
