import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { adminOnlyAttribute, attributeImmutable, attributeNotInSchema, attributeNotVerifiable, attributesRequired, duplicateAttribute, invalidEmailFormat, invalidPhoneFormat, notBoolean, notNumber, numberAboveMaximum, numberBelowMinimum, stringTooLong, stringTooShort, subNotMutable } from '../errors/index.ts';
import type { UndeletableReason } from '../errors/index.ts';
import type { PoolConfig } from './pool.ts';
import type { SchemaAttribute } from './schema.ts';

/** What is changing the attributes; each may touch a different set. */
export type AttributeWriter = 'sign-up' | 'admin-create' | 'admin-update' | 'user-update';

export const VERIFIED_FLAGS: Readonly<Record<string, string>> = { email: 'email_verified', phone_number: 'phone_number_verified' };

/**
 * A Boolean attribute's value: Cognito takes "true" and "false" in any case ("True", "FALSE"), and
 * keeps the value as written, so every reader of one compares without case.
 */
export const isTrue = (value: string | undefined): boolean => value?.toLowerCase() === 'true';
const isBoolean = (value: string) => /^(true|false)$/i.test(value);

/** Whether the user's `attribute` (email, phone_number) is verified: its flag is true, in any case. */
export const isVerified = (attributes: Record<string, string>, attribute: string): boolean => isTrue(attributes[VERIFIED_FLAGS[attribute]]);

/** E.164, as Cognito requires phone numbers. */
export const PHONE_FORMAT = /^\+[1-9]\d{1,14}$/;
/** Deliberately permissive, as Cognito's check is: something@something.something, no spaces. */
export const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function schemaOf(pool: PoolConfig): Map<string, SchemaAttribute> {
  return new Map((pool.SchemaAttributes ?? []).map((a) => [a.Name!, a]));
}

/** One attribute's value against its schema entry and Cognito's formats. */
export function checkValue(a: SchemaAttribute, value: string): void {
  const name = a.Name!;
  if (a.AttributeDataType === 'Boolean' && !isBoolean(value)) throw notBoolean(name);
  if (a.AttributeDataType === 'Number') {
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw notNumber(name);
    const n = Number(value);
    const c = a.NumberAttributeConstraints;
    if (c?.MinValue !== undefined && n < Number(c.MinValue)) throw numberBelowMinimum(name, c.MinValue);
    if (c?.MaxValue !== undefined && n > Number(c.MaxValue)) throw numberAboveMaximum(name, c.MaxValue);
  }
  if (a.AttributeDataType === 'String' || a.AttributeDataType === undefined) {
    const len = [...value].length;
    const c = a.StringAttributeConstraints;
    if (c?.MinLength !== undefined && len < Number(c.MinLength) && value !== '') throw stringTooShort(name, c.MinLength);
    if (c?.MaxLength !== undefined && len > Number(c.MaxLength)) throw stringTooLong(name, c.MaxLength);
  }
  if (name === 'email' && value !== '' && !EMAIL_FORMAT.test(value)) throw invalidEmailFormat();
  if (name === 'phone_number' && value !== '' && !PHONE_FORMAT.test(value)) throw invalidPhoneFormat();
}

/**
 * Checks attributes a request writes, against the pool's schema and what this writer may set.
 * `current` is the user's attributes before the write (undefined when creating).
 */
export function checkAttributes(pool: PoolConfig, attributes: AttributeType[], writer: AttributeWriter, current?: Record<string, string>): void {
  const schema = schemaOf(pool);
  const seen = new Set<string>();
  for (const { Name, Value } of attributes) {
    const name = Name!;
    if (seen.has(name)) throw duplicateAttribute(name);
    seen.add(name);
    const a = schema.get(name) ?? schema.get(`dev:${name}`);
    if (!a) throw attributeNotInSchema(name);
    if (name === 'sub') throw subNotMutable();
    if (a.DeveloperOnlyAttribute && (writer === 'sign-up' || writer === 'user-update')) throw attributeNotInSchema(name);
    if ((name === 'email_verified' || name === 'phone_number_verified') && writer === 'user-update') {
      throw adminOnlyAttribute(name);
    }
    // Immutable attributes are set when the user is created, and never after (even if unset then).
    if (current !== undefined && a.Mutable === false && current[name] !== Value) {
      throw attributeImmutable(name);
    }
    checkValue(a, Value ?? '');
  }
}

/** Attributes the schema requires that a new user lacks. */
export function checkRequired(pool: PoolConfig, attributes: Record<string, string>): void {
  const missing = (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name!]);
  if (missing.length) throw attributesRequired(missing.map((a) => a.Name!));
}

export const toAttributeMap = (list: AttributeType[] = []): Record<string, string> => Object.fromEntries(list.map((a) => [a.Name!, a.Value ?? '']));

/** A user's attributes and pending values without `names`: an email or phone number takes its verified flag and any pending change with it. */
export function withoutAttributes(current: { attributes: Record<string, string>; pending: Record<string, string> }, names: string[]) {
  const attributes = { ...current.attributes };
  const pending = { ...current.pending };
  for (const name of names) {
    delete attributes[name];
    delete pending[name];
    if (VERIFIED_FLAGS[name]) delete attributes[VERIFIED_FLAGS[name]];
  }
  return { attributes, pending };
}

/** The attributes a code can verify, and how their code travels. */
export const VERIFIABLE: Readonly<Record<string, 'email' | 'sms'>> = { email: 'email', phone_number: 'sms' };

/** How a code for `attribute` travels; only email and phone_number can be verified. */
export function verifiableMedium(attribute: string): 'email' | 'sms' {
  const medium = VERIFIABLE[attribute];
  if (!medium) throw attributeNotVerifiable();
  return medium;
}

/**
 * What stops each of `names` being deleted from `user`, in the request's order: a name outside the
 * schema (`stored` maps a request's name to the schema's), sub, a required attribute, an immutable
 * one that has a value. A name with nothing against it is absent; removing a value the user does
 * not have is not an error.
 */
export function undeletable(pool: PoolConfig, current: Record<string, string>, names: string[], stored: (name: string) => string = (n) => n): [string, UndeletableReason][] {
  const schema = schemaOf(pool);
  const problems: [string, UndeletableReason][] = [];
  for (const name of names) {
    const a = schema.get(stored(name));
    const why: UndeletableReason | undefined = !a ? 'not-in-schema' : name === 'sub' ? 'sub' : a.Required ? 'required' : a.Mutable === false && current[stored(name)] !== undefined ? 'immutable' : undefined;
    if (why) problems.push([name, why]);
  }
  return problems;
}
