import type { Clock } from '../../ground/clock.ts';
import type { RateLimitConfig } from '../../ground/config/limits.ts';
import type { QuotaRepository } from '../../storage/repositories/quotas.ts';
import type { Resolved } from '../request-context.ts';
import type { Protection } from './protection.ts';
import type { CodeKey } from '../../domain/code.ts';
import { CATEGORY_OF, checkCodeLimit, checkRequestRate, checkUnresolvedRate, checkUserLimit, userCodesWindow } from './rates.ts';

/**
 * Whether a request may go on: the one place where protection rules, request-rate quotas and
 * per-user limits are applied. Each is keyed only on what the protocol layer resolved and checked
 * (a pool that exists, through the request's UserPoolId, app client or verified access token; a
 * user that exists), never on a member of the request that nothing checked: a made-up pool id or
 * a forged token must not pick which rules or which bucket apply.
 */
export class Admission {
  readonly #protection: Protection | undefined;
  readonly #quotas: QuotaRepository;
  readonly #limits: RateLimitConfig;
  readonly #clock: Clock;

  constructor(options: { protection?: Protection; quotas: QuotaRepository; limits: RateLimitConfig; clock: Clock }) {
    this.#protection = options.protection;
    this.#quotas = options.quotas;
    this.#limits = options.limits;
    this.#clock = options.clock;
  }

  /**
   * The pool's protection rules, in front of everything else as a WAF in front of a pool is; the
   * default rules when the request resolves to no pool. Throws ForbiddenException.
   */
  protect(resolved: Resolved, ip: string): void {
    this.#protection?.check(resolved.pool?.id, ip, this.#clock.now());
  }

  /**
   * The pool's request-rate quota for the operation's category, then the user's own limit on it.
   * Undefined when neither applies, so that most requests pay for no promise here.
   */
  admit(operation: string, resolved: Resolved): Promise<void> | undefined {
    const { pool, user } = resolved;
    if (!pool) return undefined;
    const rated = this.#limits.requestRates && CATEGORY_OF[operation] !== undefined;
    const limited = user !== undefined && Boolean(this.#limits.perUserHourly[operation]);
    if (!rated && !limited) return undefined;
    return this.#take(operation, pool.id, user?.sub);
  }

  async #take(operation: string, poolId: string, sub: string | undefined): Promise<void> {
    const now = this.#clock.now();
    await checkRequestRate(this.#quotas, this.#limits, poolId, operation, now);
    if (sub !== undefined) await checkUserLimit(this.#quotas, this.#limits, poolId, sub, operation, now);
  }

  /**
   * A request naming a pool or app client that does not exist, charged to the one bucket all such
   * requests share before its error is answered: no bucket per made-up id, and no free guessing.
   */
  admitUnresolved(): Promise<void> {
    return checkUnresolvedRate(this.#quotas, this.#limits, this.#clock.now());
  }

  /**
   * Whether one more code of this purpose may be sent to this user (LimitExceededException when
   * not): asked before the code is made and before any function shapes its message.
   */
  admitCode(key: Pick<CodeKey, 'poolId' | 'userId' | 'purpose'>): Promise<void> {
    return checkCodeLimit(this.#quotas, this.#limits, userCodesWindow(key.poolId, key.userId, key.purpose), key.purpose, this.#clock.now());
  }

  /**
   * As admitCode, for a code that only seems to be sent (to a name no user holds), counted in the
   * window `window` its stand-in keeps (directory/decoys.ts).
   */
  admitStandInCode(window: string, purpose: CodeKey['purpose']): Promise<void> {
    return checkCodeLimit(this.#quotas, this.#limits, window, purpose, this.#clock.now());
  }

  /** Reads the protection rules file again now (SIGHUP). */
  reloadRules(): void {
    this.#protection?.reload(true);
  }
}
