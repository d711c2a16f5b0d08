import type { GetCSVHeaderRequest, GetCSVHeaderResponse } from '@aws-sdk/client-cognito-identity-provider';
import { csvHeader } from '../../domain/import-job.ts';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';

/** The columns an import CSV for this pool must have (its schema's attributes, cognito:mfa_enabled, cognito:username). */
export default poolOperation<GetCSVHeaderRequest, Wire<GetCSVHeaderResponse>, never>('GetCSVHeader', async (_deps, _input, ctx) => ({
  UserPoolId: ctx.pool.id,
  CSVHeader: csvHeader(ctx.pool.config),
}));
