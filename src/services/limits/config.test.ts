import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../ground/config/config.ts';
import { parseLimitsConfig } from './config.ts';

const parse = (limits: unknown) => parseLimitsConfig(limits, 'cognate.json', 'production');

describe('limits configuration', () => {
  it('defaults: quotas on in production, 5 codes of each kind per user per hour (10 sign-in codes), one bucket for unresolved requests', () => {
    const l = parse(undefined);
    assert.equal(l.requestRates, true);
    assert.deepEqual(l.codesPerUserHourly, { 'sign-up': 5, 'forgot-password': 5, 'attribute-verification': 5, mfa: 10 });
    assert.equal(l.unresolvedRate, 50);
    assert.equal(parseLimitsConfig(undefined, 'f', 'development').requestRates, false);
  });

  it('takes new values, 0 turning a per-user limit off', () => {
    const l = parse({ codesPerUserHourly: { 'forgot-password': 3, 'sign-up': 0 }, perUserHourly: { GetUser: 100 }, unresolvedRate: 10, rates: { UserRead: 1 } });
    assert.equal(l.codesPerUserHourly['forgot-password'], 3);
    assert.equal(l.codesPerUserHourly['sign-up'], 0);
    assert.equal(l.perUserHourly.GetUser, 100);
    assert.equal(l.unresolvedRate, 10);
  });

  it('refuses what would not work as written (issue 18: a rate under 1 refused every request after the first)', () => {
    const refused = (limits: unknown, pattern: RegExp) => assert.throws(() => parse(limits), (e) => e instanceof ConfigError && pattern.test(e.message));
    refused({ rates: { UserRead: 0 } }, /limits\.rates\.UserRead must be at least 1/);
    refused({ rates: { UserRead: 0.5 } }, /at least 1/);
    refused({ unresolvedRate: 0 }, /limits\.unresolvedRate must be at least 1/);
    refused({ perUserHourly: { ForgotPassword: 5 } }, /not an operation called with an access token/);
    refused({ perUserHourly: { GetUserAttributeVerificatonCode: 5 } }, /not an operation called with an access token/);
    refused({ codesPerUserHourly: { reset: 5 } }, /not a kind of code \(sign-up, forgot-password, attribute-verification, mfa\)/);
    refused({ codesPerUserHourly: { 'sign-up': 2.5 } }, /whole number/);
    refused({ codesPerUserHourly: { 'sign-up': -1 } }, /0 or more/);
    refused({ windows: {} }, /not a known key/);
  });
});
