import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { rememberedOnConfirm, tracksDevices } from '../../domain/device.ts';
import type { Wire } from '../../domain/wire.ts';
import { deviceKeyExists, invalidDeviceKey, invalidDeviceVerifier } from '../../errors/index.ts';
import { deviceGroupKey } from '../../services/devices/keys.ts';
import { isUsableVerifier } from '../../services/passwords/srp.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { userOperation } from '../operation.ts';

/** Strict base64 (as Buffer writes it) of 1 to 1024 bytes, as hex; undefined otherwise. */
function hexOf(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length > 0 && bytes.length <= 1024 && bytes.toString('base64') === base64 ? bytes.toString('hex') : undefined;
}

/**
 * Confirms the device a sign-in was issued (NewDeviceMetadata): the access token must be one of
 * that sign-in's (its device_key claim), and the verifier the client made from the device's own
 * random password is kept sealed. The device is remembered at once unless the pool's
 * DeviceOnlyRememberedOnUserPrompt asks the user first (UserConfirmationNecessary).
 */
export default userOperation<ConfirmDeviceRequest, Wire<ConfirmDeviceResponse>, 'store' | 'clock' | 'random' | 'sealer'>('ConfirmDevice', async (deps, input, ctx) => {
  const { pool, user, claims } = ctx;
  if (!tracksDevices(pool) || claims.device_key !== input.DeviceKey) throw invalidDeviceKey();
  const verifier = hexOf(input.DeviceSecretVerifierConfig?.PasswordVerifier);
  const salt = hexOf(input.DeviceSecretVerifierConfig?.Salt);
  if (!verifier || !salt || !isUsableVerifier(verifier)) throw invalidDeviceVerifier();
  const remembered = rememberedOnConfirm(pool);
  const now = deps.clock.now();
  try {
    await deps.store.devices.create({
      poolId: pool.id, sub: user.sub, key: input.DeviceKey!, groupKey: await deviceGroupKey(deps, pool.id, user.sub),
      verifier: deps.sealer.seal(verifier, 'device-verifier'), salt, name: input.DeviceName ?? null,
      status: remembered ? 'remembered' : 'not_remembered', lastIp: ctx.sourceIp ?? null, createdAt: now, lastModifiedAt: now, lastAuthenticatedAt: now,
    });
  } catch (e) {
    if (e instanceof StoreConflict) throw deviceKeyExists();
    throw e;
  }
  return { UserConfirmationNecessary: !remembered };
});
