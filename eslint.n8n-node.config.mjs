// n8n's default lint for community nodes, as `n8n-node lint` runs it in strict mode (this file is its template,
// word for word), applied by `npm run lint` to what the package ships: credentials/, nodes/, index.ts and
// package.json. Strict mode itself needs eslint.config.mjs to be this file, and it would then lint test/,
// scripts/ and bench/ too, which use Node built-ins and the console: see the README (Development).
import { config } from '@n8n/node-cli/eslint';

export default config;
