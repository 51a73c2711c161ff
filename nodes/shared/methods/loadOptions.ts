import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { primaryResources } from '../transport/jsonApi';
import type { JsonApiResource } from '../transport/jsonApi';
import { ApiSession } from '../transport';
import {
	credentialGroupsPath,
	credentialOrganizationFilter,
	tokenOrganization,
} from '../helpers/organization';
import type { Label } from './labels';
import {
	distinguished,
	labelled,
	nameLabel,
	personName,
	questionText,
	rewardProgramName,
} from './labels';

/** The dropdown lists are short by nature; this many entries is more than any organization has. */
const OPTIONS_LIMIT = 500;

function toOptions(resources: JsonApiResource[], label: Label): INodePropertyOptions[] {
	return distinguished(labelled(resources, label)).sort((a, b) => a.name.localeCompare(b.name));
}

async function listAll(session: ApiSession, endpoint: string, label: Label, qs: IDataObject = {}) {
	const { data } = await session.requestAllItems(endpoint, qs, { limit: OPTIONS_LIMIT });
	return toOptions(data, label);
}

/** The groups the credential can reach (GET /group requires an organization filter; the token knows its groups). */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = new ApiSession(this);
	return await listAll(session, await credentialGroupsPath(session), nameLabel);
}

export async function getCoaches(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = new ApiSession(this);
	// GET /coach needs an organization (or groups) filter.
	return await listAll(session, '/coach', personName, await credentialOrganizationFilter(session));
}

export async function getRewardPrograms(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const session = new ApiSession(this);
	return await listAll(
		session,
		'/reward_program',
		rewardProgramName,
		await credentialOrganizationFilter(session),
	);
}

export async function getHealthQuestionDefinitions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const session = new ApiSession(this);
	return await listAll(session, '/health_question_definition', questionText);
}

/** The organization the credential belongs to, as the token tells it. */
export async function getOrganizations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const session = new ApiSession(this);
	return toOptions(primaryResources(await tokenOrganization(session)), nameLabel);
}

/**
 * The trigger's Organization: the credential's own first, as the empty value the trigger watches by default
 * (so the dropdown shows what a new trigger watches), then the organization itself.
 */
export async function getWatchOrganizations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return [
		{ name: "The Credential's Organization", value: '' },
		...(await getOrganizations.call(this)),
	];
}
