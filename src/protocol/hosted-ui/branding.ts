/**
 * A pool's UI customization, made safe to place in a page: its CSS inside a <style> element and
 * its logo as an <img src>. AWS checks the CSS when SetUICustomization stores it; these pages
 * still treat it as untrusted, since whatever wrote it into the store is not this module. The
 * classes it may style are domain/ui-css.ts's CUSTOMIZABLE_CLASSES.
 */

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

/** Where this server serves the images SetUICustomization stored (domain/ui-customization.ts imagePath). */
const OWN_IMAGE = /^\/_cognate\/ui\/[\w-]+_[0-9a-zA-Z]+\/[\w+]+\/[0-9a-f]{1,64}\.(png|jpg|svg)$/;

/**
 * The logo's URL when it is one an <img> may load: this server's own image path, https (without
 * credentials in it), or a base64 data URL of a raster or SVG image (an <img> never runs an SVG's
 * scripts). Anything else is dropped: undefined.
 */
export function logoSource(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/')) return OWN_IMAGE.test(url) ? url : undefined;
  if (url.startsWith('data:')) return DATA_IMAGE.test(url) ? url : undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}
