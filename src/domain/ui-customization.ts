/**
 * A pool's (or one app client's) UI customization for the managed login pages: CSS on the
 * customizable classes and a logo image. `clientId` is ALL for the pool's default, which every
 * client without one of its own gets.
 */
import type { UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import { imageNotSupported, imageTooLarge } from '../errors/index.ts';
import { epochSeconds, type Wire } from './wire.ts';

export const ALL_CLIENTS = 'ALL';

export type ImageType = 'png' | 'jpg' | 'svg';

export const IMAGE_CONTENT_TYPES: Readonly<Record<ImageType, string>> = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' };

/** The image itself is kept apart (UICustomizationRepository.image): a page needs only its version. */
export interface UICustomizationRecord {
  poolId: string;
  /** ALL, or an app client's id. */
  clientId: string;
  css: string | null;
  imageType: ImageType | null;
  /** Changes with every SetUICustomization: the CSSVersion, and the image URL's last part. */
  version: string;
  createdAt: number;
  lastModifiedAt: number;
}

/**
 * "Your logo file can be no larger than 100 KB in size" (the model allows a 128 KiB blob):
 * https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html
 */
export const MAX_IMAGE_BYTES = 100 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * An SVG document: an XML declaration, comments and a doctype, then the <svg> element. Read step by
 * step, not by one pattern: comments a pattern could join or split many ways make a regular
 * expression backtrack without end on a caller's crafted file.
 */
function isSvg(text: string): boolean {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const rest = text.slice(at, at + 9);
    const close = rest.startsWith('<?xml') ? '?>' : rest.startsWith('<!--') ? '-->' : /^<!DOCTYPE/i.test(rest) ? '>' : null;
    if (close === null) return /^<svg[\s>/]/i.test(text.slice(at, at + 5));
    const end = text.indexOf(close, at + 4);
    if (end < 0) return false;
    at = end + close.length;
  }
}

/** The image's type by its content (not by what the caller says it is); refused unless PNG, JPEG or SVG within the size limit. */
export function checkImage(bytes: Buffer): ImageType {
  if (bytes.length > MAX_IMAGE_BYTES) throw imageTooLarge();
  if (bytes.subarray(0, PNG.length).equals(PNG)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (isSvg(bytes.subarray(0, 4096).toString('utf8'))) return 'svg';
  throw imageNotSupported();
}

/** Where Cognate serves the image (AWS: a CloudFront URL); the version makes each image's URL its own, so it can be cached for good. */
export function imagePath(r: Pick<UICustomizationRecord, 'poolId' | 'clientId' | 'version' | 'imageType'>): string | undefined {
  return r.imageType ? `/_cognate/ui/${r.poolId}/${r.clientId}/${r.version}.${r.imageType}` : undefined;
}

export function describeUICustomization(r: UICustomizationRecord, base: string): Wire<UICustomizationType> {
  const path = imagePath(r);
  return {
    UserPoolId: r.poolId,
    ClientId: r.clientId,
    ...(path ? { ImageUrl: `${base}${path}` } : {}),
    ...(r.css !== null ? { CSS: r.css, CSSVersion: r.version } : {}),
    CreationDate: epochSeconds(r.createdAt),
    LastModifiedDate: epochSeconds(r.lastModifiedAt),
  };
}
