import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, withoutEmpty } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, relationshipTo } from '../../helpers/operations';
import { optionalIsoDate, requireDateOrder } from '../../../shared/helpers/dateValidation';
import { createOperation } from '../../helpers/writeOperations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient to enroll',
	}),
	idLocator({
		name: 'rewardProgramId',
		displayName: 'Reward Program',
		searchable: 'rewardProgram',
		description: 'The program to activate (a patient can be activated once per program)',
	}),
	{
		displayName: 'Activated At',
		name: 'activatedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: "When the program starts for the patient (between the program's start and end)",
	},
	additionalFields([
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether the program is active for the patient (the API assumes true)',
		},
		{
			displayName: 'Deactivated At',
			name: 'deactivated_at',
			type: 'dateTime',
			default: '',
			description: "When the program was deactivated for the patient (after 'Activated At')",
		},
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['rewardProgramActivation'], operation: ['create'] } },
	type: 'reward_program_activation',
	properties,
	build(itemIndex) {
		const patient = getIdParameter.call(this, 'patientId', 'Patient', itemIndex);
		const program = getIdParameter.call(this, 'rewardProgramId', 'Reward Program', itemIndex);
		const activatedAt = dateParameter.call(this, 'activatedAt', 'Activated At', itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const deactivatedAt = optionalIsoDate.call(
			this,
			additional.deactivated_at,
			'Deactivated At',
			itemIndex,
		);
		requireDateOrder.call(
			this,
			['Activated At', activatedAt],
			['Deactivated At', deactivatedAt],
			itemIndex,
		);
		const attributes = withoutEmpty({
			active: additional.active,
			activated_at: activatedAt,
			deactivated_at: deactivatedAt,
		});
		return {
			attributes,
			relationships: {
				patient: relationshipTo('patient', patient),
				reward_program: relationshipTo('reward_program', program),
			},
		};
	},
});
