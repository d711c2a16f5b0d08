import { isLoopback, type Config } from '../ground/config/config.ts';

/**
 * What the start-up log warns about the mode. Development mode is chosen by default only on a
 * loopback address (see config/load.ts); on any other it runs only when asked for, and then the
 * warning names everything it leaves open to whoever can reach the address.
 */
export function modeWarnings(config: Pick<Config, 'mode' | 'host' | 'credentials' | 'metricsToken' | 'passwordHashing'>): string[] {
  if (config.mode === 'development') {
    if (isLoopback(config.host)) {
      return ['development mode: any well-formed SigV4 signature is accepted on administrative operations; use --mode production to check them against "credentials"'];
    }
    return [
      `development mode on ${config.host}, which is not a loopback address: whoever can reach it can call every administrative operation with any key (signatures are not checked), ` +
        'read every message with its code at /_cognate/messages and every trigger event at /_cognate/triggers, ' +
        `${config.metricsToken ? '' : 'read /metrics without a token, '}and call without request-rate quotas; messages are captured, not sent, and --fixed-code is allowed` +
        `${config.passwordHashing === 'fast' ? '; new password hashes are cheap to guess from a copy of the database (--password-hashing strong)' : ''}. ` +
        'Use --mode production unless every client on this network is yours',
    ];
  }
  const warnings: string[] = [];
  if (config.credentials.length === 0) warnings.push('production mode with no "credentials" configured: every signed (administrative) operation will be refused');
  if (!config.metricsToken) warnings.push('production mode with no metricsToken configured: /metrics is not served');
  return warnings;
}
