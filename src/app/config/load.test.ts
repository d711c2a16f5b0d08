import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../ground/config/config.ts';
import { loadConfig } from './load.ts';

describe('choosing the store', () => {
  const URL = 'postgres://cognate@db.internal:5432/cognate';

  it('is the SQLite file unless a PostgreSQL URL is given', () => {
    assert.equal(loadConfig([], {}).postgres, undefined);
    assert.equal(loadConfig(['--postgres', URL, '--postgres-schema', 'idp', '--postgres-pool-size', '20'], {}).postgres, URL);
    assert.equal(loadConfig(['--postgres-schema', 'idp'], {}).postgresSchema, 'idp');
    assert.equal(loadConfig(['--postgres-pool-size', '20'], {}).postgresPoolSize, 20);
  });

  it('reads COGNATE_POSTGRES_URL, then DATABASE_URL when it is a PostgreSQL URL; the flag wins', () => {
    assert.equal(loadConfig([], { COGNATE_POSTGRES_URL: URL }).postgres, URL);
    assert.equal(loadConfig([], { DATABASE_URL: 'postgresql://x@h/d' }).postgres, 'postgresql://x@h/d');
    assert.equal(loadConfig([], { DATABASE_URL: 'mysql://x@h/d' }).postgres, undefined, 'another database is not ours to use');
    assert.equal(loadConfig([], { COGNATE_POSTGRES_URL: URL, DATABASE_URL: 'postgres://other/d' }).postgres, URL);
    assert.equal(loadConfig(['--postgres', 'postgres://flag/d'], { COGNATE_POSTGRES_URL: URL }).postgres, 'postgres://flag/d');
  });

  it('refuses what is not a PostgreSQL URL or a plain schema name', () => {
    assert.throws(() => loadConfig(['--postgres', 'db.internal:5432'], {}), (e: unknown) => e instanceof ConfigError && /--postgres must be a postgres:\/\//.test(e.message));
    assert.throws(() => loadConfig(['--postgres-schema', 'Idp; DROP'], {}), ConfigError);
    assert.throws(() => loadConfig(['--postgres-pool-size', '0'], {}), ConfigError);
  });
});

describe('the master keys', () => {
  const [k1, k2, k3] = ['a', 'b', 'c'].map((c) => Buffer.alloc(32, c).toString('base64'));

  it('takes the current key and the previous ones from flags, the environment or the config file', () => {
    assert.deepEqual(loadConfig([], {}).previousMasterKeys, []);
    const flags = loadConfig(['--master-key', k1, '--previous-master-keys', `${k2}, ${k3}`], {});
    assert.deepEqual([flags.masterKey, flags.previousMasterKeys], [k1, [k2, k3]]);
    assert.deepEqual(loadConfig([], { COGNATE_MASTER_KEY: k1, COGNATE_PREVIOUS_MASTER_KEYS: k2 }).previousMasterKeys, [k2]);
    const dir = mkdtempSync(join(tmpdir(), 'cognate-config-'));
    try {
      const file = join(dir, 'cognate.json');
      writeFileSync(file, JSON.stringify({ masterKey: k1, previousMasterKeys: [k2, k3] }));
      assert.deepEqual(loadConfig(['--config', file], {}).previousMasterKeys, [k2, k3]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key that is not 32 bytes in base64', () => {
    assert.throws(() => loadConfig(['--master-key', 'c2hvcnQ='], {}), /--master-key must be 32 bytes in base64/);
    assert.throws(() => loadConfig(['--previous-master-keys', `${k2},c2hvcnQ=`], {}), /--previous-master-keys must be a list of keys of 32 bytes/);
    assert.throws(() => loadConfig([], { COGNATE_PREVIOUS_MASTER_KEYS: 'nope' }), /COGNATE_PREVIOUS_MASTER_KEYS must be a list/);
  });
});

describe('password hashing', () => {
  it('is fast in development and strong in production unless set; fast is refused in production', () => {
    assert.equal(loadConfig([], {}).passwordHashing, 'fast');
    assert.equal(loadConfig(['--mode', 'production'], {}).passwordHashing, 'strong');
    assert.equal(loadConfig(['--password-hashing', 'strong'], {}).passwordHashing, 'strong');
    assert.equal(loadConfig([], { COGNATE_PASSWORD_HASHING: 'strong' }).passwordHashing, 'strong');
    assert.throws(() => loadConfig(['--mode', 'production', '--password-hashing', 'fast'], {}), (e) => e instanceof ConfigError && /fast password hashing .* is refused in production mode/.test(e.message));
    assert.throws(() => loadConfig(['--password-hashing', 'cheap'], {}), /must be one of fast, strong/);
    const dir = mkdtempSync(join(tmpdir(), 'cognate-hashing-'));
    try {
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ passwordHashing: 'strong' }));
      assert.equal(loadConfig(['--config', join(dir, 'c.json')], {}).passwordHashing, 'strong');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
