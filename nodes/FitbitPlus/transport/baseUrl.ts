import { UserError } from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.twinehealth.com/pub';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
}

/**
 * The credential's Base URL, checked and without a trailing slash.
 * Plain http would send the client secret and health data in clear text, so it is accepted only for a
 * loopback host (the local sandbox) or when the user ticked "Allow Plain HTTP".
 */
export function normalizeBaseUrl(baseUrl: unknown, allowHttp: unknown): string {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UserError(
			'The Fitbit Plus credential\'s Base URL is not a valid URL. Use e.g. "https://api.twinehealth.com/pub".',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(
			`The Fitbit Plus credential's Base URL must start with https:// (it starts with ${url.protocol}//).`,
		);
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowHttp !== true) {
		throw new UserError(
			'The Fitbit Plus credential\'s Base URL uses plain http for a host that is not this machine. Use https://, or tick "Allow Plain HTTP" if you really mean it.',
		);
	}
	if (url.search || url.hash) {
		throw new UserError(
			"The Fitbit Plus credential's Base URL must not contain a query string or fragment.",
		);
	}
	return url.toString().replace(/\/+$/, '');
}
