/**
 * Parsed configuration documents (a pool's, an app client's), remembered by their row and exact text.
 * Every request of a signed-in user reads its pool and its client, and a pool's configuration is
 * some 4 KB of JSON that rarely changes: parsing it was a tenth of GetUser's time. The row is
 * still read every time (the store stays the truth, and a change another instance made is seen at
 * once); only the parse of a text already seen is skipped. The documents are shared between
 * requests, so they are frozen: code that changes a configuration builds a new one, as it does now.
 */
const LIMIT = 1024;
const parsed = new Map<string, { text: string; value: unknown }>();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** `text` parsed, the same frozen document as last time when the row `key` still holds that text. */
export function parseShared<T>(key: string, text: string): T {
  let hit = parsed.get(key);
  if (hit?.text !== text) {
    hit = { text, value: deepFreeze(JSON.parse(text)) };
    // Oldest first out: a bound, not a policy (there are at most a few thousand pools and clients).
    if (!parsed.has(key) && parsed.size >= LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, hit);
  }
  return hit.value as T;
}
