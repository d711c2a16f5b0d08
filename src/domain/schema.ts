import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import {
  attributeNameTaken, customAttributeWithoutType, duplicateSchemaAttribute, invalidSchemaConstraint, maxLengthBelowMin, maxValueBelowMin, memberMissing, requiredCustomAttribute,
  standardAttributeFixed, stringLengthOverLimit, subUnchangeable, tooManyCustomAttributes,
} from '../errors/index.ts';
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

/** A custom attribute's name without its prefix, as AddCustomAttributes and CreateUserPool's Schema give it. */
const bareName = (a: SchemaAttributeType) => a.Name!.replace(/^(dev:)?custom:/, '');

/** The stored name of a custom attribute: `custom:x`, or `dev:custom:x` when developer-only. */
function customName(a: SchemaAttributeType): string {
  return a.DeveloperOnlyAttribute ? `dev:custom:${bareName(a)}` : `custom:${bareName(a)}`;
}

function customAttribute(a: SchemaAttributeType): SchemaAttribute {
  // AWS names no default type for a custom attribute: one without is refused, before its other settings are read.
  if (!a.AttributeDataType) throw customAttributeWithoutType();
  if (a.Required) throw requiredCustomAttribute();
  const type = a.AttributeDataType;
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

/** AWS's longest string attribute, and the bound on both of a string attribute's lengths. */
const MAX_STRING_LENGTH = 2048;

/**
 * A schema attribute's constraints, checked in the order AWS answers: each bound a whole number (a
 * length not negative), then lengths within 2048, then the minimum not above the maximum.
 */
function checkConstraints(a: SchemaAttribute): void {
  const name = a.Name!;
  const s = a.StringAttributeConstraints;
  if (s) {
    const lengths = [s.MinLength, s.MaxLength];
    if (lengths.some((v) => v !== undefined && !/^\d+$/.test(v))) throw invalidSchemaConstraint('StringAttributeConstraints', name);
    if (lengths.some((v) => v !== undefined && Number(v) > MAX_STRING_LENGTH)) throw stringLengthOverLimit(name);
    if (s.MinLength !== undefined && s.MaxLength !== undefined && Number(s.MinLength) > Number(s.MaxLength)) throw maxLengthBelowMin(name);
  }
  const n = a.NumberAttributeConstraints;
  if (n) {
    if ([n.MinValue, n.MaxValue].some((v) => v !== undefined && !/^-?\d+$/.test(v))) throw invalidSchemaConstraint('NumberAttributeConstraints', name);
    // BigInt: a bound may be longer than a double holds exactly.
    if (n.MinValue !== undefined && n.MaxValue !== undefined && BigInt(n.MinValue) > BigInt(n.MaxValue)) throw maxValueBelowMin(name);
  }
}

/** A standard attribute as the caller's Schema entry refines it (Required, Mutable, constraints). */
function refinedStandard(base: SchemaAttribute, a: SchemaAttributeType): SchemaAttribute {
  // One answer for both: AWS words them together.
  if ((a.AttributeDataType && a.AttributeDataType !== base.AttributeDataType) || a.DeveloperOnlyAttribute) throw standardAttributeFixed(base.Name!);
  if (base.Name === 'sub' && (a.Mutable === true || a.Required === false)) throw subUnchangeable();
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

/**
 * `existing` with `attributes` added as custom attributes (AddCustomAttributes' rule set). A name
 * taken, as custom:x or dev:custom:x, is refused before the attribute's own settings are read, and
 * named as AWS names it: the custom: name asked for, then the name that holds it.
 */
export function addCustomAttributes(existing: SchemaAttribute[], attributes: SchemaAttributeType[]): SchemaAttribute[] {
  const out = [...existing];
  for (const a of attributes) {
    const requested = `custom:${bareName(a)}`;
    const holder = out.find((e) => e.Name!.replace(/^dev:/, '') === requested);
    if (holder) throw attributeNameTaken(requested, holder.Name!);
    out.push(customAttribute(a));
  }
  const customCount = out.filter((e) => e.Name!.includes('custom:')).length;
  if (customCount > MAX_CUSTOM_ATTRIBUTES) {
    throw tooManyCustomAttributes(MAX_CUSTOM_ATTRIBUTES);
  }
  return out;
}
