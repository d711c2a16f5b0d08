import assert from 'node:assert/strict';

/** Expects the SDK call to fail with the error `name` (and a message equal to, or matching, `message`, when given). */
export async function refused(call: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(call, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}
