import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as group from './group';
import * as organization from './organization';

/** What each `<resource>/index.ts` exports: its operations (each `description` + `execute`) and its fields. */
export interface ResourceModule {
	description: INodeProperties[];
	[operation: string]:
		| INodeProperties[]
		| { description: INodeProperties[]; execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]> };
}

/** Every resource of the node, by its `resource` parameter value, with the name the editor shows. */
export const resources: Record<string, { name: string; description: string; module: ResourceModule }> = {
	group: { name: 'Group', description: 'Groups of patients and coaches', module: group as unknown as ResourceModule },
	organization: { name: 'Organization', description: 'Your organization', module: organization as unknown as ResourceModule },
};

export const resourceOptions: INodePropertyOptions[] = Object.entries(resources)
	.map(([value, { name, description }]) => ({ name, value, description }))
	.sort((a, b) => a.name.localeCompare(b.name));
