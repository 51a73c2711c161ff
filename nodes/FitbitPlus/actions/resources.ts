import type { INodePropertyOptions } from 'n8n-workflow';

import type { Resource } from '../helpers/resource';
import { action } from './action';
import { bundle } from './bundle';
import { calendarEvent } from './calendarEvent';
import { calendarEventResponse } from './calendarEventResponse';
import { coach } from './coach';
import { emailHistory } from './emailHistory';
import { group } from './group';
import { healthProfile } from './healthProfile';
import { healthProfileAnswer } from './healthProfileAnswer';
import { healthProfileQuestion } from './healthProfileQuestion';
import { healthQuestionDefinition } from './healthQuestionDefinition';
import { organization } from './organization';
import { patient } from './patient';
import { patientHealthMetric } from './patientHealthMetric';
import { patientHealthResult } from './patientHealthResult';
import { patientPlanSummary } from './patientPlanSummary';
import { reward } from './reward';
import { rewardEarning } from './rewardEarning';
import { rewardEarningFulfillment } from './rewardEarningFulfillment';
import { rewardProgram } from './rewardProgram';
import { rewardProgramActivation } from './rewardProgramActivation';
import { token } from './token';

/** Every resource of the node, by its `resource` parameter value (each declared in its `<resource>/index.ts`). */
export const resources: Readonly<Record<string, Resource>> = Object.fromEntries(
	[
		action,
		bundle,
		calendarEvent,
		calendarEventResponse,
		rewardProgram,
		rewardProgramActivation,
		reward,
		rewardEarning,
		rewardEarningFulfillment,
		token,
		patient,
		patientHealthMetric,
		patientHealthResult,
		patientPlanSummary,
		healthProfile,
		healthProfileQuestion,
		healthProfileAnswer,
		healthQuestionDefinition,
		coach,
		emailHistory,
		group,
		organization,
	].map((resource) => [resource.option.value, resource]),
);

export const resourceOptions: INodePropertyOptions[] = Object.values(resources)
	.map(({ option }) => option)
	.sort((a, b) => a.name.localeCompare(b.name));

/** Each Operation value's name ("getAll" → "Get Many"), the same in every resource that has it. */
const operationNames: Record<string, string> = Object.fromEntries(
	Object.values(resources).flatMap(({ properties }) =>
		(properties[0].options as INodePropertyOptions[]).map(({ value, name }) => [value, name]),
	),
);

/**
 * The canvas subtitle, "<Operation>: <Resource>" as the dropdowns name them ("Create or Update: Patient"), from a
 * lookup written into the expression (n8n evaluates a subtitle with the parameter values only).
 */
export const subtitle = `={{ (${JSON.stringify(operationNames)})[$parameter["operation"]] + ": " + (${JSON.stringify(
	Object.fromEntries(resourceOptions.map(({ value, name }) => [value, name])),
)})[$parameter["resource"]] }}`;
