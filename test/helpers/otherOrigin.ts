/**
 * A second local HTTP server (another port: another origin) that records every request reaching it, for tests
 * that make the API redirect there: nothing of ours may arrive.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface OtherOrigin {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	received: ReceivedRequest[];
	/** What reached it: each request, whether it carried an Authorization header, and whether `secret`. */
	leaked(secret: string): Array<{ request: string; authorization: boolean; secret: boolean }>;
	close(): Promise<void>;
}

/** Answers as the API would (a token, an empty list), so that a followed redirect would succeed. */
export async function startOtherOrigin(): Promise<OtherOrigin> {
	const received: ReceivedRequest[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const document = req.url?.includes('/oauth/token')
				? { data: { type: 'token', id: 'other', attributes: { access_token: 'other-token' } } }
				: { data: [] };
			res.writeHead(200, { 'Content-Type': 'application/vnd.api+json' });
			res.end(JSON.stringify(document));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		received,
		leaked: (secret) =>
			received.map((request) => ({
				request: `${request.method} ${request.url}`,
				authorization: request.headers.authorization !== undefined,
				secret: request.body.includes(secret),
			})),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
