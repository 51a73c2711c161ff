import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import { ofTheRun } from './errors';

export const CREDENTIAL_TYPE = 'fitbitPlusApi';

export type FitbitPlusContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** Renew the token this long before the API would refuse it, so a request in flight does not meet a dead one. */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;

/** What a session has read of its credential: read once per run, not once per request. */
export interface ContextCredential {
	baseUrl: string;
	/**
	 * Handed to n8n's request helper with every request, so that n8n does not read the credential again each time
	 * (on a server: a database read and a decryption per request). n8n writes a renewed token into its data.
	 */
	credential: ICredentialsDecrypted;
}

export async function readCredential(this: FitbitPlusContext): Promise<ContextCredential> {
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const checked = checkBaseUrl(data.baseUrl, data.allowHttp);
	// The credential is the whole run's: its error names no item.
	if (checked.problem !== undefined)
		throw ofTheRun(new NodeOperationError(this.getNode(), checked.problem));
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: checked.url,
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			// A copy: the token is cleared in it to make n8n renew it.
			data: { ...data },
		},
	};
}

/** No token yet, or one that runs out within the margin. */
export function needsToken(data: ICredentialDataDecryptedObject): boolean {
	if (data.accessToken === '' || data.accessToken === undefined) return true;
	const expiresAt = Date.parse(String(data.accessTokenExpiresAt ?? ''));
	return Number.isFinite(expiresAt) && expiresAt - TOKEN_EXPIRY_MARGIN_MS <= Date.now();
}
