#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run as they are (no build step on a fresh clone).
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
