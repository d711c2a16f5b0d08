import type { GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';
import { describeMfaConfig } from './pool-mfa-config.ts';

export default poolOperation<GetUserPoolMfaConfigRequest, Wire<GetUserPoolMfaConfigResponse>, never>('GetUserPoolMfaConfig', async (_deps, _input, ctx) =>
  describeMfaConfig(ctx.pool.config));
