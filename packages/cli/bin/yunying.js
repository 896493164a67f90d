#!/usr/bin/env node
// The `yunying` command. The project runs its TypeScript directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
