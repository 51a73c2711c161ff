import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import {
	locatorId,
	optionalLocatorId,
	relationshipTo,
	relationshipToMany,
} from '../../helpers/operations';
import { beforeVersion, fromVersion, nodeVersion } from '../../../shared/helpers/version';
import {
	inputError,
	parseJsonParameter,
	quoted,
	requireObjectIds,
} from '../../../shared/helpers/validation';
import { updateOperation } from '../../helpers/writeOperations';

const TOGETHER =
	"'Action IDs', 'Bundle IDs' and 'Patient' go together: Fitbit Plus changes the relationships of a plan summary only with all three.";

/** The relationships the spec lets an update send, the JSON:API type of each, and its field's label. */
const RELATIONSHIPS = [
	{ name: 'actions', type: 'action', label: 'Action IDs' },
	{ name: 'bundles', type: 'bundle', label: 'Bundle IDs' },
	{ name: 'patient', type: 'patient', label: 'Patient' },
	{ name: 'current_results', type: 'result', label: 'Current Result IDs' },
] as const;

/** The spec's PatientPlanSummaryResource requires these three whenever `relationships` is sent. */
const REQUIRED_TOGETHER = ['actions', 'bundles', 'patient'];

/**
 * The relationships to change, from the fields added (an added list may be empty: the plan then has none); the
 * spec's rule checked before sending: actions, bundles and patient all three, or none of the relationships.
 */
function changedRelationships(
	this: IExecuteFunctions,
	updateFields: IDataObject,
	itemIndex: number,
): IDataObject | undefined {
	const given = RELATIONSHIPS.filter(({ name }) => updateFields[name] !== undefined);
	if (given.length === 0) return undefined;
	const missing = RELATIONSHIPS.filter(
		({ name }) => REQUIRED_TOGETHER.includes(name) && updateFields[name] === undefined,
	);
	if (missing.length > 0) {
		inputError.call(
			this,
			itemIndex,
			"'Action IDs', 'Bundle IDs' and 'Patient' go together",
			`Fitbit Plus changes the relationships of a plan summary only with all three: add ${missing.map(({ label }) => quoted(label)).join(' and ')} under 'Update Fields', or remove ${given.map(({ label }) => quoted(label)).join(', ')}.`,
		);
	}
	const relationships: IDataObject = {};
	for (const { name, type, label } of given) {
		relationships[name] =
			name === 'patient'
				? relationshipTo(type, locatorId.call(this, updateFields.patient, label, itemIndex))
				: relationshipToMany(
						type,
						requireObjectIds.call(this, updateFields[name], label.replace(/s$/, ''), itemIndex),
					);
	}
	return relationships;
}

/**
 * Version 2: the relationships as one fixed collection, Patient required in it. Action IDs and Bundle IDs left
 * empty send none (the lists are replaced); Current Result IDs left empty is not sent.
 */
function collectionRelationships(
	this: IExecuteFunctions,
	updateFields: IDataObject,
	itemIndex: number,
): IDataObject | undefined {
	if (updateFields.actionsAndBundles === undefined) return undefined;
	const values = ((updateFields.actionsAndBundles as IDataObject).values ?? {}) as IDataObject;
	const patient =
		optionalLocatorId.call(this, values.patient, 'Patient', itemIndex) ??
		inputError.call(
			this,
			itemIndex,
			"'Actions and Bundles' has no 'Patient'",
			"Fitbit Plus changes a plan's actions and bundles only with its patient: choose the plan's patient in 'Actions and Bundles', or remove 'Actions and Bundles'.",
		);
	const ids = (name: string, label: string) =>
		requireObjectIds.call(this, values[name] ?? '', label, itemIndex);
	const relationships: IDataObject = {
		actions: relationshipToMany('action', ids('actions', 'Action ID')),
		bundles: relationshipToMany('bundle', ids('bundles', 'Bundle ID')),
		patient: relationshipTo('patient', patient),
	};
	const results = ids('current_results', 'Current Result ID');
	if (results.length > 0) relationships.current_results = relationshipToMany('result', results);
	return relationships;
}

/** Version 1's fields, shown before version 2 (which has them in Actions and Bundles). */
const v1Only = (field: INodeProperties): INodeProperties => ({
	...field,
	displayOptions: { show: beforeVersion(2) },
});

