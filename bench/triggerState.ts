/**
 * The trigger's state-based events ("Created or Updated", "Completed", "Reward Earning Ready for Fulfillment"):
 * requests per idle poll and per poll after k changes, counted by the sandbox (token exchanges apart), at 10, 100
 * and 1,000 patients in the watched group. Request counts only, no timings: run in this process.
 * `npx tsx bench/triggerState.ts` runs it alone; `npm run bench` adds its rows to the table.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TestEngine } from '../test/helpers/engine';
import { activationOf, earningOf, patientIn, rel, rewardProgramOf } from '../test/helpers/rewards';
import type { Sandbox } from '../test/sandbox';
import { startSandbox } from '../test/sandbox';
import type { Row } from './lib/report';
import { fmtInt, status } from './lib/report';

const SIZES = [10, 100, 1000];
const K = 10;
const PAGE = 50;

interface Measured {
	activation: number;
	idle: number;
	changed: number;
	emitted: number;
}

/** A group of `n` patients, each with an activation of a fulfill-as-earned reward program. */
function world(sandbox: Sandbox, n: number) {
	const group = sandbox.insert('group').id;
	const program = rewardProgramOf(sandbox, group);
	const patients: string[] = [];
	const activations: string[] = [];
	for (let i = 0; i < n; i++) {
		patients.push(patientIn(sandbox, group));
		activations.push(activationOf(sandbox, patients[i], program));
	}
	return { group, patients, activations };
}

async function measure(
	sandbox: Sandbox,
	engine: TestEngine,
	parameters: INodeParameters,
	change: () => void,
): Promise<Measured> {
	const count = () => sandbox.requests.filter((r) => !r.pathname.endsWith('/oauth/token')).length;
	let staticData: IDataObject = {};
	const poll = async () => {
		sandbox.resetLog();
		const result = await engine.poll(parameters, staticData);
		staticData = result.staticData;
		return { requests: count(), emitted: result.items?.length ?? 0 };
	};
	const activation = await poll();
	const idle = await poll();
	for (let i = 0; i < K; i++) change();
	const changed = await poll();
	return {
		activation: activation.requests,
		idle: idle.requests,
		changed: changed.requests,
		emitted: changed.emitted,
	};
}

export async function triggerStateRows(log: (line: string) => void): Promise<Row[]> {
	const rows: Row[] = [];
	const perSize: Record<string, Record<number, Measured>> = {};
	const record = (name: string, n: number, m: Measured) => {
		perSize[name] ??= {};
		perSize[name][n] = m;
	};
	for (const n of SIZES) {
		log(`Trigger state-based events: ${fmtInt(n)} patients in the watched group`);
		// The seeded patients (the organization's) carry past timestamps, as a real organization's do; the group's
		// patients are made now, for the walked events.
		const sandbox = await startSandbox({ seed: 5, sizes: { patients: n } });
		const engine = new TestEngine({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		try {
			let next = 0;
			const seeded = (i: number) => sandbox.ids.patients[(i * 7919) % sandbox.ids.patients.length];
			record(
				'Patient Created or Updated, watch Organization',
				n,
				await measure(
					sandbox,
					engine,
					{
						event: 'updatedPatient',
						watch: 'organization',
						organization: sandbox.ids.organization,
					},
					() => sandbox.update('patient', seeded(next++), { nickname: `n${next}` }),
				),
			);
			const { group, patients, activations } = world(sandbox, n);
			record(
				'Reward Earning Ready for Fulfillment, watch Groups',
				n,
				await measure(
					sandbox,
					engine,
					{ event: 'rewardEarningReadyForFulfillment', watch: 'groups', groups: [group] },
					() => {
						earningOf(sandbox, activations[(next++ * 7919) % activations.length]);
					},
				),
			);
			const events = patients
				.slice(0, K)
				.map(
					(patient) =>
						sandbox.insert(
							'calendar_event',
							{ type: 'plan-check-in' },
							{ owner: rel('patient', patient) },
						).id,
				);
			record(
				'Calendar Event Completed, watch Groups',
				n,
				await measure(
					sandbox,
					engine,
					{ event: 'completedCalendarEvent', watch: 'groups', groups: [group] },
					() =>
						sandbox.update('calendar_event', events[next++ % events.length], {
							completed_at: new Date().toISOString(),
						}),
				),
			);
			const results = patients
				.slice(0, K)
				.map((patient) => sandbox.insert('result', {}, { patient: rel('patient', patient) }).id);
			record(
				'Patient Health Result Created or Updated, watch Groups (walked)',
				n,
				await measure(
					sandbox,
					engine,
					{ event: 'updatedPatientHealthResult', watch: 'groups', groups: [group] },
					() => sandbox.update('result', results[next++ % results.length], { value: next }),
				),
			);
			if (sandbox.violations.length > 0)
				throw new Error(`${sandbox.violations.length} requests broke the spec`);
		} finally {
			await sandbox.close();
		}
	}

	for (const [name, bySize] of Object.entries(perSize)) {
		const section = `5b. Trigger "${name}"`;
		const walked = name.includes('walked');
		const cell = (pick: (m: Measured) => number) =>
			SIZES.map((n) => `${fmtInt(n)}: ${bySize[n] ? pick(bySize[n]) : 'failed'}`).join(', ');
		const idleGoal = (n: number) => (walked ? Math.ceil(n / PAGE) + n : Math.ceil(n / PAGE));
		rows.push({
			section,
			measure: `requests, idle poll (patients in the ${name.includes('Organization') ? 'organization' : 'group'})`,
			ours: cell((m) => m.idle),
			raw: '—',
			http: '—',
			figure: fmtInt(Math.max(...SIZES.map((n) => bySize[n]?.idle ?? NaN))),
			goal: walked
				? '≤ ⌈patients/50⌉ + patients (the API lists results per patient)'
				: name.startsWith('Reward')
					? '≤ ⌈activations/50⌉ (1 per page of the activations listed)'
					: '= 1',
			status: status(
				SIZES.every(
					(n) =>
						bySize[n] !== undefined &&
						bySize[n].idle <= (name.startsWith('Reward') || walked ? idleGoal(n) : 1),
				),
			),
		});
		rows.push({
			section,
			measure: `requests, poll after k=${K} changes`,
			ours: cell((m) => m.changed),
			raw: '—',
			http: '—',
			figure: fmtInt(Math.max(...SIZES.map((n) => bySize[n]?.changed ?? NaN))),
			goal: `idle + ≤ k, all ${K} emitted`,
			status: status(
				SIZES.every(
					(n) =>
						bySize[n] !== undefined &&
						bySize[n].emitted === K &&
						bySize[n].changed <= bySize[n].idle + K,
				),
			),
		});
	}
	return rows;
}

if (require.main === module) {
	triggerStateRows((line) => process.stderr.write(`${line}\n`))
		.then((rows) => {
			for (const row of rows)
				process.stdout.write(
					`${row.section} | ${row.measure} | ${row.ours} | goal ${row.goal} | ${row.status}\n`,
				);
		})
		.catch((error: unknown) => {
			process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
			process.exit(1);
		});
}
