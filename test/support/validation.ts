/** What the model validation tests share: sample ids, and the error a piece of input draws. */
import assert from 'node:assert/strict';
import { CognitoError } from '../../src/errors/cognito-error.ts';
import { validateInput } from '../../src/model/validate.ts';

export const POOL = 'us-east-1_AbCdEf123';
export const CLIENT = '1example23456789abcdefghij';
export const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:hook';

/** The message of the InvalidParameterException the input draws. */
export function invalid(operation: string, input: unknown): string {
  const err = validateInput(operation, input);
  assert.ok(err instanceof CognitoError, `expected a validation error for ${JSON.stringify(input)}`);
  assert.equal(err.type, 'InvalidParameterException', err.message);
  return err.message;
}

export function serialization(operation: string, input: unknown): string {
  const err = validateInput(operation, input);
  assert.ok(err instanceof CognitoError, 'expected a SerializationException');
  assert.equal(err.type, 'SerializationException', err.message);
  return err.message;
}

export function valid(operation: string, input: unknown): void {
  const err = validateInput(operation, input);
  assert.equal(err, null, err?.message);
}
