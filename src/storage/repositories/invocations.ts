import type { InvocationRecord } from '../../domain/invocation.ts';

/** Which invocations a listing wants. */
export interface InvocationFilter {
  userPoolId?: string;
  triggerSource?: string;
  limit: number;
}

/** The trigger invocations of the development trigger log. */
export interface InvocationRecorder {
  record(r: InvocationRecord): Promise<void>;
  /** Newest first. */
  list(filter: InvocationFilter): Promise<InvocationRecord[]>;
}
