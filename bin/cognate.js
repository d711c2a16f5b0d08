#!/usr/bin/env node
// Entry point for `npx cognate` and an installed `cognate`: the TypeScript sources run as they are
// on Node 24.7+ (type stripping; crypto.argon2 for password hashes), so there is no build step.
import '../src/main.ts';
