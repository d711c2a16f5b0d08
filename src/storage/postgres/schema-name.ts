/** What a --postgres-schema may be: a plain lower-case SQL name, so it never needs quoting. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
