import type { Operation } from '../operation.ts';
import adminForgetDevice from './admin-forget-device.ts';
import adminGetDevice from './admin-get-device.ts';
import adminListDevices from './admin-list-devices.ts';
import adminUpdateDeviceStatus from './admin-update-device-status.ts';
import confirmDevice from './confirm-device.ts';
import forgetDevice from './forget-device.ts';
import getDevice from './get-device.ts';
import listDevices from './list-devices.ts';
import updateDeviceStatus from './update-device-status.ts';

/** Remembered devices: a signed-in user's own, and an administrator's view of any user's. */
export const operations: Operation[] = [
  adminForgetDevice, adminGetDevice, adminListDevices, adminUpdateDeviceStatus, confirmDevice, forgetDevice, getDevice, listDevices, updateDeviceStatus,
];
