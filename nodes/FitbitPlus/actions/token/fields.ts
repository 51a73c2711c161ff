/** The token operations' own building blocks: the Token ID option and which token it names. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiSession } from '../../../shared/transport';

import { currentTokenId } from '../../../shared/helpers/organization';
import { optionsCollection } from '../../../shared/helpers/fields';
import { inputError, requireObjectId } from '../../../shared/helpers/validation';

/** Options of the token operations: another token's ID instead of the credential's own. */
export const tokenOptionsField: INodeProperties = optionsCollection([
	{
		displayName: 'Token ID',
		name: 'tokenId',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'e.g. 58c4554710123c5c40dbab81',
		description:
			"Another access token's ID. Leave empty to use the token of this node's credential.",
	},
]);

/** The id of the credential's current access token (fetching a token first on first use). */
async function credentialTokenId(
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
): Promise<string> {
	const tokenId = await currentTokenId(session);
	if (tokenId === '') {
		inputError.call(
			this,
			itemIndex,
			'The credential holds no access token ID',
			"Fitbit Plus did not say which token it issued. Set 'Token ID' in the options.",
		);
	}
	return tokenId;
}

/** The token to use: Token ID from the options if set (checked), else the credential's own. */
export async function selectedTokenId(
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
): Promise<string> {
	const { tokenId } = this.getNodeParameter('options', itemIndex, {}) as { tokenId?: unknown };
	if (typeof tokenId === 'string' && tokenId.trim() !== '') {
		return requireObjectId.call(this, tokenId, 'Token ID', itemIndex);
	}
	return await credentialTokenId.call(this, itemIndex, session);
}
