import type { AuthEventRepository } from '../repositories/auth-events.ts';
import type { RiskConfigurationRepository } from '../repositories/risk-configurations.ts';
import { AUTH_EVENT_COLUMNS, authEventFromRow, authEventParams, beforeSeq, riskConfigDocument, riskConfigFromRow } from '../shared/threat-rows.ts';
import { page, type Exec, type Row, type Statements } from './statements.ts';

export function authEvents(sql: Statements, exec: Exec): AuthEventRepository {
  return {
    record: (e) =>
      exec(() => {
        sql.get(`INSERT INTO auth_events (${AUTH_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...authEventParams(e));
      }),
    get: (poolId, sub, eventId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM auth_events WHERE pool_id = ? AND sub = ? AND event_id = ?').get(poolId, sub, eventId) as Row | undefined;
        return r && authEventFromRow(r);
      }),
    list: (poolId, sub, p) =>
      exec(() => page(sql.get('SELECT * FROM auth_events WHERE pool_id = ? AND sub = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(poolId, sub, beforeSeq(p), p.limit + 1) as Row[], p.limit, authEventFromRow)),
    signInHistory: (poolId, sub, limit) =>
      exec(() => (sql.get(`SELECT ip, device FROM auth_events WHERE pool_id = ? AND sub = ? AND kind = 'SignIn' AND ((response = 'Pass' AND feedback_value IS NOT 'Invalid') OR feedback_value = 'Valid') ORDER BY seq DESC LIMIT ?`)
        .all(poolId, sub, limit) as { ip: string; device: string }[]).map((r) => ({ ip: r.ip, device: r.device }))),
    setFeedback: (poolId, sub, eventId, f) =>
      exec(() => sql.get('UPDATE auth_events SET feedback_value = ?, feedback_provider = ?, feedback_at = ? WHERE pool_id = ? AND sub = ? AND event_id = ?').run(f.value, f.provider, f.at, poolId, sub, eventId).changes > 0),
    useFeedbackToken: (poolId, sub, eventId, tokenHash, f) =>
      exec(() => sql.get(`UPDATE auth_events SET feedback_value = ?, feedback_provider = ?, feedback_at = ?, feedback_token_hash = NULL
                WHERE pool_id = ? AND sub = ? AND event_id = ? AND feedback_token_hash = ?`).run(f.value, f.provider, f.at, poolId, sub, eventId, tokenHash).changes > 0),
  };
}

export function riskConfigurations(sql: Statements, exec: Exec): RiskConfigurationRepository {
  return {
    put: (c) =>
      exec(() => {
        sql.get(`INSERT INTO risk_configurations (pool_id, client_id, config, last_modified_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (pool_id, client_id) DO UPDATE SET config = excluded.config, last_modified_at = excluded.last_modified_at`)
          .run(c.poolId, c.clientId ?? '', riskConfigDocument(c), c.lastModifiedAt);
      }),
    get: (poolId, clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM risk_configurations WHERE pool_id = ? AND client_id = ?').get(poolId, clientId ?? '') as Row | undefined;
        return r && riskConfigFromRow(r);
      }),
  };
}
