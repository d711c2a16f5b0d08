import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../ground/config/config.ts';
import { parseDeliveryConfig } from './config.ts';

describe('delivery.retentionDays', () => {
  it('keeps final messages 7 days unless told otherwise; 0 keeps them for ever', () => {
    assert.equal(parseDeliveryConfig(undefined, 'cognate.json', 'development').retentionDays, 7);
    assert.equal(parseDeliveryConfig({ retentionDays: 30 }, 'cognate.json', 'production').retentionDays, 30);
    assert.equal(parseDeliveryConfig({ retentionDays: 0 }, 'cognate.json', 'production').retentionDays, 0);
  });

  it('refuses what is not a whole number of days', () => {
    for (const bad of [-1, 1.5, '7', null]) {
      assert.throws(() => parseDeliveryConfig({ retentionDays: bad }, 'cognate.json', 'development'), (e: unknown) =>
        e instanceof ConfigError && e.message === 'cognate.json: delivery.retentionDays must be a whole number from 0 to 36500');
    }
  });
});
