/** Java regular expressions (the API model's patterns) as JavaScript RegExps with Java's matching rules. */

/** Java's \s: ASCII whitespace only (JavaScript's also takes Unicode spaces). */
const JAVA_SPACE = '\\t\\n\\x0B\\f\\r ';
/** Java's `.` without DOTALL excludes these line terminators. */
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};
/** Characters JavaScript lets a `u`-mode pattern escape outside a class. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

/**
 * Translates a Java regular expression (as the model writes them) to a JavaScript
 * RegExp with Java's `matches()` semantics: the whole value must match.
 */
export function javaPatternToRegExp(pattern: string): RegExp {
  let src = pattern;
  let flags = 'u';
  const inline = /^\(\?([a-z]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1]) {
      if (f !== 's' && f !== 'i' && f !== 'm') throw new Error(`unsupported inline flag (?${f}) in ${pattern}`);
      flags += f;
    }
    src = src.slice(inline[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[++i];
      if (n === undefined) throw new Error(`trailing backslash in ${pattern}`);
      if (n === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (n === 'S' && !inClass) out += `[^${JAVA_SPACE}]`;
      else if (n === 'p' || n === 'P') {
        const end = src.indexOf('}', i);
        if (src[i + 1] !== '{' || end < 0) throw new Error(`unsupported \\${n} in ${pattern}`);
        const name = src.slice(i + 2, end).replace(/^Is/, '');
        i = end;
        const posix = POSIX[name];
        if (posix === undefined) out += `\\${n}{${name}}`;
        else if (n === 'p') out += inClass ? posix : `[${posix}]`;
        else if (!inClass) out += `[^${posix}]`;
        else throw new Error(`unsupported \\P{${name}} inside a class in ${pattern}`);
      } else if (n === 'x' && src[i + 1] === '{') {
        out += '\\u'; // Java's \x{h...h} is JavaScript's \u{h...h}
      } else if (/[0-9A-Za-z]/.test(n)) {
        if ('AzZGhHRXQEveaN'.includes(n)) {
          if (n === 'e') out += '\\x1B';
          else if (n === 'a') out += '\\x07';
          else throw new Error(`unsupported \\${n} in ${pattern}`);
        } else out += `\\${n}`;
      } else if (JS_SYNTAX.has(n) || (inClass && n === '-')) out += `\\${n}`;
      else out += n;
    } else if (c === '[') {
      if (inClass) throw new Error(`nested character classes are unsupported: ${pattern}`);
      // Java's [\S]: a class holding only \S (JavaScript's \S would admit Unicode spaces).
      if (src.startsWith('[\\S]', i)) {
        out += `[^${JAVA_SPACE}]`;
        i += 3;
        continue;
      }
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '&' && inClass && src[i + 1] === '&') {
      throw new Error(`class intersection is unsupported: ${pattern}`);
    } else if (c === '.' && !inClass && !dotAll) {
      out += JAVA_DOT;
    } else {
      out += c;
    }
  }
  return new RegExp(`^(?:${out})$`, flags);
}
