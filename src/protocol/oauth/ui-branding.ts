/**
 * The UI customization on the managed login pages: what a page's frame shows for its client, and
 * the logo images themselves, which Cognate serves where AWS would use CloudFront.
 */
import type { FastifyInstance } from 'fastify';
import { IMAGE_CONTENT_TYPES, imagePath } from '../../domain/ui-customization.ts';
import type { Store } from '../../storage/store.ts';
import type { Branding } from '../hosted-ui/frame.ts';

/** The client's customization, else its pool's, as a page's branding; read once per page request. */
export async function brandingOf(store: Pick<Store, 'uiCustomizations'>, poolId: string, clientId: string): Promise<Branding | undefined> {
  const r = await store.uiCustomizations.forClient(poolId, clientId);
  if (!r) return undefined;
  const logoUrl = imagePath(r);
  return { ...(r.css !== null ? { css: r.css } : {}), ...(logoUrl ? { logoUrl } : {}) };
}

/**
 * An image is a pool's administrator's upload shown to anyone: an SVG could hold script, which a
 * browser would run were it opened as a document, so no image may run script, load anything or be
 * read as another type. A URL names one version, so it never changes: cached for a year.
 */
const IMAGE_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
};

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const TARGET = /^[\w+]+$/;
const FILE = /^([0-9a-f]{1,64})\.(png|jpg|svg)$/;

export function registerUIImages(app: FastifyInstance, store: Pick<Store, 'uiCustomizations'>): void {
  app.get<{ Params: { poolId: string; target: string; file: string } }>('/_cognate/ui/:poolId/:target/:file', async (req, reply) => {
    const { poolId, target, file } = req.params;
    const name = FILE.exec(file);
    const image = name && POOL_ID.test(poolId) && TARGET.test(target) ? await store.uiCustomizations.image(poolId, target) : undefined;
    // Only the current version: an old URL is gone, not another image under a cacheable name.
    if (!image || image.version !== name![1] || image.type !== name![2]) return reply.status(404).header('cache-control', 'no-store').send({ message: 'No such image.' });
    for (const [k, v] of Object.entries(IMAGE_HEADERS)) void reply.header(k, v);
    return reply.header('content-type', IMAGE_CONTENT_TYPES[image.type]).send(image.bytes);
  });
}

