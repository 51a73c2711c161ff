/** /__admin: the sandbox's controls over HTTP, for drivers in another process (n8n e2e tests, benchmarks). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import type { Sandbox } from './index';
import { isResourceType } from './model';

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

export function handleAdmin(
	sandbox: Sandbox,
	req: IncomingMessage,
	res: ServerResponse,
	pathname: string,
	raw: string,
): void {
	const method = req.method ?? 'GET';
	let body: any = {};
	try {
		body = raw ? JSON.parse(raw) : {};
	} catch {
		return send(res, 400, { error: 'body is not JSON' });
	}
	const route = `${method} ${pathname.replace(/\/+$/, '')}`;
	try {
		switch (route) {
			case 'GET /__admin/stats':
				return send(res, 200, {
					requests: sandbox.requests.length,
					tokenExchanges: sandbox.tokenExchanges(),
					tokenGrants: sandbox.tokenGrants(),
					violations: sandbox.violations.length,
					counts: sandbox.counts(),
				});
			case 'GET /__admin/requests':
				return send(res, 200, sandbox.requests);
			case 'GET /__admin/violations':
				return send(res, 200, sandbox.violations);
			case 'POST /__admin/reset-log':
				sandbox.resetLog();
				return send(res, 200, { ok: true });
			case 'POST /__admin/faults': {
				const { pathRegex, ...rest } = body as FaultSpec & { pathRegex?: string };
				const fault: FaultSpec = { ...rest, ...(pathRegex ? { path: new RegExp(pathRegex) } : {}) };
				sandbox.injectFault(fault);
				return send(res, 201, { ok: true });
			}
			case 'DELETE /__admin/faults':
				sandbox.clearFaults();
				return send(res, 200, { ok: true });
			case 'POST /__admin/revoke-tokens':
				sandbox.revokeTokens();
				return send(res, 200, { ok: true });
			case 'POST /__admin/expire-tokens':
				sandbox.expireTokens();
				return send(res, 200, { ok: true });
			case 'GET /__admin/ids':
				return send(res, 200, sandbox.ids);
			case 'POST /__admin/mint-ids':
				sandbox.mintIdsOutOfOrder(body.servers === undefined ? undefined : body);
				return send(res, 200, { ok: true });
			case 'POST /__admin/advance-clock':
				sandbox.advanceClock(Number(body.seconds) || 0);
				return send(res, 200, { ok: true });
		}
		const listed = /^GET \/__admin\/list\/([a-z_]+)$/.exec(route);
		if (listed) {
			if (!isResourceType(listed[1])) return send(res, 404, { error: `unknown type ${listed[1]}` });
			return send(res, 200, { ids: sandbox.list(listed[1]).map((record) => record.id) });
		}
		const update = /^POST \/__admin\/update\/([a-z_]+)\/([0-9a-f]{24})$/.exec(route);
		if (update)
			return send(res, 200, { data: sandbox.update(update[1], update[2], body.attributes ?? {}) });
		const insert = /^POST \/__admin\/insert\/([a-z_]+)$/.exec(route);
		if (insert) {
			const type = insert[1];
			if (!isResourceType(type)) return send(res, 404, { error: `unknown type ${type}` });
			const count = Math.min(Math.max(Number(body.count ?? 1) || 1, 1), 100_000);
			const data = [];
			for (let i = 0; i < count; i++)
				data.push(sandbox.insert(type, body.attributes, body.relationships));
			return send(res, 201, { data });
		}
		return send(res, 404, { error: `no admin route ${route}` });
	} catch (e) {
		return send(res, 400, { error: (e as Error).message });
	}
}
