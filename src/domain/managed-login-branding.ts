/**
 * A managed login branding style: the settings document and image assets of the branding editor,
 * one style per app client. Cognate keeps them as given and answers them back; its pages are the
 * classic hosted UI's, so a style changes nothing they show (docs/oauth.md).
 */
import type { ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import { assetBytesMissing, assetDuplicate, assetNotExtension, assetsTooLarge, settingsTooDeep, settingsTooLarge } from '../errors/index.ts';
import { epochSeconds, type Wire } from './wire.ts';

export interface BrandingAsset {
  category: string;
  colorMode: string;
  extension: string;
  /** The file, base64 as it travels. */
  bytes: string;
  resourceId?: string;
}

export interface BrandingRecord {
  /** A version-4 UUID (the model's ManagedLoginBrandingIdType). */
  id: string;
  poolId: string;
  clientId: string;
  useCognitoProvidedValues: boolean;
  /** The Settings document as JSON text, exactly as given; null when none was. */
  settings: string | null;
  assets: BrandingAsset[];
  createdAt: number;
  lastModifiedAt: number;
}

/** The request's members that make a style: Create's and Update's. */
export interface BrandingInput {
  UseCognitoProvidedValues?: boolean;
  Settings?: unknown;
  Assets?: { Category?: string; ColorMode?: string; Extension?: string; Bytes?: string; ResourceId?: string }[];
}

/**
 * Each asset may be as large as the model's 1,000,000 bytes and a style holds 40, yet AWS's own
 * requests stop at 2 MB each (the API reference's CreateManagedLoginBranding): Cognate bounds the
 * whole style, which several Updates could otherwise grow without end.
 */
export const MAX_ASSET_TOTAL_BYTES = 5_000_000;
export const MAX_SETTINGS_BYTES = 1_000_000;

/** The first bytes each extension's files begin with (SVG is text, checked apart). */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  PNG: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  JPEG: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  ICO: (b) => b.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0])),
  WEBP: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  SVG: (b) => b.subarray(0, 4096).toString('utf8').includes('<svg'),
};

/** The request's assets, checked: each has its bytes, of the type its extension names, one per category and color mode. */
export function checkAssets(given: NonNullable<BrandingInput['Assets']>): BrandingAsset[] {
  const seen = new Set<string>();
  return given.map((a) => {
    // The model has checked the enums and that these three are there.
    const category = a.Category!, colorMode = a.ColorMode!, extension = a.Extension!;
    const key = `${category} ${colorMode}`;
    if (seen.has(key)) throw assetDuplicate(category, colorMode);
    seen.add(key);
    if (!a.Bytes) throw assetBytesMissing(category);
    if (!MAGIC[extension]?.(Buffer.from(a.Bytes, 'base64'))) throw assetNotExtension(category, extension);
    return { category, colorMode, extension, bytes: a.Bytes, ...(a.ResourceId !== undefined ? { resourceId: a.ResourceId } : {}) };
  });
}

/** Deeper than any branding editor's document; JSON.stringify recurses, and a caller's nesting must not exhaust the stack. */
export const MAX_SETTINGS_DEPTH = 64;

/** The settings as the JSON text to keep, bounded in depth (measured without recursion) and size. */
export function settingsText(settings: unknown): string {
  const stack: [unknown, number][] = [[settings, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_SETTINGS_DEPTH) throw settingsTooDeep(MAX_SETTINGS_DEPTH);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  const text = JSON.stringify(settings);
  if (Buffer.byteLength(text) > MAX_SETTINGS_BYTES) throw settingsTooLarge(MAX_SETTINGS_BYTES);
  return text;
}

/**
 * The style an Update leaves: what it names replaces what was, the rest is kept ("preserves
 * existing style settings that you don't specify", the API reference). An asset replaces the one of
 * its category and color mode. UseCognitoProvidedValues starts over from Cognito's defaults.
 */
export function mergeBranding(current: BrandingRecord, input: BrandingInput, now: number): BrandingRecord {
  if (input.UseCognitoProvidedValues === true) return { ...current, useCognitoProvidedValues: true, settings: null, assets: [], lastModifiedAt: now };
  let assets = current.assets;
  if (input.Assets !== undefined) {
    const given = checkAssets(input.Assets);
    const replaced = new Set(given.map((a) => `${a.category} ${a.colorMode}`));
    assets = [...current.assets.filter((a) => !replaced.has(`${a.category} ${a.colorMode}`)), ...given];
  }
  boundAssets(assets);
  const settings = input.Settings !== undefined ? settingsText(input.Settings) : current.settings;
  const useCognitoProvidedValues = input.UseCognitoProvidedValues ?? (input.Settings === undefined && input.Assets === undefined ? current.useCognitoProvidedValues : false);
  return { ...current, useCognitoProvidedValues, settings, assets, lastModifiedAt: now };
}

export function boundAssets(assets: BrandingAsset[]): void {
  const total = assets.reduce((n, a) => n + Buffer.byteLength(a.bytes, 'base64'), 0);
  if (total > MAX_ASSET_TOTAL_BYTES) throw assetsTooLarge(MAX_ASSET_TOTAL_BYTES);
}

/** Bytes travel as base64 text, which the SDK's type (a Uint8Array) does not say. */
type WireBranding = Omit<Wire<ManagedLoginBrandingType>, 'Assets' | 'Settings'> & {
  Settings?: unknown;
  Assets?: { Category: string; ColorMode: string; Extension: string; Bytes?: string; ResourceId?: string }[];
};

/**
 * The style as AWS answers it. ReturnMergedResources would fill in Cognito's defaults for what the
 * style leaves out; Cognate has no copy of AWS's defaults, so it answers what was stored either way.
 */
export function describeBranding(r: BrandingRecord): WireBranding {
  return {
    ManagedLoginBrandingId: r.id,
    UserPoolId: r.poolId,
    UseCognitoProvidedValues: r.useCognitoProvidedValues,
    ...(r.settings !== null ? { Settings: JSON.parse(r.settings) as unknown } : {}),
    Assets: r.assets.map((a) => ({
      Category: a.category, ColorMode: a.colorMode, Extension: a.extension, Bytes: a.bytes, ...(a.resourceId !== undefined ? { ResourceId: a.resourceId } : {}),
    })),
    CreationDate: epochSeconds(r.createdAt),
    LastModifiedDate: epochSeconds(r.lastModifiedAt),
  };
}
