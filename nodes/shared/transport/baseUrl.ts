export const DEFAULT_BASE_URL = 'https://api.twinehealth.com/pub';

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

/**
 * This machine: `localhost`, `::1`, or an IP literal in 127.0.0.0/8 (four decimal octets, as the URL parser
 * writes any IPv4 form). A host *name* that merely begins like one (`127.evil.example`) is someone else's.
 */
function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (LOOPBACK_NAMES.has(host)) return true;
	const octets = host.split('.');
	return (
		octets.length === 4 &&
		octets[0] === '127' &&
		octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)
	);
}

export type BaseUrlCheck =
	{ url: string; problem?: undefined } | { url?: undefined; problem: string };

/**
 * The credential's Base URL, checked and without a trailing slash, or what is wrong with it.
 * Plain http would send the client secret and health data in clear text, so it is accepted only for a
 * loopback host (the local sandbox) or when the user ticked "Allow Plain HTTP".
 */
export function checkBaseUrl(baseUrl: unknown, allowHttp: unknown): BaseUrlCheck {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			problem:
				"The Fitbit Plus credential's 'Base URL' is not a valid URL. Use e.g. \"https://api.twinehealth.com/pub\".",
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return {
			problem: `The Fitbit Plus credential's 'Base URL' must start with https:// (it starts with ${url.protocol}//).`,
		};
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowHttp !== true) {
		return {
			problem:
				"The Fitbit Plus credential's 'Base URL' uses plain http for a host that is not this machine. Use https://, or tick 'Allow Plain HTTP' if you really mean it.",
		};
	}
	if (url.search || url.hash || url.username || url.password) {
		return {
			problem:
				"The Fitbit Plus credential's 'Base URL' must not contain a query string, fragment or user name.",
		};
	}
	return { url: url.toString().replace(/\/+$/, '') };
}
