import type { AuthEventRepository } from '../repositories/auth-events.ts';
import type { RiskConfigurationRepository } from '../repositories/risk-configurations.ts';
import { page } from '../shared/rows.ts';
import { AUTH_EVENT_COLUMNS, authEventFromRow, authEventParams, beforeSeq, riskConfigDocument, riskConfigFromRow } from '../shared/threat-rows.ts';
import type { Db } from './db.ts';

export function authEvents(db: Db): AuthEventRepository {
  return {
    record: async (e) => {
      await db.run(`INSERT INTO auth_events (${AUTH_EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, authEventParams(e));
    },
    get: async (poolId, sub, eventId) => {
      const r = await db.one(`SELECT * FROM auth_events WHERE pool_id = $1 AND sub = $2 AND event_id = $3${db.lock}`, [poolId, sub, eventId]);
      return r && authEventFromRow(r);
    },
    list: async (poolId, sub, p) =>
      page(await db.rows('SELECT * FROM auth_events WHERE pool_id = $1 AND sub = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4', [poolId, sub, beforeSeq(p), p.limit + 1]), p.limit, authEventFromRow),
    signInHistory: async (poolId, sub, limit) =>
      (await db.rows(`SELECT ip, device FROM auth_events WHERE pool_id = $1 AND sub = $2 AND kind = 'SignIn' AND ((response = 'Pass' AND feedback_value IS DISTINCT FROM 'Invalid') OR feedback_value = 'Valid') ORDER BY seq DESC LIMIT $3`, [poolId, sub, limit]))
        .map((r) => ({ ip: r.ip as string, device: r.device as string })),
    setFeedback: async (poolId, sub, eventId, f) =>
      (await db.run('UPDATE auth_events SET feedback_value = $1, feedback_provider = $2, feedback_at = $3 WHERE pool_id = $4 AND sub = $5 AND event_id = $6', [f.value, f.provider, f.at, poolId, sub, eventId])) > 0,
    useFeedbackToken: async (poolId, sub, eventId, tokenHash, f) =>
      (await db.run(`UPDATE auth_events SET feedback_value = $1, feedback_provider = $2, feedback_at = $3, feedback_token_hash = NULL
                    WHERE pool_id = $4 AND sub = $5 AND event_id = $6 AND feedback_token_hash = $7`, [f.value, f.provider, f.at, poolId, sub, eventId, tokenHash])) > 0,
  };
}

export function riskConfigurations(db: Db): RiskConfigurationRepository {
  return {
    put: async (c) => {
      await db.run(`INSERT INTO risk_configurations (pool_id, client_id, config, last_modified_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (pool_id, client_id) DO UPDATE SET config = excluded.config, last_modified_at = excluded.last_modified_at`,
        [c.poolId, c.clientId ?? '', riskConfigDocument(c), c.lastModifiedAt]);
    },
    get: async (poolId, clientId) => {
      const r = await db.one(`SELECT * FROM risk_configurations WHERE pool_id = $1 AND client_id = $2${db.lock}`, [poolId, clientId ?? '']);
      return r && riskConfigFromRow(r);
    },
  };
}
