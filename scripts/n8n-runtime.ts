/**
 * Real n8n for `npm start`, the end-to-end tests (test/e2e) and benchmarks: the one entry its users import. Each
 * part lives in scripts/n8n/:
 * - `common.ts`: where things are (the repository; the installs: tools/n8n for n8n 2.41.1 with Node 24,
 *   tools/n8n-1 for n8n 1.123 with Node 22), the log, free ports;
 * - `install.ts`: ensureN8n(), the private install of one of them (default tools/n8n);
 * - `package.ts`: build and pack the package, install it into a user folder, n8n's loader problems;
 * - `cli.ts`: the n8n CLI (import credentials and workflows, execute a workflow);
 * - `server.ts`: `n8n start` / `n8n worker` as child processes;
 * - `rest.ts`: the REST API (owner, login, loaded types, credential test, executions);
 * - `queue.ts`: queue mode (redis, main, workers).
 */
export * from './n8n/common';
export * from './n8n/install';
export * from './n8n/package';
export * from './n8n/cli';
export * from './n8n/server';
export * from './n8n/rest';
export * from './n8n/queue';
