import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compromisedAction, deviceName, inRanges, signInRisk, takeoverAction, threatMode, type RiskConfiguration } from './risk.ts';

describe('threat protection rules', () => {
  it('the mode: AdvancedSecurityMode when set; a PLUS pool without one audits', () => {
    assert.equal(threatMode({}), 'OFF');
    assert.equal(threatMode({ UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }), 'ENFORCED');
    assert.equal(threatMode({ UserPoolTier: 'PLUS' }), 'AUDIT');
    assert.equal(threatMode({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } }), 'OFF');
  });

  it('address ranges: CIDR and bare addresses, IPv4 and IPv6; anything else never matches', () => {
    assert.ok(inRanges('10.1.2.3', ['10.0.0.0/8']));
    assert.ok(!inRanges('11.1.2.3', ['10.0.0.0/8']));
    assert.ok(inRanges('192.0.2.7', ['192.0.2.7']));
    assert.ok(inRanges('2001:db8::1', ['2001:db8::/32']));
    assert.ok(!inRanges('not-an-ip', ['0.0.0.0/0']));
    assert.ok(!inRanges('10.1.2.3', ['10.0.0.0/99', 'junk']));
  });

  it('risk: none without history; a new address Medium, a new device Low, both High', () => {
    const history = { ips: new Set(['192.0.2.1']), devices: new Set(['Chrome, Windows']) };
    assert.equal(signInRisk({ ips: new Set(), devices: new Set() }, '192.0.2.9', 'Firefox, Linux'), null);
    assert.equal(signInRisk(history, '192.0.2.1', 'Chrome, Windows'), null);
    assert.equal(signInRisk(history, '192.0.2.9', 'Chrome, Windows'), 'Medium');
    assert.equal(signInRisk(history, '192.0.2.1', 'Firefox, Linux'), 'Low');
    assert.equal(signInRisk(history, '192.0.2.9', 'Firefox, Linux'), 'High');
  });

  it('actions: the configured one per level; the compromised-credentials filter defaults to every event', () => {
    const config: RiskConfiguration = {
      poolId: 'p', clientId: null, lastModifiedAt: 0,
      accountTakeover: { Actions: { HighAction: { EventAction: 'BLOCK', Notify: true } } },
      compromisedCredentials: { Actions: { EventAction: 'BLOCK' } },
    };
    assert.deepEqual(takeoverAction(config, 'High'), { action: 'BLOCK', notify: true });
    assert.deepEqual(takeoverAction(config, 'Low'), { action: 'NO_ACTION', notify: false });
    assert.deepEqual(takeoverAction(undefined, 'High'), { action: 'NO_ACTION', notify: false });
    assert.equal(compromisedAction(config, 'SIGN_UP'), 'BLOCK');
    assert.equal(compromisedAction({ ...config, compromisedCredentials: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } } }, 'SIGN_UP'), undefined);
    assert.equal(compromisedAction(undefined, 'SIGN_IN'), undefined);
  });

  it('device names from User-Agents', () => {
    assert.equal(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'), 'Chrome, Windows');
    assert.equal(deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari, iOS');
    assert.equal(deviceName('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'), 'Firefox, Linux');
    assert.equal(deviceName('aws-sdk-js/3.0.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#24.0.0'), 'aws-sdk-js, Linux');
    assert.equal(deviceName(undefined), 'Unknown');
  });
});
