import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { primaryResources } from '../transport/jsonApi';
import { isObjectId } from '../helpers/validation';
import { ApiSession, MAX_PAGE_SIZE, resourcePath } from '../transport';
import {
	credentialGroupsPath,
	credentialOrganizationFilter,
	tokenOrganization,
} from '../helpers/organization';
import type { Label } from './labels';
import {
	activationLabel,
	calendarEventLabel,
	emailLabel,
	fulfillmentLabel,
	healthMetricLabel,
	healthProfileAnswerLabel,
	healthResultLabel,
	labelled,
	nameLabel,
	patientDayLabel,
	patientLabel,
	personName,
	questionText,
	rewardEarningLabel,
	rewardLabel,
	rewardProgramName,
} from './labels';
import { ofPatient, organizationQuery, patientsByIdentifier, searchPages } from './searchPages';

export async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	// An exact id or identifier value finds the one patient without walking every page.
	if (!paginationToken && filter && isObjectId(filter.trim())) {
		const document = await session.request(
			'GET',
			resourcePath('/patient/{id}', { id: filter.trim() }),
		);
		return { results: labelled(primaryResources(document), patientLabel) };
	}
	return await searchPages.call(
		this,
		session,
		'/patient',
		patientLabel,
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
		patientsByIdentifier,
	);
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	// GET /group requires an organization filter; the credential's token lists the groups it can reach.
	return await searchPages.call(
		this,
		session,
		await credentialGroupsPath(session),
		nameLabel,
		filter,
		paginationToken,
	);
}

export async function searchCoaches(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	return await searchPages.call(
		this,
		session,
		'/coach',
		personName,
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
	);
}

export async function searchRewardPrograms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	return await searchPages.call(
		this,
		session,
		'/reward_program',
		rewardProgramName,
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
	);
}

export async function searchCalendarEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	return await searchPages.call(
		this,
		session,
		'/calendar_event',
		calendarEventLabel,
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
	);
}

export async function searchRewardEarnings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	// The API lists earnings only by patient and groups: the search text is a patient's ID.
	const patient = filter?.trim() ?? '';
	if (!paginationToken && !isObjectId(patient)) return { results: [] };
	const { data: groups } = paginationToken
		? { data: [] }
		: await session.requestAllItems(await credentialGroupsPath(session), {}, { limit: 500 });
	const query = paginationToken
		? {}
		: { 'filter[patient]': patient, 'filter[groups]': groups.map((g) => g.id).join(',') };
	return await searchPages.call(
		this,
		session,
		'/reward_earning',
		rewardEarningLabel,
		undefined,
		paginationToken,
		query,
	);
}

/** A collection the API lists for the organization, found for one patient by the patient's ID as well. */
function organizationSearch(endpoint: string, label: Label) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const session = new ApiSession(this);
		return await searchPages.call(
			this,
			session,
			endpoint,
			label,
			filter,
			paginationToken,
			await organizationQuery(session, paginationToken),
			ofPatient(endpoint),
		);
	};
}

export const searchPlanSummaries = organizationSearch(
	'/patient_plan_summary',
	patientDayLabel('effective_from'),
);
export const searchHealthMetrics = organizationSearch('/patient_health_metric', healthMetricLabel);
export const searchHealthProfiles = organizationSearch(
	'/health_profile',
	patientDayLabel('updated_at'),
);
export const searchHealthProfileQuestions = organizationSearch(
	'/health_profile_question',
	questionText,
);
export const searchHealthProfileAnswers = organizationSearch(
	'/health_profile_answer',
	healthProfileAnswerLabel,
);

/** A collection the API lists only for one user: the search text is that patient's (or coach's) ID. */
function ofUserSearch(endpoint: string, userFilter: string, label: Label) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const user = filter?.trim() ?? '';
		if (!paginationToken && !isObjectId(user)) return { results: [] };
		return await searchPages.call(
			this,
			new ApiSession(this),
			endpoint,
			label,
			undefined,
			paginationToken,
			paginationToken ? {} : { [userFilter]: user },
		);
	};
}

export const searchHealthResults = ofUserSearch('/result', 'filter[patient]', healthResultLabel);
export const searchEmailHistories = ofUserSearch('/email_history', 'filter[receiver]', emailLabel);

export const searchRewardEarningFulfillments = ofUserSearch(
	'/reward_earning_fulfillment',
	'filter[patient]',
	fulfillmentLabel,
);

export async function searchHealthQuestionDefinitions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	return await searchPages.call(
		this,
		session,
		'/health_question_definition',
		questionText,
		filter,
		paginationToken,
	);
}

export async function searchRewardProgramActivations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	// Activations carry ids only: the programs (a short list, one request) give them a name.
	const { data: programs } = await session.requestAllItems(
		'/reward_program',
		await credentialOrganizationFilter(session),
		{ limit: MAX_PAGE_SIZE },
	);
	const programNames = new Map(
		programs.map((program) => [program.id, rewardProgramName(program.attributes ?? {}, program)]),
	);
	return await searchPages.call(
		this,
		session,
		'/reward_program_activation',
		activationLabel(programNames),
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
		ofPatient('/reward_program_activation'),
	);
}

export async function searchRewards(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	const session = new ApiSession(this);
	return await searchPages.call(
		this,
		session,
		'/reward',
		rewardLabel,
		filter,
		paginationToken,
		await organizationQuery(session, paginationToken),
		ofPatient('/reward'),
	);
}

/** The organization this credential belongs to (the only one it can reach). */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string) {
	const entries = labelled(
		primaryResources(await tokenOrganization(new ApiSession(this))),
		nameLabel,
	);
	const text = filter?.trim().toLowerCase() ?? '';
	return {
		results: entries.filter(
			(entry) => text === '' || entry.value === text || entry.name.toLowerCase().includes(text),
		),
	};
}
