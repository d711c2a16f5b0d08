import assert from 'node:assert/strict';
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
