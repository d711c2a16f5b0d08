#!/usr/bin/env node
// Entry point for `npx cognate` and an installed `cognate`: the TypeScript sources run as they are
// on Node 22.18+ (type stripping), so there is no build step.
import '../src/main.ts';
