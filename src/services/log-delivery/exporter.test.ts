import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { PoolConfig, PoolRecord } from '../../domain/pool.ts';
import { createLogExporter, type LogDeliveryLine } from './exporter.ts';

const STREAM = 'arn:aws:firehose:us-west-2:123456789012:deliverystream/example-user-pool-activity-exported';

function rig(config: PoolConfig) {
  const lines: { level: number; logDelivery?: LogDeliveryLine }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  const pool: PoolRecord = { id: 'us-west-2_EXAMPLE', name: 'p', createdAt: 0, lastModifiedAt: 0, config };
  const exporter = createLogExporter({ pools: { get: async () => pool } as never, log, clock: { now: () => 1687297330677 } });
  return { lines, pool, exporter };
}

const activity = { eventId: 'e1', eventType: 'SignUp', userSub: 's1', userName: 'test-user', clientId: '1example23456789', creationDate: Date.UTC(2024, 6, 17, 17, 25, 55), eventResponse: 'InProgress', riskDecision: 'PASS', ipAddress: '192.0.2.1', city: 'Seattle', country: 'United States', hasContextData: true };
const exporting: PoolConfig = { UserPoolTier: 'PLUS', LogDelivery: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: STREAM } }] };

describe('the log exporter', () => {
  it('writes a user-activity record in AWS\'s documented shape, for a pool whose threat protection is on', () => {
    const { lines, pool, exporter } = rig({ ...exporting, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
    exporter.userActivity(pool, activity);
    assert.equal(lines.length, 1);
    const line = lines[0].logDelivery!;
    assert.equal(lines[0].level, 30);
    assert.deepEqual(line.destination, { FirehoseConfiguration: { StreamArn: STREAM } });
    // The example of https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html, field for field.
    assert.deepEqual(line.record, {
      eventTimestamp: '1687297330677', eventSource: 'USER_ACTIVITY', logLevel: 'INFO',
      message: {
        version: '1', eventId: 'e1', eventType: 'SignUp', userSub: 's1', userName: 'test-user', userPoolId: 'us-west-2_EXAMPLE', clientId: '1example23456789',
        creationDate: 'Wed Jul 17 17:25:55 UTC 2024', eventResponse: 'InProgress', riskLevel: '', riskDecision: 'PASS', challenges: [], deviceName: '',
        ipAddress: '192.0.2.1', requestId: '', idpName: '', compromisedCredentialDetected: 'false', city: 'Seattle', country: 'United States',
        eventFeedbackValue: '', eventFeedbackDate: '', eventFeedbackProvider: '', hasContextData: 'true',
      },
      logSourceId: { userPoolId: 'us-west-2_EXAMPLE' },
    });
  });

  it('exports the events of a Plus pool that names no mode, which audits (domain/risk.ts threatMode) and so records them', () => {
    const { lines, pool, exporter } = rig(exporting);
    exporter.userActivity(pool, activity);
    assert.equal(lines.length, 1);
  });

  it('a username made to look like a second log line stays inside its own record', () => {
    const raw: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => raw.push(s) });
    const pool: PoolRecord = { id: 'us-west-2_EXAMPLE', name: 'p', createdAt: 0, lastModifiedAt: 0, config: { ...exporting, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } } };
    const forged = 'eve\n{"level":30,"logDelivery":{"record":{"message":{"userName":"admin"}}}}';
    createLogExporter({ pools: { get: async () => pool } as never, log, clock: { now: () => 0 } }).userActivity(pool, { ...activity, userName: forged });
    assert.equal(raw.length, 1);
    assert.equal(raw[0].trimEnd().split('\n').length, 1);
    assert.equal((JSON.parse(raw[0]) as { logDelivery: LogDeliveryLine }).logDelivery.record.message.userName, forged);
  });

  it('writes nothing without threat protection on, or without the pool exporting that source', async () => {
    const off = rig({ ...exporting, UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });
    off.exporter.userActivity(off.pool, activity);
    assert.deepEqual(off.lines, []);
    const notConfigured = rig({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    notConfigured.exporter.userActivity(notConfigured.pool, activity);
    await notConfigured.exporter.notificationError(notConfigured.pool.id, 'x');
    assert.deepEqual(notConfigured.lines, []);
    // A pool that exports user activity only writes no notification record either.
    const onlyActivity = rig({ ...exporting, UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    await onlyActivity.exporter.notificationError(onlyActivity.pool.id, 'x');
    assert.deepEqual(onlyActivity.lines, []);
  });
});
