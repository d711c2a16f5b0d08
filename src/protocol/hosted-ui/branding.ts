/**
 * A pool's UI customization, made safe to place in a page: its CSS inside a <style> element and
 * its logo as an <img src>. AWS checks the CSS when SetUICustomization stores it; these pages
 * still treat it as untrusted, since whatever wrote it into the store is not this module.
 */

/**
 * The classes AWS's hosted UI (classic) lets a pool's CSS style, each put on the matching
 * elements of these pages. Source: "Customizing hosted UI (classic) branding",
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

/**
 * CSS text that cannot leave its <style> element. The HTML parser ends a <style> only at
 * `</style`, and `<` has no meaning in CSS outside strings, comments and url() (where the
 * escape `\3c ` stands for it), so writing every `<` as that escape keeps `</style>`,
 * `<!--` and `<script>` from ever reaching the parser while leaving valid CSS unchanged.
 */
export function styleText(css: string): string {
  return css.replace(/</g, '\\3c ');
}

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|svg\+xml|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The logo's URL when it is one an <img> may load: https (without credentials in it), or a
 * base64 data URL of a raster or SVG image (an <img> never runs an SVG's scripts).
 * Anything else is dropped: undefined.
 */
export function logoSource(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('data:')) return DATA_IMAGE.test(url) ? url : undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}
