import type { Registry } from 'prom-client';
import type { Clock } from '../ground/clock.ts';
import type { Config } from '../ground/config/config.ts';
import type { Random } from '../ground/random.ts';
import type { Store } from '../storage/store.ts';
import type { Codes } from './codes/codes.ts';
import type { DeliveryService } from './delivery/delivery.ts';
import type { UpstreamConfigurations } from './federation/upstream-http.ts';
import type { ImportRunner } from './import/runner.ts';
import type { Admission } from './limits/admission.ts';
import type { LogExporter } from './log-delivery/exporter.ts';
import type { PasswordHasher } from './passwords/hasher.ts';
import type { Sealer } from './sealing/sealer.ts';
import type { KeyRing } from './tokens/keys.ts';
import type { ThreatProtection } from './threat/recorder.ts';
import type { TokenService } from './tokens/tokens.ts';
import type { Triggers } from './triggers/index.ts';

/** Everything an operation may depend on; each declares the part it uses. */
export interface Deps {
  store: Store;
  clock: Clock;
  random: Random;
  /** Seals secrets at rest (password hashes, SRP verifiers) under the master key, and opens them. */
  sealer: Sealer;
  /** Hashes and checks passwords under the configured parameters, a few at a time. */
  passwordHasher: PasswordHasher;
  config: Config;
  codes: Codes;
  delivery: DeliveryService;
  triggers: Triggers;
  keys: KeyRing;
  tokens: TokenService;
  /** Protection rules, request-rate quotas and per-user limits, applied before an operation runs. */
  admission: Admission;
  metrics: Registry;
  /** Runs started user import jobs in the background. */
  imports: Pick<ImportRunner, 'wake'>;
  /** Upstream identity providers' discovered configurations (federated sign-in), cached. */
  upstream: UpstreamConfigurations;
  /** Threat protection: auth events, risk assessment and its actions. */
  threat: ThreatProtection;
  /** The logs pools export (SetLogDeliveryConfiguration): threat protection's auth events go to userActivity(). */
  logs: LogExporter;
}
