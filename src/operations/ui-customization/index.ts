import type { Operation } from '../operation.ts';
import getUICustomization from './get-ui-customization.ts';
import setUICustomization from './set-ui-customization.ts';

/** The managed login pages' CSS and logo, per pool and per app client. */
export const operations: Operation[] = [getUICustomization, setUICustomization];
