import type { Operation } from '../operation.ts';
import createManagedLoginBranding from './create-managed-login-branding.ts';
import deleteManagedLoginBranding from './delete-managed-login-branding.ts';
import describeManagedLoginBranding from './describe-managed-login-branding.ts';
import describeManagedLoginBrandingByClient from './describe-managed-login-branding-by-client.ts';
import updateManagedLoginBranding from './update-managed-login-branding.ts';

/** Managed login branding styles (the branding editor's settings and assets), one per app client. */
export const operations: Operation[] = [
  createManagedLoginBranding, describeManagedLoginBranding, describeManagedLoginBrandingByClient, updateManagedLoginBranding, deleteManagedLoginBranding,
];