const properties: INodeProperties[] = [
	idLocator({
		name: 'planSummaryId',
		displayName: 'Plan Summary',
		description:
			"The plan summary to update (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'patientPlanSummary',
	}),
	updateFields(
		[
			v1Only({
				displayName: 'Action IDs',
				name: 'actions',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab81,58c4554710123c5c40dbab82',
				description: `The plan's actions (comma-separated IDs; empty for none). Replaces the current list. ${TOGETHER}`,
			}),
			{
				displayName: 'Actions and Bundles',
				name: 'actionsAndBundles',
				type: 'fixedCollection',
				placeholder: 'Add Actions and Bundles',
				// Added from the collection, its fields show at once (as n8n's HTTP Request shows Pagination).
				default: { values: {} },
				description:
					"The plan's actions and bundles, with its patient: Fitbit Plus changes them only together. Replaces the current lists.",
				displayOptions: { show: fromVersion(2) },
				options: [
					{
						displayName: 'Actions and Bundles',
						name: 'values',
						values: [
							{
								displayName: 'Action IDs',
								name: 'actions',
								type: 'string',
								default: '',
								placeholder: 'e.g. 58c4554710123c5c40dbab81,58c4554710123c5c40dbab82',
								description: "The plan's actions (comma-separated IDs; empty for none)",
							},
							{
								displayName: 'Bundle IDs',
								name: 'bundles',
								type: 'string',
								default: '',
								placeholder: 'e.g. 58c4554710123c5c40dbab83',
								description: "The plan's bundles (comma-separated IDs; empty for none)",
							},
							{
								displayName: 'Current Result IDs',
								name: 'current_results',
								type: 'string',
								default: '',
								placeholder: 'e.g. 58c4554710123c5c40dbab84',
								description:
									'The latest result of each action (comma-separated IDs; left empty, the current ones stay)',
							},
							{
								...idLocator({
									name: 'patient',
									displayName: 'Patient',
									searchable: 'patient',
								}),
								description: "The plan's own patient (Fitbit Plus needs it with the lists)",
							},
						],
					},
				],
			},
			v1Only({
				displayName: 'Bundle IDs',
				name: 'bundles',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab83',
				description: `The plan's bundles (comma-separated IDs; empty for none). Replaces the current list. ${TOGETHER}`,
			}),
			{
				displayName: 'Critical Thresholds (JSON)',
				name: 'critical',
				type: 'json',
				default: '{}',
				description:
					'Per metric, the values that count as critical, e.g. {"blood_glucose": {"data": {"maximum": {"unit": "mg/dL", "value": 300}}}}. Replaces the current thresholds.',
			},
			v1Only({
				displayName: 'Current Result IDs',
				name: 'current_results',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab84',
				description:
					'The latest result of each action (comma-separated IDs). Only with Action IDs, Bundle IDs and Patient. Replaces the current list.',
			}),
			v1Only({
				...idLocator({
					name: 'patient',
					displayName: 'Patient',
					searchable: 'patient',
					required: false,
				}),
				description: `The plan's own patient. ${TOGETHER}`,
			}),
			{
				displayName: 'Time Zone',
				name: 'time_zone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: "The IANA time zone the plan's times of day are in",
			},
			{
				displayName: 'Window Order',
				name: 'window_order',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Window',
				default: {},
				description:
					"The order of the plan's time windows and of the actions in each. Replaces the current order.",
				options: [
					{
						displayName: 'Window',
						name: 'window',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'string',
								default: '',
								placeholder: 'e.g. morning',
								description: 'The window (e.g. morning, afternoon, evening, night)',
							},
							{
								displayName: 'Action IDs',
								name: 'actions',
								type: 'string',
								default: '',
								placeholder: 'e.g. 58c4554710123c5c40dbab81,58c4554710123c5c40dbab82',
								description: 'The actions of this window, in order (comma-separated IDs)',
							},
						],
					},
				],
			},
		],
		'Only the fields added here are sent; the others keep their values',
	),
	simplifyField,
];

export const { description, execute } = updateOperation({
	displayOptions: { show: { resource: ['patientPlanSummary'], operation: ['update'] } },
	type: 'patient_plan_summary',
	id: { name: 'planSummaryId', label: 'Plan Summary ID' },
	properties,
	build(itemIndex) {
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const attributes: IDataObject = {};
		if (updateFields.time_zone !== undefined && String(updateFields.time_zone).trim() !== '') {
			attributes.time_zone = String(updateFields.time_zone).trim();
		}
		if (updateFields.critical !== undefined) {
			const critical = parseJsonParameter.call(
				this,
				updateFields.critical,
				'Critical Thresholds (JSON)',
				itemIndex,
			);
			if (Array.isArray(critical))
				inputError.call(
					this,
					itemIndex,
					"'Critical Thresholds (JSON)' must be a JSON object",
					'Give an object keyed by metric.',
				);
			attributes.critical = critical;
		}
		if (updateFields.window_order !== undefined) {
			const windows = ((updateFields.window_order as IDataObject).window ?? []) as IDataObject[];
			attributes.window_order = windows.map((window, index) => {
				const type = String(window.type ?? '').trim();
				if (type === '')
					inputError.call(
						this,
						itemIndex,
						`Window ${index + 1} has no Type`,
						'Name the window, e.g. morning.',
					);
				return {
					type,
					_actions: requireObjectIds.call(
						this,
						window.actions ?? '',
						`Window ${index + 1} Action ID`,
						itemIndex,
					),
				};
			});
		}
		return {
			attributes,
			relationships: (nodeVersion.call(this) >= 2
				? collectionRelationships
				: changedRelationships
			).call(this, updateFields, itemIndex),
		};
	},
});
