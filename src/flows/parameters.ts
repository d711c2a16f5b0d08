import { missingParameter } from '../errors/index.ts';

/** A parameter a flow needs from AuthParameters or ChallengeResponses. */
export function required(params: Record<string, string> | undefined, name: string): string {
  const v = params?.[name];
  if (v === undefined || v === '') throw missingParameter(name);
  return v;
}
