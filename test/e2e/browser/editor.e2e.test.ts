/**
 * The editor as a person uses it, in Debian's Chromium: sign in, find the nodes, fill them, search a list of
 * 2,000 patients, run a step, read a validation message, test the credential, fetch a trigger's test event, open
 * an example, map EMR columns with the column mapper. It shares the e2e set-up's n8n, and starts its own sandbox of 2,000 patients (so the other e2e
 * files keep theirs as they expect it) with its own credential. A screenshot per step: test/e2e/browser/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, REPO_ROOT, type RestClient } from '../../../scripts/n8n-runtime';
import { startSandbox, type Sandbox } from '../../sandbox';
import { adaptExample, api, NODE_TYPE, readState, TRIGGER_TYPE } from '../harness';
import { Editor } from './editor';
import { patient } from '../../../nodes/FitbitPlus/actions/patient';
import { FitbitPlusTrigger } from '../../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';

/** The node panel lists an operation by its `action` text: read it from the node, not a copy of it. */
const operationField = patient.properties.find((property) => property.name === 'operation');
const getPatientAction = (operationField?.options ?? []).find(
	(option) => 'value' in option && option.value === 'get',
) as { action?: string } | undefined;
if (!getPatientAction?.action) throw new Error('Patient → Get has no action text');
const GET_PATIENT = new RegExp(
	`^${getPatientAction.action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
);

type Resource = { id: string; attributes?: Record<string, unknown> };

const PAGE = 50;
const CREDENTIAL_NAME = 'Fitbit Plus (2,000 patients)';

const nameOf = (patient: Resource) =>
	`${String(patient.attributes?.first_name)} ${String(patient.attributes?.last_name)}`;
const mrnOf = (patient: Resource) =>
	(patient.attributes?.identifiers as Array<{ value: string }>)[0].value;

describe('the editor in a browser', () => {
	const state = readState();
	let sandbox: Sandbox;
	let rest: RestClient;
	let editor: Editor;
	let credentialId: string;
	/** A workflow with one node per editor check (lists, validation, trigger). */
	let fixtureWorkflowId: string;

	const fitbitNode = (
		name: string,
		x: number,
		parameters: Record<string, unknown>,
		typeVersion = 1,
	) => ({
		id: name.replace(/\W/g, ''),
		name,
		type: NODE_TYPE,
		typeVersion,
		position: [x, 200],
		parameters,
		credentials: { fitbitPlusApi: { id: credentialId, name: CREDENTIAL_NAME } },
	});
	const listLocator = { __rl: true, mode: 'list', value: '' };

	async function createWorkflow(workflow: object): Promise<string> {
		const r = await rest.http.post('/rest/workflows', workflow);
		if (r.status !== 200) throw new Error(`POST /rest/workflows: HTTP ${r.status}`);
		return String(r.data.data.id);
	}

	/** API requests the sandbox received (token exchanges aside) since `since` (a request count). */
	const apiRequestsSince = (since: number) =>
		sandbox.requests.slice(since).filter((r) => !r.pathname.endsWith('/oauth/token'));

	/** A test whose failure leaves a screenshot of the moment (FAILED-<n>.png) beside the steps'. */
	const check = (name: string, run: () => Promise<void>) =>
		test(name, async () => {
			try {
				await run();
			} catch (error) {
				await editor?.shot(`FAILED-${name.split('.')[0]}`).catch(() => undefined);
				throw error;
			}
		});

	beforeAll(async () => {
		sandbox = await startSandbox({ port: await freePort(), seed: 23, sizes: { patients: 2000 } });
		// n8n may still be settling (a loaded machine): a refused first login is retried.
		for (let attempt = 1; ; attempt++) {
			try {
				rest = await api(state);
				break;
			} catch (error) {
				if (attempt === 5) throw error;
				await new Promise((resolve) => setTimeout(resolve, 3000));
			}
		}
		const credential = await rest.http.post('/rest/credentials', {
			name: CREDENTIAL_NAME,
			type: 'fitbitPlusApi',
			data: {
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
				allowHttp: true,
			},
		});
		if (credential.status !== 200)
			throw new Error(`POST /rest/credentials: HTTP ${credential.status}`);
		credentialId = String(credential.data.data.id);
		fixtureWorkflowId = await createWorkflow({
			name: 'Browser checks',
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [
				fitbitNode('Group', 0, { resource: 'group', operation: 'get', groupId: listLocator }),
				fitbitNode('Coach', 250, { resource: 'coach', operation: 'get', coachId: listLocator }),
				fitbitNode('Reward Program', 500, {
					resource: 'rewardProgram',
					operation: 'get',
					rewardProgramId: listLocator,
				}),
				fitbitNode('Patient by ID', 750, {
					resource: 'patient',
					operation: 'get',
					patientId: { __rl: true, mode: 'id', value: '' },
				}),
				{
					...fitbitNode('Watch Groups', 1000, {
						event: 'newCalendarEvent',
						watch: 'groups',
						groups: [],
					}),
					type: TRIGGER_TYPE,
				},
				fitbitNode('Upsert Patient', 1500, { resource: 'patient', operation: 'upsert' }),
				fitbitNode(
					'Patients v2',
					1750,
					{
						resource: 'patient',
						operation: 'getAll',
						limit: 3,
						filters: { organization: sandbox.ids.organization },
					},
					2,
				),
				{
					// A trigger as added from the panel: only its event set, every other parameter its default.
					...fitbitNode('New Patient Defaults', 2000, { event: 'newPatient' }),
					type: TRIGGER_TYPE,
				},
				{
					...fitbitNode('Fulfillment Queue', 2250, {
						event: 'rewardEarningReadyForFulfillment',
						watch: 'organization',
					}),
					type: TRIGGER_TYPE,
				},
				{
					...fitbitNode('New Calendar Event', 1250, {
						event: 'newCalendarEvent',
						watch: 'organization',
						organization: sandbox.ids.organization,
					}),
					type: TRIGGER_TYPE,
				},
			],
		});
		editor = await Editor.launch(state.n8nUrl);
	}, 120_000);

	afterAll(async () => {
		await editor?.close();
		await sandbox?.close();
	});

	check(
		'1. sign in, create a workflow, find both Fitbit Plus nodes by typing "fitbit"',
		async () => {
			await editor.signIn(state.owner.email, state.owner.password);
			await editor.shot('signed-in');
			await editor.openWorkflow('new');
			await editor.byTestId('canvas-add-button').click();
			await editor.byTestId('node-creator').locator('input').first().fill('fitbit');
			const entry = editor.byTestId('item-iterator-item').filter({ hasText: 'Fitbit Plus' });
			await entry.first().waitFor();
			// The app entry's description: n8n shows the trigger's, and it describes both nodes.
			const appDescription = String(new FitbitPlusTrigger().description.description);
			expect(appDescription).not.toMatch(/^Starts the workflow/);
			expect(await entry.first().innerText()).toContain(appDescription.slice(0, 40));
			await editor.shot('node-panel-fitbit');
			// n8n groups a package's nodes under one app entry: its triggers come from Fitbit Plus Trigger, its
			// actions from Fitbit Plus.
			await entry.first().click();
			await editor.page.getByText(/^Actions \(\d+\)$/).click();
			const panel = editor.byTestId('node-creator');
			for (const text of [
				/^Triggers \(\d+\)$/,
				/^Actions \(\d+\)$/,
				/^On new patient$/,
				GET_PATIENT,
			])
				await panel.getByText(text).first().waitFor();
			// n8n heads each resource's actions "<Resource> Actions": none reads "Action Actions".
			const panelText = await panel.innerText();
			expect(panelText).toMatch(/Action Item Actions/i);
			expect(panelText).not.toMatch(/\bAction Actions\b/i);
			await editor.shot('node-panel-triggers-and-actions');
		},
	);

	check(
		'2. Patient → Get → From list: a patient on page 30 of 2,000 is found by name, picked and fetched',
		async () => {
			const patients = sandbox.list('patient') as Resource[];
			expect(patients).toHaveLength(2000);
			// A patient of page 30 whose name no earlier page has (the seed is fixed).
			const earlier = new Set(patients.slice(0, 29 * PAGE).map(nameOf));
			const target = patients.slice(29 * PAGE, 30 * PAGE).find((p) => !earlier.has(nameOf(p)));
			if (!target) throw new Error('no patient on page 30 with a name of its own');

			await editor.byTestId('item-iterator-item').filter({ hasText: GET_PATIENT }).click();
			await editor.byTestId('node-parameters').waitFor();
			// n8n names the node by the action picked: short, as n8n's own nodes read.
			expect(getPatientAction.action).toBe('Get a patient');
			expect(await editor.byTestId('node-title-container').first().innerText()).toContain(
				'Get a patient',
			);
			await editor.chooseCredential(credentialId);
			const firstPage = await editor.openList('patientId');
			// One page of the API, in its order. n8n may already have asked for the next page by the time the list is
			// read (it loads more as the end of the list comes into view): whole pages, and page 30 still far off.
			expect(firstPage.length % PAGE).toBe(0);
			expect(firstPage.length).toBeGreaterThanOrEqual(PAGE);
			expect(firstPage.length).toBeLessThan(29 * PAGE);
			patients.slice(0, PAGE).forEach((patient, index) => {
				expect(firstPage[index]).toContain(mrnOf(patient));
			});
			expect(firstPage.some((label) => label.startsWith(`${nameOf(target)} ·`))).toBe(false);
			await editor.shot('patient-list-first-page');

			await editor.searchList(nameOf(target));
			const found = editor.byTestId('rlc-item').filter({ hasText: mrnOf(target) });
			await found.waitFor({ timeout: 60_000 });
			await editor.shot('patient-list-found-on-page-30');
			await found.click();
			expect(
				await editor.locator('patientId').locator('[data-test-id="rlc-input"]').inputValue(),
			).toContain(mrnOf(target));

			await editor.byTestId('node-execute-button').click();
			const output = editor.byTestId('output-panel');
			await output.getByText(target.id).waitFor();
			const table = await output.innerText();
			expect(table).toContain(String(target.attributes?.last_name));
			expect(table).toContain(mrnOf(target));
			await editor.shot('patient-fetched');
			await editor.closeNode();
		},
	);

	check('3. the group, coach and reward program lists open with the sandbox names', async () => {
		await editor.openWorkflow(fixtureWorkflowId);
		await editor.shot('fixture-workflow');
		// Under each node, what it does as the dropdowns name it.
		const subtitle = async (node: string) =>
			await editor.page
				.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`)
				.innerText();
		expect(await subtitle('Reward Program')).toContain('Get: Reward Program');
		expect(await subtitle('Watch Groups')).toContain('New Calendar Event');
		expect(await subtitle('Upsert Patient')).toContain('Create or Update: Patient');
		expect(await subtitle('Fulfillment Queue')).toContain('Ready for Fulfillment');
		expect(await subtitle('Fulfillment Queue')).not.toContain('…');
		const names = (type: string) =>
			(sandbox.list(type) as Resource[]).map((r) =>
				type === 'coach' ? nameOf(r) : String(r.attributes?.name),
			);
		for (const [node, parameter, type] of [
			['Group', 'groupId', 'group'],
			['Coach', 'coachId', 'coach'],
			['Reward Program', 'rewardProgramId', 'reward_program'],
		]) {
			await editor.openNode(node);
			const labels = await editor.openList(parameter);
			expect(labels.length).toBeGreaterThan(0);
			// Same-named entries carry the end of their id: compare the names before it.
			for (const label of labels) expect(names(type)).toContain(label.replace(/ \(…\w{6}\)$/, ''));
			await editor.shot(`list-${type}`);
			await editor.page.keyboard.press('Escape');
			await editor.closeNode();
		}
		// A dropdown (loadOptions): the trigger's groups.
		await editor.openNode('Watch Groups');
		const options = await editor.openOptions('groups');
		expect(options).toEqual(expect.arrayContaining(names('group')));
		await editor.shot('dropdown-groups');
		await editor.page.keyboard.press('Escape');
		await editor.closeNode();
	});

	check('4. a bad id By ID shows the validation message, and no request is sent', async () => {
		await editor.openWorkflow(fixtureWorkflowId);
		await editor.openNode('Patient by ID');
		const input = editor.locator('patientId').locator('[data-test-id="rlc-input"]');
		await input.fill('not-a-patient-id');
		await editor.byTestId('parameter-issues').first().waitFor();
		await editor.shot('bad-id-marked');
		const before = sandbox.requests.length;
		await editor.byTestId('node-execute-button').click();
		const message = await editor.toast(/cannot start/i);
		expect(message).toContain(
			'Patient: not a Fitbit Plus ID (24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81)',
		);
		await editor.shot('bad-id-refused');
		expect(apiRequestsSince(before).filter((r) => r.pathname.startsWith('/pub/patient'))).toEqual(
			[],
		);
		await editor.closeNode();
	});

	check(
		'5. the credential form: Test passes with the right secret, names a wrong one without echoing it',
		async () => {
			await editor.openWorkflow(fixtureWorkflowId);
			const wrongSecret = 'wrong-secret-that-must-not-be-shown-2ad9';
			await editor.openNode('Group');
			await editor.byTestId('credential-edit-button').click();
			const modal = editor.byTestId('editCredential-modal');
			await modal.getByText('Connection tested successfully').waitFor();
			await editor.shot('credential-ok');

			const secret = modal.locator('[data-test-id="parameter-input-clientSecret"] input');
			await secret.fill(wrongSecret);
			await editor.byTestId('credential-save-button').click();
			await modal.getByText(/Couldn.t connect with these settings/).waitFor();
			// A long message is folded behind "More details".
			const more = modal.getByText('More details');
			if (await more.isVisible()) await more.click();
			await modal
				.getByText(/invalid client credentials/)
				.first()
				.waitFor();
			const text = await modal.innerText();
			expect(text).toMatch(/Check the 'Client ID' and 'Client Secret'/);
			expect(text).not.toContain(wrongSecret);
			// Nowhere on the page but in the field it was typed into (its input's value).
			const otherFields = await editor.page
				.locator('input:not([data-test-id="parameter-input-clientSecret"] input), textarea')
				.evaluateAll((fields) =>
					fields.map((field) => (field as unknown as { value: string }).value),
				);
			const shown = [await editor.page.locator('body').innerText(), ...otherFields].join('\n');
			expect(shown).not.toContain(wrongSecret);
			await editor.shot('credential-wrong-secret');

			await secret.fill(sandbox.clientSecret);
			await editor.byTestId('credential-save-button').click();
			await modal.getByText('Connection tested successfully').waitFor();
			await editor.shot('credential-fixed');
			await editor.page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });
			await editor.closeNode();
		},
	);

	check('6. the trigger: Fetch Test Event shows the newest calendar event', async () => {
		await editor.openWorkflow(fixtureWorkflowId);
		const newest = sandbox.insert(
			'calendar_event',
			{ title: 'Browser check-in 7Q' },
			{ owner: { data: { type: 'patient', id: sandbox.ids.patients[3] } } },
		);
		await editor.openNode('New Calendar Event');
		await editor.byTestId('node-execute-button').click();
		const output = editor.byTestId('output-panel');
		await output.getByText(newest.id).waitFor();
		expect(await output.innerText()).toContain('Browser check-in 7Q');
		await editor.shot('trigger-test-event');
		await editor.closeNode();

		// With its defaults (no organization picked) the trigger fetches a test event of the credential's own.
		await editor.openNode('New Patient Defaults');
		// The dropdown names the default, once its options are loaded, and marks nothing as missing.
		const organization = editor.page
			.locator('[data-test-id="parameter-input-organization"] input')
			.first();
		for (
			let i = 0;
			i < 40 && ['', 'Loading options...'].includes(await organization.inputValue());
			i++
		)
			await editor.page.waitForTimeout(500);
		expect(await organization.inputValue()).toBe("The Credential's Organization");
		expect(await editor.byTestId('parameter-issues').count()).toBe(0);
		const fetch = editor.byTestId('node-execute-button');
		expect(await fetch.isEnabled()).toBe(true);
		await fetch.click();
		const patients = (sandbox.list('patient') as Resource[]).map((p) => p.id);
		const shown = await output.innerText().then(async (text) => {
			for (let i = 0; i < 40 && !patients.some((id) => text.includes(id)); i++) {
				await editor.page.waitForTimeout(500);
				text = await output.innerText();
			}
			return text;
		});
		expect(patients.some((id) => shown.includes(id))).toBe(true);
		await editor.shot('trigger-defaults-test-event');
		await editor.closeNode();
	});

	check('8. version 2: a simplified patient row has the top fields, flat', async () => {
		await editor.openWorkflow(fixtureWorkflowId);
		await editor.openNode('Patients v2');
		await editor.byTestId('node-execute-button').click();
		const output = editor.byTestId('output-panel');
		await output.getByText('first_name').first().waitFor();
		const table = await output.innerText();
		for (const column of [
			'first_name',
			'last_name',
			'birth_date',
			'identifiers',
			'email_address',
			'phone_number',
			'groups',
		])
			expect(table).toContain(column);
		for (const left of ['phone_numbers', 'addresses', 'resourceType', 'created_at'])
			expect(table).not.toContain(left);
		expect(table).toMatch(/MRN: MRN-\d{6}/);
		await editor.shot('simplified-patients-v2');
		await editor.closeNode();
	});

	check('7. the example workflows open with no missing-parameter markers', async () => {
		const examples = fs
			.readdirSync(path.join(REPO_ROOT, 'examples'))
			.filter((f) => f.endsWith('.json'));
		expect(examples.length).toBeGreaterThan(0);
		for (const file of examples) {
			const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
			const adapted = adaptExample(example, {
				organization: sandbox.ids.organization,
				groups: sandbox.ids.groups.slice(0, 1),
				patient: sandbox.ids.patients[0],
			});
			for (const node of adapted.nodes)
				if (node.credentials?.fitbitPlusApi)
					node.credentials.fitbitPlusApi = { id: credentialId, name: CREDENTIAL_NAME };
			const id = await createWorkflow({ ...adapted, id: undefined, name: `Example ${file}` });
			await editor.openWorkflow(id);
			await editor.page.waitForTimeout(1000);
			await editor.shot(`example-${file.replace(/\.json$/, '')}`);
			expect({ file, issues: await editor.byTestId('node-issues').count() }).toEqual({
				file,
				issues: 0,
			});
		}
	});

	check(
		'8. the column mapper: the field list with types, Map Automatically runs the EMR example, a required field left empty is flagged',
		async () => {
			const example = JSON.parse(
				fs.readFileSync(path.join(REPO_ROOT, 'examples', 'emr-sync.json'), 'utf8'),
			);
			const adapted = adaptExample(example, {
				organization: sandbox.ids.organization,
				groups: sandbox.ids.groups.slice(0, 1),
			});
			for (const node of adapted.nodes)
				if (node.credentials?.fitbitPlusApi)
					node.credentials.fitbitPlusApi = { id: credentialId, name: CREDENTIAL_NAME };
			const id = await createWorkflow({ ...adapted, id: undefined, name: 'EMR sync (mapper)' });
			await editor.openWorkflow(id);
			const before = sandbox.requests.length;
			// Map Automatically: run the example up to the patients; the output shows them, matched by MRN.
			await editor.openNode('Create or Update Patients');
			/** The Mapping Column Mode dropdown of the open node. */
			const mappingMode = () => editor.byTestId('mapping-mode-select').locator('input').first();
			// The field list loads first ("Fetching patient fields"), then the mode and the column to match on show.
			await editor.page.getByText('Patient field to match on').waitFor({ timeout: 30_000 });
			expect(await mappingMode().inputValue()).toBe('Map Automatically');
			await editor.shot('mapper-auto');
			await editor.byTestId('node-execute-button').click();
			const output = editor.byTestId('output-panel');
			await output.getByText('Maya').first().waitFor({ timeout: 60_000 });
			await editor.shot('mapper-auto-ran');
			expect(apiRequestsSince(before).filter((r) => r.method === 'PUT')).toHaveLength(4);
			await editor.closeNode();

			// Map Each Column Manually on the lab results: every field listed with its type; the required ones
			// left empty are flagged.
			await editor.openNode('Record Lab Results');
			await editor.page.getByText('Mapping Column Mode').waitFor({ timeout: 30_000 });
			await mappingMode().click();
			await editor.page.getByText('Map Each Column Manually').first().click();
			const fields = editor.byTestId('mapping-fields-container');
			await fields.waitFor();
			for (const label of ['Patient MRN', 'Metric Type', 'Value', 'Unit', 'Occurred At'])
				await fields.getByText(label, { exact: true }).first().waitFor();
			await editor.shot('mapper-manual-fields');
			await editor.closeNode();
			await editor.page.waitForTimeout(1000);
			await editor.shot('mapper-required-empty');
			expect(
				await editor.page
					.locator('[data-test-id="canvas-node"][data-node-name="Record Lab Results"]')
					.locator('[data-test-id="node-issues"]')
					.count(),
			).toBe(1);
		},
	);
});
