/**
 * The shape of the data generate.ts extracts from the cognito-idp API model
 * (botocore's service-2.json), documentation dropped.
 */

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'document';

export interface OperationInfo {
  readonly name: string;
  /** Name of the input structure in `shapes`. */
  readonly input: string;
  /** Clients send no SigV4 signature (`authtype: "none"` / `smithy.api#noAuth`). */
  readonly unsigned: boolean;
  /** Error shape names the model lists for the operation, in model order. */
  readonly errors: readonly string[];
}

export interface ShapeInfo {
  readonly type: ShapeType;
  /** structure: member name → shape name, in model order. */
  readonly members?: Readonly<Record<string, string>>;
  /** structure: required member names. */
  readonly required?: readonly string[];
  /** list: element shape. */
  readonly member?: string;
  /** map: key and value shapes. */
  readonly key?: string;
  readonly value?: string;
  /** Length (string: characters, list/map: entries, blob: bytes) or value (integer/long) bounds. */
  readonly min?: number;
  readonly max?: number;
  /** Java regular expression, as written in the model. */
  readonly pattern?: string;
  /** string: allowed values, in model order. */
  readonly enum?: readonly string[];
  /** AWS leaves the value of a sensitive member out of its messages. */
  readonly sensitive?: boolean;
}
