/** Stops n8n and the sandbox started by global-setup. The user folder and n8n's log stay in .n8n-e2e/. */
export default async function globalTeardown(): Promise<void> {
	const handles = globalThis.__FITBIT_PLUS_E2E__;
	await handles?.n8n?.stop();
	await handles?.sandbox?.close();
	globalThis.__FITBIT_PLUS_E2E__ = undefined;
}
