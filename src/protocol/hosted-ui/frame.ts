/**
 * What every managed login page shares: the document around its body, the hidden fields every
 * form carries (the CSRF token and the authorize request's parameters), and links between pages
 * that keep those parameters. Pages are plain server-rendered HTML, with no script at all.
 */
import { logoSource, styleText } from './branding.ts';
import { attrs, escapeHtml } from './html.ts';
import { BASE_CSS } from './styles.ts';

export { escapeHtml };

/** A pool's (or app client's) UI customization: CSS text, and a logo as an https: or data:image URL. */
export interface Branding { css?: string; logoUrl?: string }

export interface Frame {
  /** The page's <h1> and <title>, e.g. "Sign in". */
  title: string;
  /** The app client's name, shown under the heading. */
  appName?: string;
  branding?: Branding;
  /** The value of the hidden `_csrf` field every form carries. */
  csrf: string;
  /** The authorize request's parameters, carried as hidden fields in forms and in links' query strings. */
  carry: Record<string, string>;
  /** Shown in an alert region (role="alert"). */
  error?: string;
  /** The name of the input the error is about: it is marked invalid and described by the alert. */
  errorField?: string;
  /** Shown in a status region (role="status"). */
  info?: string;
  /** The app client's terms documents, linked from the sign-in and sign-up pages (https, or http to localhost). */
  terms?: { name: string; href: string }[];
}

/** The id of the alert region, which an input at fault names in its aria-describedby. */
export const ERROR_ID = 'error';

/**
 * A whole HTML document: the base CSS, then the pool's, then the card with the page's body.
 * The <h1> is the frame's title unless the page names another `heading` (the error page's).
 */
export function page(frame: Frame, body: string, heading = frame.title): string {
  const title = frame.appName ? `${frame.title} – ${frame.appName}` : frame.title;
  const css = frame.branding?.css ? `<style>${styleText(frame.branding.css)}</style>\n` : '';
  const logo = logoSource(frame.branding?.logoUrl);
  // The logo is decorative: the heading and the app's name say what it would.
  const banner = logo ? `<div class="banner-customizable"><img${attrs({ class: 'logo-customizable', src: logo, alt: '' })}></div>\n` : '';
  const subtitle = frame.appName ? `<p class="subtitle textDescription-customizable">${escapeHtml(frame.appName)}</p>\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}</style>
${css}</head>
<body class="background-customizable">
<main>
${banner}<h1 class="textDescription-customizable">${escapeHtml(heading)}</h1>
${subtitle}${alerts(frame)}${body}
</main>
</body>
</html>
`;
}

function alerts(frame: Pick<Frame, 'error' | 'info'>): string {
  let out = '';
  if (frame.error) out += `<div id="${ERROR_ID}" class="errorMessage-customizable" role="alert">${escapeHtml(frame.error)}</div>\n`;
  if (frame.info) out += `<div class="status" role="status">${escapeHtml(frame.info)}</div>\n`;
  return out;
}

/**
 * The hidden `_csrf` field and one hidden field per carried parameter. A carried name that is
 * `_csrf` or one of the form's own fields (`own`) is left out: the authorize request's query is
 * the caller's to write, and a second `_csrf` or `password` field must not ride along.
 */
export function hiddenFields(frame: Pick<Frame, 'csrf' | 'carry'>, own: readonly string[] = []): string {
  let out = hidden('_csrf', frame.csrf);
  for (const [name, value] of Object.entries(frame.carry)) {
    if (name === '_csrf' || own.includes(name)) continue;
    out += hidden(name, value);
  }
  return out;
}

export function hidden(name: string, value: string): string {
  return `<input${attrs({ type: 'hidden', name, value })}>\n`;
}

/**
 * A relative URL to another page of this server with the carried parameters (and `extra`, which
 * wins over a carried one of the same name) as its query string. It is a URL, not HTML: escape it
 * when inserting it into a page (the pages' `link` does).
 */
export function linkTo(path: string, carry: Record<string, string>, extra: Record<string, string> = {}): string {
  // Only the pages' own paths: a constant, never a caller's value.
  if (!/^\/[A-Za-z0-9/_-]*$/.test(path) || path.startsWith('//')) throw new Error(`linkTo: not a path of this server: ${path}`);
  const query = new URLSearchParams({ ...carry, ...extra }).toString();
  return query ? `${path}?${query}` : path;
}
