/** The sandbox's /__admin API, and the token call every non-node variant makes (never logged). */
import axios from 'axios';

import type { Sandbox } from '../../test/sandbox';
import type { RequestCounts, SandboxRef } from './protocol';

const JSON_API = 'application/vnd.api+json';

interface LoggedRequest {
	pathname: string;
	status: number;
}

export async function resetLog(sandbox: SandboxRef): Promise<void> {
	await axios.post(`${sandbox.url}/__admin/reset-log`, {});
}

/** Requests since the last reset-log: API calls, token exchanges, failures. */
export async function requestCounts(sandbox: SandboxRef): Promise<RequestCounts> {
	const { data } = await axios.get<LoggedRequest[]>(`${sandbox.url}/__admin/requests`);
	const api = data.filter((r) => !r.pathname.endsWith('/oauth/token'));
	return {
		api: api.length,
		tokenExchanges: data.length - api.length,
		failed: data.filter((r) => r.status < 200 || r.status >= 300).length,
	};
}

export async function insertRecords(
	sandbox: SandboxRef,
	type: string,
	count: number,
): Promise<void> {
	for (let left = count; left > 0; left -= 100_000) {
		await axios.post(`${sandbox.url}/__admin/insert/${type}`, { count: Math.min(left, 100_000) });
	}
}

/** client_credentials grant, as our credential makes it; returns the bearer token (keep it out of output). */
export async function fetchToken(sandbox: SandboxRef): Promise<string> {
	const { data } = await axios.post(
		`${sandbox.baseUrl}/oauth/token`,
		{
			data: {
				type: 'token',
				attributes: {
					grant_type: 'client_credentials',
					client_id: sandbox.clientId,
					client_secret: sandbox.clientSecret,
				},
			},
		},
		{ headers: { 'Content-Type': JSON_API, Accept: JSON_API } },
	);
	const token = data?.data?.attributes?.access_token;
	if (typeof token !== 'string' || token === '')
		throw new Error('the token call answered without an access token');
	return token;
}

export const JSON_API_MEDIA_TYPE = JSON_API;

/** What a worker process needs to reach a sandbox of this process. */
export const refOf = (sandbox: Sandbox): SandboxRef => ({
	url: sandbox.url,
	baseUrl: sandbox.baseUrl,
	clientId: sandbox.clientId,
	clientSecret: sandbox.clientSecret,
	organization: sandbox.ids.organization,
});

/** The round trip of a remote API, for the benchmarks with latency (3b and 7). */
export const API_LATENCY_MS = 25;

/** From now on every patient read (`GET /patient/{id}`) answers after `ms`, as across a network. */
export function delayPatientReads(sandbox: Sandbox, ms: number): void {
	sandbox.injectFault({
		method: 'GET',
		path: /\/patient\/[^/]+$/,
		delayMs: ms,
		times: Number.MAX_SAFE_INTEGER,
	});
}
