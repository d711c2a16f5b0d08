/**
 * Reading the managed login pages in tests without a browser: their start tags and attributes,
 * their forms, and the accessibility rules every page keeps. The pages always quote attributes
 * with `"` and escape `"`, `<` and `>` inside them, so a start tag ends at the first `>`.
 */
import assert from 'node:assert/strict';

export interface Tag { name: string; attrs: Record<string, string> }

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** Every start tag named `name` (or all of them), with its attributes decoded. */
export function tags(html: string, name?: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>/g)) {
    if (name && m[1].toLowerCase() !== name) continue;
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] === undefined ? '' : decode(a[2]);
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

export interface Form { attrs: Record<string, string>; inputs: Tag[]; html: string }

export function forms(html: string): Form[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => ({
    attrs: tags(m[0], 'form')[0].attrs,
    inputs: tags(m[0], 'input'),
    html: m[0],
  }));
}

/** The one form posting to `action`. */
export function form(html: string, action: string): Form {
  const found = forms(html).filter((f) => f.attrs.action === action);
  assert.equal(found.length, 1, `one form posting to ${action}`);
  assert.equal(found[0].attrs.method, 'post');
  return found[0];
}

export const input = (f: Form, name: string): Tag | undefined => f.inputs.find((i) => i.attrs.name === name);

/** The page's structure: a document in English, one main and one h1, labelled inputs, real buttons. */
export function assertAccessible(html: string): void {
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.equal(tags(html, 'main').length, 1, 'one <main>');
  assert.equal(tags(html, 'h1').length, 1, 'one <h1>');
  assert.match(html, /<title>[^<]+<\/title>/);
  const labels = new Set(tags(html, 'label').map((l) => l.attrs.for));
  const ids = tags(html).map((t) => t.attrs.id).filter(Boolean);
  assert.equal(new Set(ids).size, ids.length, `ids are unique: ${ids.join(', ')}`);
  for (const i of tags(html, 'input').filter((t) => t.attrs.type !== 'hidden')) {
    assert.ok(i.attrs.id && labels.has(i.attrs.id), `input ${i.attrs.name} has a <label for>`);
    for (const d of (i.attrs['aria-describedby'] ?? '').split(' ').filter(Boolean)) assert.ok(ids.includes(d), `${d} is on the page`);
  }
  for (const b of html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)) {
    assert.match(b[1], /type="submit"/);
    assert.ok(b[2].trim(), 'a button says what it does');
  }
  assert.equal(html.match(/<button/g)?.length ?? 0, [...html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].length, 'buttons hold text only');
  assert.doesNotMatch(html, /<script/i, 'no script');
  assert.doesNotMatch(html, / on[a-z]+="/i, 'no inline event handler');
  assert.doesNotMatch(html, / style="/, 'no style attribute');
}
