/** The README lists every operation the node has: regenerate it with `npx tsx scripts/readme.ts`. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { README, renderReadme } from '../../scripts/readme';

it('README.md lists the operations the node has now', () => {
	const current = fs.readFileSync(README, 'utf8');
	expect(renderReadme(current)).toBe(current);
});

it("CI runs exactly the README's test command, which installs with npm ci", () => {
	const readme = fs.readFileSync(README, 'utf8');
	const testCommand = readme.match(/^npm ci && npm test$/m)?.[0];
	expect(testCommand).toBe('npm ci && npm test');
	const ciScript = fs.readFileSync(path.join(path.dirname(README), '.ci', 'run'), 'utf8');
	const commands = ciScript.split('\n').filter((line) => line && !/^(#|set |cd )/.test(line));
	expect(commands).toEqual([testCommand]);
});
