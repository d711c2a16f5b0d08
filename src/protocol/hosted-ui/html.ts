/**
 * The two ways a value enters the managed login pages' HTML: as text or as an attribute's value.
 * Every interpolated value passes through one of them; nothing is inserted raw.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in a quoted attribute value (both quote characters are escaped). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export type AttrValue = string | number | boolean | undefined;

/**
 * ` name="value"` for each attribute: a `true` is written bare (`required`), `false` and
 * `undefined` are left out. Names are the pages' own constants; values are escaped.
 */
export function attrs(list: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/**
 * A link target the pages may use: a path on this server (not `//host`, which leaves it) or an
 * absolute http(s) URL. Anything else (`javascript:`, `data:`) is refused: undefined.
 */
export function safeHref(href: string): string | undefined {
  if (/^\/(?![/\\])/.test(href)) return href;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
