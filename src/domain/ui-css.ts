/**
 * The CSS a pool may give its managed login pages, checked as SetUICustomization stores it: rules
 * whose selectors are the customizable classes only, no at-rules, nothing that runs script. The
 * pages still treat stored CSS as untrusted (protocol/hosted-ui/branding.ts).
 */
import { cssAtRule, cssLoads, cssMalformed, cssNotCustomizable, cssScript } from '../errors/index.ts';

/**
 * The classes AWS's hosted UI (classic) lets a pool's CSS style, each put on the matching
 * elements of the pages. Source: "Customizing hosted UI (classic) branding",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html
 * (and AWS's CSS template, which also has the two passwordCheck classes).
 */
export const CUSTOMIZABLE_CLASSES = [
  'background-customizable',
  'banner-customizable',
  'errorMessage-customizable',
  'idpButton-customizable',
  'idpDescription-customizable',
  'inputField-customizable',
  'label-customizable',
  'legalText-customizable',
  'logo-customizable',
  'passwordCheck-notValid-customizable',
  'passwordCheck-valid-customizable',
  'redirect-customizable',
  'socialButton-customizable',
  'submitButton-customizable',
  'textDescription-customizable',
] as const;

/** The states the same page lists beside the classes. */
const PSEUDO_CLASSES = new Set(['idpButton-customizable:hover', 'inputField-customizable:focus', 'submitButton-customizable:hover']);

const SELECTORS = new Set<string>([...CUSTOMIZABLE_CLASSES, ...PSEUDO_CLASSES].map((s) => `.${s}`));

/**
 * What AWS names as never allowed ("@import, @supports, @page, or @media statements, or
 * JavaScript"), taken wider: every at-rule, and every way a declaration has had to run script
 * or load behaviour in some browser. A backslash escape could spell any of them, so none is allowed
 * outside a string.
 */
const SCRIPT = /expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|\\/i;

/**
 * Cognate's own rule, beyond AWS's: no CSS function that loads a URL. Every pool's pages share this
 * server's origin and its cookies, so a pool's CSS could otherwise make its users' browsers request
 * another pool's pages (its /logout, say) as them. The logo is ImageFile's to give.
 */
const LOADS = /(?:^|[^\w-])(?:url|image-set|-webkit-image-set|src|image)\s*\(/i;

/** Refuses CSS the pages would not accept; answers nothing when it is fine. */
export function checkCss(css: string): void {
  const text = withoutComments(css);
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at >= text.length) return;
    if (text[at] === '@') throw cssAtRule(/^@[\w-]*/.exec(text.slice(at))![0]);
    const open = text.indexOf('{', at);
    if (open < 0) throw cssMalformed();
    checkSelectors(text.slice(at, open));
    const close = blockEnd(text, open + 1);
    checkDeclarations(text.slice(open + 1, close));
    at = close + 1;
  }
}

function withoutComments(css: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = css.indexOf('/*', at);
    if (start < 0) return out + css.slice(at);
    const end = css.indexOf('*/', start + 2);
    if (end < 0) throw cssMalformed();
    out += `${css.slice(at, start)} `;
    at = end + 2;
  }
}

function checkSelectors(list: string): void {
  for (const raw of list.split(',')) {
    const selector = raw.trim();
    if (!SELECTORS.has(selector)) throw cssNotCustomizable(selector.length > 100 ? `${selector.slice(0, 100)}...` : selector);
  }
}

/** The index of the `}` that ends the block starting at `from`; a quoted `}` does not, and no block nests. */
function blockEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\n') throw cssMalformed();
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
    else if (c === '{' || c === '@') throw c === '@' ? cssAtRule(/^@[\w-]*/.exec(text.slice(i))![0]) : cssMalformed();
  }
  throw cssMalformed();
}

function checkDeclarations(block: string): void {
  // Strings may hold anything (content:"\2022"), so they are set aside before the script check.
  const outsideStrings = block.replace(/"[^"\n]*"|'[^'\n]*'/g, '""');
  if (SCRIPT.test(outsideStrings)) throw cssScript();
  if (LOADS.test(outsideStrings)) throw cssLoads();
  // Inside one, only what can never be script in any property.
  if (/javascript:|vbscript:|expression\s*\(/i.test(block)) throw cssScript();
}
