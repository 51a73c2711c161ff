/**
 * Starts the sandbox for a test file and checks, after each test, that every request our code sent passed the
 * spec validation (the sandbox answers a violation with 400 SpecViolation and records it).
 */
import type { Sandbox, SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import { TestEngine } from './engine';

export interface SandboxFixture {
	sandbox: Sandbox;
	engine: TestEngine;
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sandbox = await startSandbox(options);
		fixture.engine = new TestEngine({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: fixture.sandbox.clientSecret,
		});
	});
	afterEach(() => {
		const violations = fixture.sandbox.violations.splice(0);
		expect(violations).toEqual([]);
	});
	afterAll(async () => {
		await fixture.sandbox?.close();
	});
	return fixture;
}

/** The requests the sandbox received since the last reset, without token exchanges. */
export function apiRequests(sandbox: Sandbox) {
	return sandbox.requests.filter((request) => !request.pathname.endsWith('/oauth/token'));
}
