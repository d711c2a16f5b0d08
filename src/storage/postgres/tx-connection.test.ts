/**
 * TxConnection against a stand-in for pg's client that answers each statement when the test says:
 * what is written when, and which failure each caller sees.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type pg from 'pg';
import { TxConnection } from './tx-connection.ts';

/** Statements in the order written, each answered (in that order, as PostgreSQL does) by ok() or fail(). */
function fakeClient() {
  const written: { text: string; ok: () => void; fail: (e: Error) => void }[] = [];
  const client = {
    query(text: string) {
      return new Promise<pg.QueryResult>((resolve, reject) => {
        written.push({ text, ok: () => resolve({ command: text.split(' ')[0] } as pg.QueryResult), fail: reject });
      });
    },
  };
  const texts = () => written.map((w) => w.text);
  return { client: client as unknown as pg.PoolClient, written, texts };
}

const turn = () => new Promise((r) => setImmediate(r));

it('writes the first statement behind BEGIN at once, and the others once BEGIN has answered, in order', async () => {
  const { client, written, texts } = fakeClient();
  const tx = new TxConnection(client);
  const first = tx.query('SELECT 1');
  const second = tx.query('SELECT 2');
  const third = tx.query('SELECT 3');
  await turn();
  assert.deepEqual(texts(), ['BEGIN', 'SELECT 1'], 'one statement rides along; the others wait for BEGIN');
  written[0].ok();
  await turn();
  assert.deepEqual(texts(), ['BEGIN', 'SELECT 1', 'SELECT 2', 'SELECT 3']);
  const fourth = tx.query('SELECT 4');
  assert.deepEqual(texts().at(-1), 'SELECT 4', 'after BEGIN, at once');
  for (const w of written.slice(1)) w.ok();
  assert.deepEqual((await Promise.all([first, second, third, fourth])).map((r) => r.command), ['SELECT', 'SELECT', 'SELECT', 'SELECT']);
});

it("writes nothing more after a failed BEGIN, and reports BEGIN's failure to every statement", async () => {
  const { client, written, texts } = fakeClient();
  const tx = new TxConnection(client);
  const first = tx.query('INSERT 1');
  const second = tx.query('INSERT 2');
  const failure = new Error('canceling statement due to user request');
  written[0].fail(failure);
  written[1].ok(); // the rider, which ran on its own
  await assert.rejects(first, failure);
  await assert.rejects(second, failure);
  await assert.rejects(tx.query('INSERT 3'), failure);
  await assert.rejects(tx.query('COMMIT'), failure);
  assert.deepEqual(texts(), ['BEGIN', 'INSERT 1']);
});

it('reports BEGIN\'s failure to a first statement made after it, without writing it', async () => {
  const { client, written, texts } = fakeClient();
  const tx = new TxConnection(client);
  const failure = new Error('out of memory');
  written[0].fail(failure);
  await turn();
  await assert.rejects(tx.query('INSERT 1'), failure);
  assert.deepEqual(texts(), ['BEGIN']);
});

it('sends led statements with the next one, which reports their failure before its own', async () => {
  const { client, written, texts } = fakeClient();
  const tx = new TxConnection(client);
  written[0].ok();
  await turn();
  tx.lead('SAVEPOINT sp_1');
  const next = tx.query('UPDATE 1');
  assert.deepEqual(texts(), ['BEGIN', 'SAVEPOINT sp_1', 'UPDATE 1']);
  const failure = new Error('savepoint failed');
  written[1].fail(failure);
  written[2].fail(new Error('current transaction is aborted, commands ignored until end of transaction block'));
  await assert.rejects(next, failure);
  // Reported once: the statements after report their own answers.
  const after = tx.query('SELECT 2');
  written[3].ok();
  assert.equal((await after).command, 'SELECT');
});

it('leaves a led failure to COMMIT when no statement follows it', async () => {
  const { client, written } = fakeClient();
  const tx = new TxConnection(client);
  written[0].ok();
  await turn();
  tx.lead('RELEASE SAVEPOINT sp_1');
  const commit = tx.query('COMMIT');
  const failure = new Error('release failed');
  written[1].fail(failure);
  written[2].ok();
  await assert.rejects(commit, failure);
});

it('writes nothing once closed, not even a statement that was waiting for BEGIN', async () => {
  const { client, written, texts } = fakeClient();
  const tx = new TxConnection(client);
  void tx.query('SELECT 1').catch(() => {});
  const waiting = tx.query('SELECT 2');
  tx.close();
  written[0].ok();
  await assert.rejects(waiting, /the transaction has ended/);
  await assert.rejects(tx.query('SELECT 3'), /the transaction has ended/);
  assert.deepEqual(texts(), ['BEGIN', 'SELECT 1']);
});
