import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { getMany } from '../../helpers/operations';

const properties: INodeProperties[] = [...returnAllFields, simplifyField];

const displayOptions = { show: { resource: ['healthQuestionDefinition'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/health_question_definition');
