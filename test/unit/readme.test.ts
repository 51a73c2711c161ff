/** The README lists every operation the node has: regenerate it with `npx tsx scripts/readme.ts`. */
import * as fs from 'node:fs';

import { README, renderReadme } from '../../scripts/readme';

it('README.md lists the operations the node has now', () => {
	const current = fs.readFileSync(README, 'utf8');
	expect(renderReadme(current)).toBe(current);
});
