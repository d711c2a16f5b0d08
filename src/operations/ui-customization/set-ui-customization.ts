import type { SetUICustomizationRequest, SetUICustomizationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCss } from '../../domain/ui-css.ts';
import { ALL_CLIENTS, checkImage, describeUICustomization, type UICustomizationRecord } from '../../domain/ui-customization.ts';
import type { Wire } from '../../domain/wire.ts';
import { customizationNeedsDomain } from '../../errors/index.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/** ImageFile travels as base64 text (the model has checked it is base64). */
type Input = Omit<SetUICustomizationRequest, 'ImageFile'> & { ImageFile?: string };

/**
 * The pool's default (ClientId absent or ALL) or one app client's, replaced whole: "You can't set
 * CSS and logo customization separately" (AWS's hosted UI (classic) branding guide), so a request
 * without the image drops the image. With neither CSS nor image it removes the customization,
 * which is how Terraform's aws_cognito_user_pool_ui_customization deletes one; the client then
 * gets the pool's again.
 */
export default poolOperation<Input, Wire<SetUICustomizationResponse>, 'store' | 'clock' | 'random' | 'tokens'>(
  'SetUICustomization',
  async ({ store, clock, random, tokens }, input, ctx) => {
    const clientId = input.ClientId ?? ALL_CLIENTS;
    if (clientId !== ALL_CLIENTS) await requireClient(store, ctx.pool.id, clientId);
    if ((await store.poolDomains.forPool(ctx.pool.id)).length === 0) throw customizationNeedsDomain();
    const css = input.CSS ? input.CSS : null;
    if (css !== null) checkCss(css);
    const image = input.ImageFile ? Buffer.from(input.ImageFile, 'base64') : null;
    const imageType = image && image.length > 0 ? checkImage(image) : null;
    if (css === null && imageType === null) {
      await store.uiCustomizations.delete(ctx.pool.id, clientId);
      return { UICustomization: { UserPoolId: ctx.pool.id, ClientId: clientId } };
    }
    const now = clock.now();
    const record = await store.transaction(async (tx) => {
      // Inside the transaction, the client (or the pool) cannot go between the check and the write.
      if (clientId !== ALL_CLIENTS) await requireClient(tx, ctx.pool.id, clientId);
      const current = await tx.uiCustomizations.get(ctx.pool.id, clientId);
      const next: UICustomizationRecord = {
        poolId: ctx.pool.id, clientId, css, imageType, version: random.bytes(8).toString('hex'), createdAt: current?.createdAt ?? now, lastModifiedAt: now,
      };
      await tx.uiCustomizations.put(next, imageType ? image : null);
      return next;
    });
    return { UICustomization: describeUICustomization(record, tokens.endpointBase()) };
  },
);
