/**
 * Checks an operation's input against the constraints of the Cognito API model and
 * words violations the way AWS's (Coral) front end does:
 *
 *   2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint:
 *   Member must not be null; Value '' at 'username' failed to satisfy constraint: ...
 *
 * Every level is checked: structures, list elements, map keys and values. A value of the wrong
 * JSON type is a SerializationException, as in AWS, where it fails deserialisation before
 * validation runs; so is a null element of a list or null value of a map, since the model's lists
 * and maps are all dense (Smithy's protocol tests RestJsonBodyMalformedListNullItem and
 * RestJsonBodyMalformedMapNullValue: 400 SerializationException). A null member of a structure
 * is the member left out (Smithy's AwsJson11ServersDontDeserializeNullStructureValues).
 *
 * The input is left as a deserialiser would leave it, so that a handler can trust the types the
 * model promises: null members and members the model does not know are removed, at every level.
 * Shapes are compiled on first use (regular expressions included) and kept.
 */
import { type CognitoError, bodyNotObject, unexpectedValueType, validationErrors } from '../errors/index.ts';
import { operations } from './cognito-idp.generated.ts';
import { nodeFor, regexFor, type Node } from './shapes.ts';
import type { ShapeType } from './types.ts';

export const operationNames: readonly string[] = Object.freeze(Object.keys(operations).sort());

export function isKnownOperation(name: string): boolean {
  return Object.hasOwn(operations, name);
}

/** Operations clients call without a SigV4 signature (GetUser, SignUp, InitiateAuth, ...). */
export function isUnsigned(operation: string): boolean {
  return isKnownOperation(operation) && operations[operation].unsigned;
}

export function validateInput(operation: string, input: unknown): CognitoError | null {
  if (!isKnownOperation(operation)) throw new Error(`validateInput: unknown operation ${operation}`);
  const root = nodeFor(operations[operation].input);
  if (!isObject(input)) {
    return bodyNotObject();
  }
  path.length = 0;
  violations = null;
  try {
    checkValue(root, input, root.sensitive);
  } catch (e) {
    if (e instanceof TypeMismatch) {
      return unexpectedValueType(e.path, e.expected);
    }
    throw e;
  }
  if (violations === null) return null;
  const found: string[] = violations;
  violations = null;
  return validationErrors(found);
}

// ---- walking the input ---------------------------------------------------------------

/** Path of the value being checked; shared, since validation is synchronous. */
const path: (string | number)[] = [];
let violations: string[] | null = null;

