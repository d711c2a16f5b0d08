/** How many trigger invocations a store keeps; older ones are pruned as new ones arrive. */
export const KEEP_INVOCATIONS = 10_000;
