/**
 * Writes the logs a pool exports (SetLogDeliveryConfiguration) to Cognate's own log stream: one
 * pino line per record, under the `logDelivery` field, holding the destination the pool configured
 * and the record in AWS's shape (domain/log-records.ts). A log shipper can route the lines to
 * that destination; Cognate itself calls no AWS service (docs/tags-secrets-logs.md says why).
 */
import type { FastifyBaseLogger } from 'fastify';
import { logConfigurationFor, type LogConfiguration, type LogSource } from '../../domain/log-delivery.ts';
import { notificationRecord, userActivityRecord, type LogRecord, type UserActivity } from '../../domain/log-records.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { threatMode } from '../../domain/risk.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Repositories } from '../../storage/store.ts';

/** The stable shape of the `logDelivery` field of an exported log line. */
export interface LogDeliveryLine {
  eventSource: LogSource;
  /** The destination member of the pool's configuration, as SetLogDeliveryConfiguration set it. */
  destination: Omit<LogConfiguration, 'EventSource' | 'LogLevel'>;
  record: LogRecord;
}

export interface LogExporter {
  /** A message that could not be delivered: a userNotification record, when the pool exports them. */
  notificationError(poolId: string, details: string): Promise<void>;
  /** An auth event of a pool whose threat protection is on: a userAuthEvents record, when the pool exports them. */
  userActivity(pool: PoolRecord, event: UserActivity): void;
}

/** Threat protection records user activity only in AUDIT or ENFORCED mode: the recorder's own test (a Plus pool naming no mode audits). */
const protectionOn = (pool: PoolRecord) => threatMode(pool.config) !== 'OFF';

export function createLogExporter(deps: { pools: Pick<Repositories, 'pools'>['pools']; log: FastifyBaseLogger; clock: Clock }): LogExporter {
  const { pools, log, clock } = deps;
  const write = (pool: PoolRecord, source: LogSource, record: (now: number) => LogRecord) => {
    const configured = logConfigurationFor(pool.config, source);
    if (!configured) return;
    const { EventSource: _source, LogLevel: _level, ...destination } = configured;
    const line: LogDeliveryLine = { eventSource: source, destination, record: record(clock.now()) };
    if (line.record.logLevel === 'ERROR') log.error({ logDelivery: line }, 'user pool log');
    else log.info({ logDelivery: line }, 'user pool log');
  };
  return {
    async notificationError(poolId, details) {
      try {
        const pool = await pools.get(poolId);
        if (pool) write(pool, 'userNotification', (now) => notificationRecord(poolId, details, now));
      } catch (e) {
        // Best effort, as AWS's delivery of logs is: the message's own outcome is recorded regardless.
        log.warn({ err: e, userPoolId: poolId }, 'log delivery: could not read the pool');
      }
    },
    userActivity(pool, event) {
      if (protectionOn(pool)) write(pool, 'userAuthEvents', (now) => userActivityRecord(pool.id, event, now));
    },
  };
}