class TypeMismatch {
  readonly path: string;
  readonly expected: string;
  constructor(p: string, expected: string) {
    this.path = p;
    this.expected = expected;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `value` is how the value shows before `at`: `'x' `, `null ` or, for a sensitive one, nothing. */
function report(value: string, constraint: string): void {
  (violations ??= []).push(`Value ${value}at '${path.join('.')}' failed to satisfy constraint: ${constraint}`);
}

const MISSING = 'null ';

function checkValue(node: Node, v: unknown, hidden: boolean): void {
  switch (node.type) {
    case 'structure': {
      if (!isObject(v)) throw new TypeMismatch(path.join('.'), EXPECTED.structure);
      for (const k of Object.keys(v)) {
        if (v[k] === null || !node.fieldKeys.has(k)) delete v[k];
      }
      for (const f of node.fields) {
        const x = Object.hasOwn(v, f.key) ? v[f.key] : undefined;
        path.push(f.pathName);
        if (x === undefined) {
          if (f.required) report(MISSING, 'Member must not be null');
        } else {
          checkValue(f.node, x, hidden || f.node.sensitive);
        }
        path.pop();
      }
      return;
    }
    case 'list':
      return checkList(node, v, hidden);
    case 'map':
      return checkMap(node, v, hidden);
    case 'document':
      return;
    default:
      checkScalarType(node, v);
      checkScalar(node, v, hidden);
  }
}

function checkList(node: Node, v: unknown, hidden: boolean): void {
  if (!Array.isArray(v)) throw new TypeMismatch(path.join('.'), EXPECTED.list);
  const { min, max } = node.info;
  if (max !== undefined && v.length > max) report(shown(node, v, hidden), `Member must have length less than or equal to ${max}`);
  if (min !== undefined && v.length < min) report(shown(node, v, hidden), `Member must have length greater than or equal to ${min}`);
  const el = node.element!;
  let bad = false;
  let nul = false;
  for (let i = 0; i < v.length; i++) {
    const e: unknown = v[i];
    path.push(i + 1, 'member');
    if (e === null) throw new TypeMismatch(path.join('.'), EXPECTED[el.type]);
    if (el.scalar) {
      checkScalarType(el, e);
      if (!bad && !scalarOk(el, e)) bad = true;
      nul ||= hasNul(e);
    } else {
      checkValue(el, e, hidden || el.sensitive);
    }
    path.length -= 2;
  }
  // Coral reports constrained scalar elements once, at the list, listing every constraint.
  if (bad) report(shown(node, v, hidden), `Member must satisfy constraint: ${el.constraintList}`);
  if (nul && !bad) report(shown(node, v, hidden), NO_NUL);
}

function checkMap(node: Node, v: unknown, hidden: boolean): void {
  if (!isObject(v)) throw new TypeMismatch(path.join('.'), EXPECTED.map);
  const keyNode = node.mapKey!;
  const valueNode = node.mapValue!;
  let count = 0;
  let badKey = false;
  let badValue = false;
  let nul = false;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    count++;
    if (!badKey && keyNode.constraintList && !scalarOk(keyNode, k)) badKey = true;
    const x = v[k];
    path.push(k);
    if (x === null) throw new TypeMismatch(path.join('.'), EXPECTED[valueNode.type]);
    nul ||= hasNul(k);
    if (valueNode.scalar) {
      checkScalarType(valueNode, x);
      if (!badValue && !scalarOk(valueNode, x)) badValue = true;
      nul ||= hasNul(x);
    } else {
      checkValue(valueNode, x, hidden || valueNode.sensitive);
    }
    path.pop();
  }
  const { min, max } = node.info;
  if (max !== undefined && count > max) report(shown(node, v, hidden), `Member must have length less than or equal to ${max}`);
  if (min !== undefined && count < min) report(shown(node, v, hidden), `Member must have length greater than or equal to ${min}`);
  if (badKey) report(shown(node, v, hidden), `Map keys must satisfy constraint: ${keyNode.constraintList}`);
  if (badValue) report(shown(node, v, hidden), `Map value must satisfy constraint: ${valueNode.constraintList}`);
  if (nul && !badKey && !badValue) report(shown(node, v, hidden), NO_NUL);
}

/**
 * Cognate's own rule, beyond the model: no string may hold U+0000. PostgreSQL cannot store it in
 * text, and both stores must answer alike. The model's patterns already refuse control
 * characters in names, usernames and tokens; the rule is reported only where they did not.
 */
const NO_NUL = 'Member must not contain the null character (U+0000)';
const hasNul = (v: unknown) => typeof v === 'string' && v.includes('\0');

/** How a SerializationException names the JSON type a shape needs. */
const EXPECTED: Readonly<Record<ShapeType, string>> = {
  structure: 'a structure (JSON object)',
  list: 'a list (JSON array)',
  map: 'a map (JSON object)',
  string: 'a string',
  integer: 'an integer',
  long: 'an integer',
  boolean: 'a boolean',
  timestamp: 'a timestamp (epoch seconds)',
  blob: 'a blob (base64 string)',
  document: 'a JSON value',
};

/** Throws a TypeMismatch unless v has the JSON type the scalar shape needs. */
function checkScalarType(node: Node, v: unknown): void {
  let ok: boolean;
  switch (node.type) {
    case 'string':
      ok = typeof v === 'string';
      break;
    case 'integer':
      ok = typeof v === 'number' && Number.isInteger(v) && v <= 2147483647 && v >= -2147483648;
      break;
    case 'long':
      ok = typeof v === 'number' && Number.isSafeInteger(v);
      break;
    case 'boolean':
      ok = typeof v === 'boolean';
      break;
    case 'timestamp':
      ok = typeof v === 'number' && Number.isFinite(v);
      break;
    case 'blob':
      ok = typeof v === 'string' && BASE64.test(v);
      break;
    default:
      ok = true;
  }
  if (!ok) throw new TypeMismatch(path.join('.'), EXPECTED[node.type]);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Reports each violated constraint of a scalar (already of the right JSON type). */
function checkScalar(node: Node, v: unknown, hidden: boolean): void {
  const { min, max, pattern } = node.info;
  if (typeof v === 'number') {
    if (max !== undefined && v > max) report(hidden ? '' : `'${v}' `, `Member must have value less than or equal to ${max}`);
    if (min !== undefined && v < min) report(hidden ? '' : `'${v}' `, `Member must have value greater than or equal to ${min}`);
    return;
  }
  if (typeof v !== 'string') return;
  const value = hidden ? '' : `'${node.type === 'blob' ? blobRepr(v) : v}' `;
  if (min !== undefined || max !== undefined) {
    const n = lengthOf(node, v);
    if (max !== undefined && n > max) report(value, `Member must have length less than or equal to ${max}`);
    if (min !== undefined && n < min) report(value, `Member must have length greater than or equal to ${min}`);
  }
  const unmatched = pattern !== undefined && !regexFor(pattern).test(v);
  if (unmatched) report(value, `Member must satisfy regular expression pattern: ${pattern}`);
  if (node.enumValues !== null && !node.enumValues.has(v)) report(value, `Member must satisfy enum value set: [${node.info.enum!.join(', ')}]`);
  if (!unmatched && hasNul(v)) report(value, NO_NUL);
}

function scalarOk(node: Node, v: unknown): boolean {
  const { min, max, pattern } = node.info;
  if (typeof v === 'number') return !((max !== undefined && v > max) || (min !== undefined && v < min));
  if (typeof v !== 'string') return true;
  if (min !== undefined || max !== undefined) {
    const n = lengthOf(node, v);
    if ((max !== undefined && n > max) || (min !== undefined && n < min)) return false;
  }
  if (pattern !== undefined && !regexFor(pattern).test(v)) return false;
  return node.enumValues === null || node.enumValues.has(v);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Strings count Unicode code points (as Smithy defines length); blobs count decoded bytes. */
function lengthOf(node: Node, s: string): number {
  if (node.type === 'blob') return Buffer.byteLength(s, 'base64');
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---- how values are shown (Java's toString, as Coral prints them) --------------------

const REDACTED = '*** Sensitive Data Redacted ***';

function shown(node: Node, v: unknown, hidden: boolean): string {
  return hidden ? '' : `'${repr(node, v)}' `;
}

function repr(node: Node | null, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (node?.sensitive) return REDACTED;
  if (Array.isArray(v)) return `[${v.map((e) => repr(node?.element ?? null, e)).join(', ')}]`;
  if (typeof v === 'object') {
    const parts: string[] = [];
    if (node?.type === 'structure') {
      const obj = v as Record<string, unknown>;
      for (const f of node.fields) if (Object.hasOwn(obj, f.key) && obj[f.key] != null) parts.push(`${f.key}=${repr(f.node, obj[f.key])}`);
    } else {
      for (const [k, x] of Object.entries(v)) parts.push(`${k}=${repr(node?.mapValue ?? null, x)}`);
    }
    return `{${parts.join(', ')}}`;
  }
  if (node?.type === 'blob' && typeof v === 'string') return blobRepr(v);
  return String(v);
}

/** A blob reaches Coral's validator as a ByteBuffer, and that is how it prints. */
function blobRepr(base64: string): string {
  const n = Buffer.byteLength(base64, 'base64');
  return `java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]`;
}
