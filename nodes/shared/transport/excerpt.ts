/**
 * A short excerpt of a body that is not a JSON:API document (a gateway's HTML page, a validator's text), safe to
 * put in an error message, and what such an error answer points at.
 */

/** The longest excerpt of a body an error shows. */
const EXCERPT_LENGTH = 120;

/**
 * A short excerpt of a body that is safe to show: tags and scripts stripped, whitespace collapsed, anything
 * that looks like a token (a `Bearer …`, a long run of token characters, a `token=`/`secret=` value) masked,
 * at most EXCERPT_LENGTH characters. '' when nothing readable is left.
 */
export function safeExcerpt(body: unknown): string {
	let text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	text = text
		.slice(0, 4000)
		.replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
		.replace(/<[^>]*>?/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/\bBearer\s+\S+/gi, 'Bearer …')
		.replace(
			/\b(access_token|refresh_token|client_secret|token|secret|password)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
			'$1$2…',
		)
		.replace(/[A-Za-z0-9._~+/=-]{32,}/g, '…')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

/** "It began: "…"." for a body with something readable in it, else ''. */
export function excerptSentence(body: unknown): string {
	const excerpt = safeExcerpt(body);
	return excerpt === '' ? '' : `It began: "${excerpt}".`;
}

/**
 * What an error answer that is not a JSON:API error document (an HTML 502 of a gateway, a validator's plain-text
 * 422) tells the user beyond its status and content type: a short, safe excerpt, and what to check. The Base URL
 * only where it is the likely cause (an address that is not the API: a 404 or 405 page, or a success status).
 */
export function nonJsonApiErrorHint(status: number | undefined, body: unknown): string {
	const excerpt = excerptSentence(body);
	const code = status ?? 0;
	const check =
		code === 404 || code === 405 || (code >= 200 && code < 400)
			? "Something other than the Fitbit Plus API answered: check the credential's 'Base URL' (it ends in /pub)."
			: code >= 500
				? 'A gateway or proxy in front of Fitbit Plus, or Fitbit Plus itself, could not answer just now. Try again later, or check the status of the Fitbit Plus API.'
				: code === 401 || code === 403
					? "The request was refused before it reached the API. Check the 'Client ID' and 'Client Secret' of the credential, and what it may access."
					: code === 429
						? 'Fitbit Plus is rate limiting this credential. Try again later or lower the request rate.'
						: 'The request was refused (not in a JSON:API document): check the values the excerpt names.';
	return excerpt === '' ? check : `${excerpt} ${check}`;
}
