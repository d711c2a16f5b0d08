/** How an invocation ended: well, or with the error the API caller was given. */
export type InvocationOutcome = 'ok' | 'UserLambdaValidationException' | 'UnexpectedLambdaException' | 'InvalidLambdaResponseException';

/** One invocation of a trigger function, as the development trigger log shows it. */
export interface InvocationRecord {
  id: string;
  userPoolId: string;
  triggerSource: string;
  functionArn: string;
  invoker: 'module' | 'url' | 'lambda';
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
  outcome: InvocationOutcome;
  /** What went wrong, in more detail than the API caller is told. */
  error?: string;
}
