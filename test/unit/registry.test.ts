/** The operation registry: what each resource's index.ts declares is what the node offers and dispatches. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { resources } from '../../nodes/FitbitPlus/actions/resources';
import { findOperation } from '../../nodes/FitbitPlus/helpers/resource';

describe('operation registry', () => {
	const properties = new FitbitPlus().description.properties;

	it.each(Object.keys(resources))(
		'%s: its Operation options are exactly its operations',
		(value) => {
			const resource = resources[value];
			expect(resource.option.value).toBe(value);
			const field = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(value),
			);
			const offered = (field?.options as INodePropertyOptions[]).map((o) => o.value).sort();
			expect(offered).toEqual(Object.keys(resource.operations).sort());
			expect(Object.keys(resource.operations)).toContain(field?.default);
			for (const operation of offered) {
				expect(typeof findOperation(resource, String(operation))?.execute).toBe('function');
			}
		},
	);

	it('finds no operation under names the resource does not declare', () => {
		expect(findOperation(resources.patient, 'constructor')).toBeUndefined();
		expect(findOperation(resources.patient, 'toString')).toBeUndefined();
		expect(findOperation(resources.patient, 'description')).toBeUndefined();
		expect(findOperation(resources.nothing, 'get')).toBeUndefined();
	});
});
