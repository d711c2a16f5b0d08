/**
 * ListUsers' Filter: `attribute = "value"` (exact) or `attribute ^= "value"` (starts with), on
 * one of AWS's searchable attributes. Whitespace around the operator is optional; inside the
 * quotes `\"` stands for a quotation mark and `\\` for a backslash.
 */
import { filterNotParsed, invalidSearchAttribute } from '../errors/index.ts';
import { SEARCHABLE, type UserFilter } from './user.ts';

const searchable: ReadonlySet<string> = new Set(SEARCHABLE);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The filter, or undefined when the string is absent or blank (AWS then lists every user). */
export function parseUserFilter(text: string | undefined): UserFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let i = 0;
  const skipSpace = () => {
    while (isSpace(text[i])) i++;
  };

  skipSpace();
  const nameStart = i;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '=' && text[i] !== '^' && text[i] !== '"') i++;
  const attr = text.slice(nameStart, i);
  if (!attr) throw filterNotParsed();

  skipSpace();
  let op: UserFilter['op'];
  if (text.startsWith('^=', i)) op = '^=';
  else if (text[i] === '=') op = '=';
  else throw filterNotParsed();
  i += op.length;

  skipSpace();
  if (text[i] !== '"') throw filterNotParsed();
  i++;
  let value = '';
  for (;;) {
    if (i >= text.length) throw filterNotParsed();
    const c = text[i++];
    if (c === '"') break;
    if (c === '\\' && (text[i] === '"' || text[i] === '\\')) value += text[i++];
    else value += c;
  }
  skipSpace();
  if (i !== text.length) throw filterNotParsed();

  if (!searchable.has(attr)) throw invalidSearchAttribute(attr);
  return { attr, op, value: canonicalValue(attr, value) };
}

/**
 * AWS documents cognito:user_status as the one case-insensitive attribute (`status` and the others
 * are case-sensitive); the index keeps the status as written (`CONFIRMED`), so the value is put in that form.
 */
function canonicalValue(attr: string, value: string): string {
  return attr === 'cognito:user_status' ? value.toUpperCase() : value;
}

/** A stable text for a filter, so a pagination token can name the listing it belongs to. */
export const filterKey = (f: UserFilter | undefined): string => (f ? `${f.attr} ${f.op} ${JSON.stringify(f.value)}` : '');
