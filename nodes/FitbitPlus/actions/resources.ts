import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import * as coach from './coach';
import * as emailHistory from './emailHistory';
import * as healthProfile from './healthProfile';
import * as healthProfileAnswer from './healthProfileAnswer';
import * as healthProfileQuestion from './healthProfileQuestion';
import * as healthQuestionDefinition from './healthQuestionDefinition';
import * as patient from './patient';
import * as patientHealthMetric from './patientHealthMetric';
import * as patientHealthResult from './patientHealthResult';
import * as patientPlanSummary from './patientPlanSummary';
import * as action from './action';
import * as bundle from './bundle';
import * as calendarEvent from './calendarEvent';
import * as calendarEventResponse from './calendarEventResponse';
import * as reward from './reward';
import * as rewardEarning from './rewardEarning';
import * as rewardEarningFulfillment from './rewardEarningFulfillment';
import * as rewardProgram from './rewardProgram';
import * as rewardProgramActivation from './rewardProgramActivation';
import * as token from './token';
import * as group from './group';
import * as organization from './organization';

/** What each `<resource>/index.ts` exports: its operations (each `description` + `execute`) and its fields. */
export interface ResourceModule {
	description: INodeProperties[];
	[operation: string]:
		| INodeProperties[]
		| {
				description: INodeProperties[];
				execute: (
					this: IExecuteFunctions,
					items: INodeExecutionData[],
				) => Promise<INodeExecutionData[]>;
		  };
}

/** Every resource of the node, by its `resource` parameter value, with the name the editor shows. */
export const resources: Record<
	string,
	{ name: string; description: string; module: ResourceModule }
> = {
	action: {
		name: 'Action',
		description: "Health actions in a patient's plan",
		module: action as unknown as ResourceModule,
	},
	bundle: {
		name: 'Bundle',
		description: "Named groups of actions in a patient's plan",
		module: bundle as unknown as ResourceModule,
	},
	calendarEvent: {
		name: 'Calendar Event',
		description: 'Calls, visits, reminders and plan check-ins with patients',
		module: calendarEvent as unknown as ResourceModule,
	},
	calendarEventResponse: {
		name: 'Calendar Event Response',
		description: "An attendee's answer to a calendar event",
		module: calendarEventResponse as unknown as ResourceModule,
	},
	rewardProgram: {
		name: 'Reward Program',
		description: 'Incentive programs with a budget, for the patients of a group',
		module: rewardProgram as unknown as ResourceModule,
	},
	rewardProgramActivation: {
		name: 'Reward Program Activation',
		description: "A patient's enrollment in a reward program",
		module: rewardProgramActivation as unknown as ResourceModule,
	},
	reward: {
		name: 'Reward',
		description: 'A reward allocated to a patient from their program budget',
		module: reward as unknown as ResourceModule,
	},
	rewardEarning: {
		name: 'Reward Earning',
		description: 'A reward a patient has earned',
		module: rewardEarning as unknown as ResourceModule,
	},
	rewardEarningFulfillment: {
		name: 'Reward Earning Fulfillment',
		description: 'The payout of an earned reward',
		module: rewardEarningFulfillment as unknown as ResourceModule,
	},
	token: {
		name: 'Token',
		description: "What this node's credential (its access token) can reach",
		module: token as unknown as ResourceModule,
	},
	patient: {
		name: 'Patient',
		description: 'People in care: contact details, identifiers, groups and coaches',
		module: patient as unknown as ResourceModule,
	},
	patientHealthMetric: {
		name: 'Patient Health Metric',
		description: 'Measurements of a patient (weight, blood pressure, lab values…)',
		module: patientHealthMetric as unknown as ResourceModule,
	},
	patientHealthResult: {
		name: 'Patient Health Result',
		description: 'What a patient logged against the actions of their plan',
		module: patientHealthResult as unknown as ResourceModule,
	},
	patientPlanSummary: {
		name: 'Patient Plan Summary',
		description: "A patient's care plan: actions, adherence and critical thresholds",
		module: patientPlanSummary as unknown as ResourceModule,
	},
	healthProfile: {
		name: 'Health Profile',
		description: "A patient's health questionnaire",
		module: healthProfile as unknown as ResourceModule,
	},
	healthProfileQuestion: {
		name: 'Health Profile Question',
		description: "The questions of a patient's health profile",
		module: healthProfileQuestion as unknown as ResourceModule,
	},
	healthProfileAnswer: {
		name: 'Health Profile Answer',
		description: "A patient's answers to health profile questions",
		module: healthProfileAnswer as unknown as ResourceModule,
	},
	healthQuestionDefinition: {
		name: 'Health Question Definition',
		description: 'The questions health profiles can ask',
		module: healthQuestionDefinition as unknown as ResourceModule,
	},
	coach: {
		name: 'Coach',
		description: 'Care team members',
		module: coach as unknown as ResourceModule,
	},
	emailHistory: {
		name: 'Email History',
		description: 'Emails Fitbit Plus sent to patients and coaches',
		module: emailHistory as unknown as ResourceModule,
	},
	group: {
		name: 'Group',
		description: 'Groups of patients and coaches',
		module: group as unknown as ResourceModule,
	},
	organization: {
		name: 'Organization',
		description: 'Your organization',
		module: organization as unknown as ResourceModule,
	},
};

export const resourceOptions: INodePropertyOptions[] = Object.entries(resources)
	.map(([value, { name, description }]) => ({ name, value, description }))
	.sort((a, b) => a.name.localeCompare(b.name));
