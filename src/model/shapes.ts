/**
 * The model's shapes compiled for validation: each shape once, on first use, with its members,
 * elements, enum values, regular expression and the constraint list Coral prints for it.
 */
import { shapes } from './cognito-idp.generated.ts';
import { javaPatternToRegExp } from './java-regex.ts';
import { shapeOverrides } from './overrides.ts';
import type { ShapeInfo, ShapeType } from './types.ts';

export interface Field {
  readonly key: string;
  /** Coral names members lowerCamelCase: only the first character lowered. */
  readonly pathName: string;
  readonly required: boolean;
  readonly node: Node;
}

export interface Node {
  readonly info: ShapeInfo;
  readonly type: ShapeType;
  readonly sensitive: boolean;
  readonly scalar: boolean;
  fields: Field[];
  /** The members' names, to tell the ones the model does not know. */
  fieldKeys: Set<string>;
  element: Node | null;
  mapKey: Node | null;
  mapValue: Node | null;
  enumValues: Set<string> | null;
  /** `[Member must ..., ...]`: every constraint of the shape, as Coral lists them for list elements and map entries. */
  constraintList: string;
}

const SCALAR_TYPES: ReadonlySet<ShapeType> = new Set(['string', 'integer', 'long', 'boolean', 'timestamp', 'blob']);
const nodes = new Map<string, Node>();

export function nodeFor(name: string): Node {
  const cached = nodes.get(name);
  if (cached) return cached;
  const info = Object.hasOwn(shapeOverrides, name) ? shapeOverrides[name] : shapes[name];
  if (!info) throw new Error(`shape ${name} is not in the generated model`);
  const node: Node = {
    info,
    type: info.type,
    sensitive: info.sensitive === true,
    scalar: SCALAR_TYPES.has(info.type),
    fields: [],
    fieldKeys: new Set(Object.keys(info.members ?? {})),
    element: null,
    mapKey: null,
    mapValue: null,
    enumValues: info.enum ? new Set(info.enum) : null,
    constraintList: '',
  };
  nodes.set(name, node); // before the children, so a recursive shape finds itself
  if (info.members) {
    const required = new Set(info.required ?? []);
    for (const [key, target] of Object.entries(info.members)) {
      const pathName = key.charAt(0).toLowerCase() + key.slice(1);
      node.fields.push({ key, pathName, required: required.has(key), node: nodeFor(target) });
    }
  }
  if (info.member) node.element = nodeFor(info.member);
  if (info.key) node.mapKey = nodeFor(info.key);
  if (info.value) node.mapValue = nodeFor(info.value);
  const all = constraintsOf(info);
  node.constraintList = all.length ? `[${all.join(', ')}]` : '';
  return node;
}

function constraintsOf(info: ShapeInfo): string[] {
  const word = info.type === 'integer' || info.type === 'long' ? 'value' : 'length';
  const out: string[] = [];
  if (info.max !== undefined) out.push(`Member must have ${word} less than or equal to ${info.max}`);
  if (info.min !== undefined) out.push(`Member must have ${word} greater than or equal to ${info.min}`);
  if (info.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${info.pattern}`);
  if (info.enum !== undefined) out.push(`Member must satisfy enum value set: [${info.enum.join(', ')}]`);
  return out;
}

const regexes = new Map<string, RegExp>();

export function regexFor(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (!re) {
    re = javaPatternToRegExp(pattern);
    regexes.set(pattern, re);
  }
  return re;
}
