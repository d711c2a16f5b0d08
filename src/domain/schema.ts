import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeNameTaken, duplicateSchemaAttribute, memberMissing, maxLengthTooLarge, minLengthAboveMax, minValueAboveMax, requiredCustomAttribute, schemaNotWholeNumber, standardNotDeveloperOnly, standardTypeFixed, subUnchangeable, tooManyCustomAttributes } from '../errors/index.ts';
import type { Wire } from './wire.ts';

export type SchemaAttribute = Wire<SchemaAttributeType>;

/** AWS's limit on custom attributes per pool. */
export const MAX_CUSTOM_ATTRIBUTES = 50;

const text = (name: string, min = '0', max = '2048', mutable = true, required = false): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: mutable,
  Required: required,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
});
const flag = (name: string): SchemaAttribute => ({ Name: name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });

/** The standard attributes every pool has, in the order DescribeUserPool lists them. */
export function standardAttributes(): SchemaAttribute[] {
  return [
    text('sub', '1', '2048', false, true),
    text('name'), text('given_name'), text('family_name'), text('middle_name'), text('nickname'),
    text('preferred_username'), text('profile'), text('picture'), text('website'),
    text('email'), flag('email_verified'),
    text('gender'), text('birthdate', '10', '10'), text('zoneinfo'), text('locale'),
    text('phone_number'), flag('phone_number_verified'),
    text('address'),
    { Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } },
  ];
}

const STANDARD_NAMES = new Set(standardAttributes().map((a) => a.Name!));
export const isStandardAttribute = (name: string) => STANDARD_NAMES.has(name);

/** The stored name of a custom attribute: `custom:x`, or `dev:custom:x` when developer-only. */
function customName(a: SchemaAttributeType): string {
  const bare = a.Name!.replace(/^(dev:)?custom:/, '');
  return a.DeveloperOnlyAttribute ? `dev:custom:${bare}` : `custom:${bare}`;
}

function customAttribute(a: SchemaAttributeType): SchemaAttribute {
  if (a.Required) throw requiredCustomAttribute();
  const type = a.AttributeDataType ?? 'String';
  const out: SchemaAttribute = {
    Name: customName(a),
    AttributeDataType: type,
    DeveloperOnlyAttribute: a.DeveloperOnlyAttribute ?? false,
    Mutable: a.Mutable ?? true,
    Required: false,
  };
  if (type === 'String') out.StringAttributeConstraints = { ...a.StringAttributeConstraints };
  if (type === 'Number') out.NumberAttributeConstraints = { ...a.NumberAttributeConstraints };
  checkConstraints(out);
  return out;
}

function checkConstraints(a: SchemaAttribute): void {
  const bad = (what: string, v: string | undefined) => v !== undefined && !/^-?\d+$/.test(v) && schemaNotWholeNumber(a.Name!, what, v);
  const s = a.StringAttributeConstraints;
  const n = a.NumberAttributeConstraints;
  for (const e of [bad('MinLength', s?.MinLength), bad('MaxLength', s?.MaxLength), bad('MinValue', n?.MinValue), bad('MaxValue', n?.MaxValue)]) if (e) throw e;
  if (s?.MinLength !== undefined && s.MaxLength !== undefined && Number(s.MinLength) > Number(s.MaxLength)) {
    throw minLengthAboveMax(a.Name!);
  }
  if (n?.MinValue !== undefined && n.MaxValue !== undefined && Number(n.MinValue) > Number(n.MaxValue)) {
    throw minValueAboveMax(a.Name!);
  }
  if (s?.MaxLength !== undefined && Number(s.MaxLength) > 2048) throw maxLengthTooLarge(a.Name!);
}

/** A standard attribute as the caller's Schema entry refines it (Required, Mutable, constraints). */
function refinedStandard(base: SchemaAttribute, a: SchemaAttributeType): SchemaAttribute {
  if (a.AttributeDataType && a.AttributeDataType !== base.AttributeDataType) {
    throw standardTypeFixed(base.Name!, base.AttributeDataType!);
  }
  if (base.Name === 'sub' && (a.Mutable === true || a.Required === false)) throw subUnchangeable();
  if (a.DeveloperOnlyAttribute) throw standardNotDeveloperOnly(base.Name!);
  const out: SchemaAttribute = { ...base, Mutable: a.Mutable ?? base.Mutable, Required: a.Required ?? base.Required };
  if (base.StringAttributeConstraints && a.StringAttributeConstraints) {
    out.StringAttributeConstraints = { ...base.StringAttributeConstraints, ...a.StringAttributeConstraints };
  }
  if (base.NumberAttributeConstraints && a.NumberAttributeConstraints) {
    out.NumberAttributeConstraints = { ...base.NumberAttributeConstraints, ...a.NumberAttributeConstraints };
  }
  checkConstraints(out);
  return out;
}

/**
 * The model leaves a schema attribute's Name optional, but an attribute is nothing without one:
 * refused in the validator's words, at the request's `member` (`schema`, `customAttributes`).
 */
export function requireNames(attributes: SchemaAttributeType[], member: string): void {
  const i = attributes.findIndex((a) => a.Name === undefined);
  if (i >= 0) throw memberMissing(`${member}.${i + 1}.member.name`);
}

/** The pool's SchemaAttributes: the standard ones, refined by `schema`, then its custom ones. */
export function buildSchema(schema: SchemaAttributeType[] | undefined): SchemaAttribute[] {
  requireNames(schema ?? [], 'schema');
  const standard = standardAttributes();
  const seen = new Set<string>();
  const custom: SchemaAttributeType[] = [];
  for (const a of schema ?? []) {
    if (seen.has(a.Name!)) throw duplicateSchemaAttribute(a.Name!);
    seen.add(a.Name!);
    const i = standard.findIndex((s) => s.Name === a.Name);
    if (i >= 0) standard[i] = refinedStandard(standard[i], a);
    else custom.push(a);
  }
  return addCustomAttributes(standard, custom);
}

/** `existing` with `attributes` added as custom attributes (AddCustomAttributes' rule set). */
export function addCustomAttributes(existing: SchemaAttribute[], attributes: SchemaAttributeType[]): SchemaAttribute[] {
  const out = [...existing];
  for (const a of attributes) {
    const attr = customAttribute(a);
    const bare = attr.Name!.replace(/^dev:/, '');
    if (out.some((e) => e.Name === attr.Name || e.Name!.replace(/^dev:/, '') === bare)) {
      throw attributeNameTaken(attr.Name!);
    }
    out.push(attr);
  }
  const customCount = out.filter((e) => e.Name!.includes('custom:')).length;
  if (customCount > MAX_CUSTOM_ATTRIBUTES) {
    throw tooManyCustomAttributes(MAX_CUSTOM_ATTRIBUTES);
  }
  return out;
}
