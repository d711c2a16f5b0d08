import type { InvocationRecord } from '../../domain/invocation.ts';

export interface InvocationFilter {
  userPoolId?: string;
  triggerSource?: string;
  limit: number;
}

export interface InvocationRecorder {
  record(r: InvocationRecord): Promise<void>;
  /** Newest first. */
  list(filter: InvocationFilter): Promise<InvocationRecord[]>;
}
