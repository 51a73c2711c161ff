/**
 * The sandbox against its own oracle: real HTTP (axios) to an in-process server; every operation of the spec
 * answered with its declared status and a body that validates against the spec's response schema.
 */
import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import * as http from 'node:http';
import { loadSpec, startSandbox, type Sandbox } from './index';

const JSONAPI = 'application/vnd.api+json';
const agent = new http.Agent({ keepAlive: true });

function client(sb: Sandbox) {
	let token = '';
	const call = async (
		method: string,
		path: string,
		{ body, noAuth, ...config }: AxiosRequestConfig & { body?: unknown; noAuth?: boolean } = {},
	): Promise<AxiosResponse> => {
		const url = /^https?:/.test(path) ? path : sb.baseUrl + path;
		return axios.request({
			method,
			url,
			data: body,
			httpAgent: agent,
			validateStatus: () => true,
			...config,
			headers: {
				...(body !== undefined ? { 'Content-Type': JSONAPI } : {}),
				...(noAuth || !token ? {} : { Authorization: `Bearer ${token}` }),
				...(config.headers as Record<string, string>),
			},
		});
	};
	return {
		call,
		get: (path: string, params?: Record<string, string | number>) => call('GET', path, { params }),
		async login(): Promise<AxiosResponse> {
			const res = await call('POST', '/oauth/token', {
				noAuth: true,
				body: {
					data: {
						type: 'token',
						attributes: {
							grant_type: 'client_credentials',
							client_id: sb.clientId,
							client_secret: sb.clientSecret,
						},
					},
				},
			});
			token = res.data.data.attributes.access_token;
			return res;
		},
		set token(value: string) {
			token = value;
		},
	};
}

const spec = loadSpec();
const ops = new Map(spec.operations.map((o) => [o.operationId, o]));

describe('sandbox', () => {
	let sb: Sandbox;
	let api: ReturnType<typeof client>;
	let tokenId: string;

	beforeAll(async () => {
		sb = await startSandbox({ validateResponses: true });
		api = client(sb);
		tokenId = (await api.login()).data.data.id;
	});
	afterAll(() => sb.close());

	function expectConforms(operationId: string, res: AxiosResponse) {
		const op = ops.get(operationId)!;
		expect({
			operationId,
			status: res.status,
			errors: res.status >= 400 ? res.data : undefined,
		}).toEqual({
			operationId,
			status: op.successStatus,
			errors: undefined,
		});
		expect(sb.validator.validateResponse(op, res.status, res.data)).toEqual([]);
		expect(res.headers['content-type']).toContain(JSONAPI);
	}

	describe('token', () => {
		const attrs = () => ({
			grant_type: 'client_credentials',
			client_id: sb.clientId,
			client_secret: sb.clientSecret,
		});

		test('JSON:API body → 201 token resource', async () => {
			const res = await api.call('POST', '/oauth/token?include=groups,organization', {
				noAuth: true,
				body: { data: { type: 'token', attributes: attrs() } },
			});
			expectConforms('createToken', res);
			const t = res.data.data;
			expect(t.type).toBe('token');
			expect(t.attributes).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
			expect(t.relationships.organization.data).toEqual({
				type: 'organization',
				id: sb.ids.organization,
			});
			expect(t.relationships.groups.data).toHaveLength(sb.ids.groups.length);
			expect(res.data.included.length).toBe(sb.ids.groups.length); // the schema allows groups only
		});

		test('flat application/json body → 201, and the token works', async () => {
			const res = await api.call('POST', '/oauth/token', {
				noAuth: true,
				body: attrs(),
				headers: { 'Content-Type': 'application/json' },
			});
			expectConforms('createToken', res);
			const other = client(sb);
			other.token = res.data.data.attributes.access_token;
			expect((await other.get(`/organization/${sb.ids.organization}`)).status).toBe(200);
		});

		test('refresh_token grant', async () => {
			const first = await api.call('POST', '/oauth/token', {
				noAuth: true,
				body: attrs(),
				headers: { 'Content-Type': 'application/json' },
			});
			const res = await api.call('POST', '/oauth/token', {
				noAuth: true,
				body: {
					grant_type: 'refresh_token',
					client_id: sb.clientId,
					refresh_token: first.data.data.attributes.refresh_token,
				},
				headers: { 'Content-Type': 'application/json' },
			});
			expectConforms('createToken', res);
			expect(res.data.data.attributes.access_token).not.toBe(
				first.data.data.attributes.access_token,
			);
		});

		test('refresh grants are counted by type; a revoked refresh token is refused, client credentials still work', async () => {
			sb.resetLog();
			const first = await api.login();
			const refresh = {
				data: {
					type: 'token',
					attributes: {
						grant_type: 'refresh_token',
						client_id: sb.clientId,
						refresh_token: first.data.data.attributes.refresh_token,
					},
				},
			};
			expect((await api.call('POST', '/oauth/token', { noAuth: true, body: refresh })).status).toBe(
				201,
			);
			sb.revokeRefreshTokens();
			const refused = await api.call('POST', '/oauth/token', { noAuth: true, body: refresh });
			expect(refused.status).toBe(401);
			expect(refused.data.errors[0].code).toBe('InvalidCredentials');
			// The access token issued before stays valid.
			expect((await api.get(`/organization/${sb.ids.organization}`)).status).toBe(200);
			expect(sb.tokenGrants()).toEqual(['client_credentials', 'refresh_token']);
			await api.login();
			expect(sb.tokenGrants()).toEqual([
				'client_credentials',
				'refresh_token',
				'client_credentials',
			]);
			expect(sb.tokenExchanges()).toBe(3);
		});

		test('text/plain → 403 Forbidden, not a violation', async () => {
			const before = sb.violations.length;
			const res = await api.call('POST', '/oauth/token', {
				noAuth: true,
				data: JSON.stringify(attrs()),
				headers: { 'Content-Type': 'text/plain' },
			});
			expect(res.status).toBe(403);
			expect(res.data.errors[0].code).toBe('Forbidden');
			expect(sb.validator.validateResponse(ops.get('createToken')!, 403, res.data)).toEqual([]);
			expect(sb.violations.length).toBe(before);
		});

		test('wrong secret → 401 InvalidCredentials, secret never echoed nor logged', async () => {
			const res = await api.call('POST', '/oauth/token', {
				noAuth: true,
				body: {
					data: { type: 'token', attributes: { ...attrs(), client_secret: 'not-the-secret-xyz' } },
				},
			});
			expect(res.status).toBe(401);
			expect(res.data.errors[0]).toMatchObject({
				status: '401',
				code: 'InvalidCredentials',
				detail: 'invalid client credentials',
			});
			expect(JSON.stringify(res.data)).not.toContain('not-the-secret-xyz');
			expect(JSON.stringify(sb.requests)).not.toContain('not-the-secret-xyz');
			expect(JSON.stringify(sb.requests)).not.toContain(sb.clientSecret);
		});

		test('unknown grant type → InvalidGrantType', async () => {
			const res = await api.call('POST', '/oauth/token', {
				noAuth: true,
				body: { data: { type: 'token', attributes: { ...attrs(), grant_type: 'password' } } },
			});
			expect(res.status).toBe(409);
			expect(res.data.errors[0].code).toBe('InvalidGrantType');
		});

		test('401 without a token, with a bad one, after revoke and after expiry; exchanges counted', async () => {
			const res = await api.call('GET', `/organization/${sb.ids.organization}`, { noAuth: true });
			expect(res.status).toBe(401);
			expect(res.data.errors[0].code).toBe('Unauthorized');
			expect(res.data.meta.req_id).toEqual(expect.any(String));
			const other = client(sb);
			other.token = 'nope';
			expect((await other.get(`/organization/${sb.ids.organization}`)).status).toBe(401);

			const fresh = client(sb);
			const exchanges = sb.tokenExchanges();
			await fresh.login();
			expect(sb.tokenExchanges()).toBe(exchanges + 1);
			sb.expireTokens();
			expect((await fresh.get(`/organization/${sb.ids.organization}`)).status).toBe(401);
			await fresh.login();
			sb.revokeTokens();
			expect((await fresh.get(`/organization/${sb.ids.organization}`)).status).toBe(401);
			await api.login();
			tokenId = (await api.login()).data.data.id;
		});

		test('tokens expire for real after tokenLifetimeSeconds', async () => {
			const short = await startSandbox({ tokenLifetimeSeconds: 1, sizes: { patients: 2 } });
			try {
				const c = client(short);
				const t = await c.login();
				expect(t.data.data.attributes.expires_in).toBe(1);
				expect((await c.get(`/organization/${short.ids.organization}`)).status).toBe(200);
				await new Promise((r) => setTimeout(r, 1100));
				expect((await c.get(`/organization/${short.ids.organization}`)).status).toBe(401);
			} finally {
				await short.close();
			}
		});
	});

	describe('every operation of the spec', () => {
		const now = '2026-03-01T10:00:00.000Z';
		type Call = { method: string; path: string; params?: Record<string, string>; body?: unknown };
		// One valid request per operationId, built from the seed (and fresh inserts where the API allows one per).
		const table: Record<string, (sb: Sandbox) => Call> = {
			createToken: (s) => ({
				method: 'POST',
				path: '/oauth/token',
				body: {
					data: {
						type: 'token',
						attributes: {
							grant_type: 'client_credentials',
							client_id: s.clientId,
							client_secret: s.clientSecret,
						},
					},
				},
			}),
			fetchTokenGroups: () => ({ method: 'GET', path: `/oauth/token/${tokenId}/groups` }),
			fetchTokenOrganization: () => ({
				method: 'GET',
				path: `/oauth/token/${tokenId}/organization`,
			}),
			fetchOrganization: (s) => ({ method: 'GET', path: `/organization/${s.ids.organization}` }),
			createGroup: () => ({
				method: 'POST',
				path: '/group',
				body: {
					data: {
						type: 'group',
						attributes: { name: 'Lipid Clinic', bio: 'Cholesterol management' },
					},
				},
			}),
			fetchGroups: (s) => ({
				method: 'GET',
				path: '/group',
				params: { 'filter[organization]': s.ids.organization },
			}),
			fetchGroup: (s) => ({ method: 'GET', path: `/group/${s.ids.groups[0]}` }),
			fetchCoaches: (s) => ({
				method: 'GET',
				path: '/coach',
				params: { 'filter[organization]': s.ids.organization },
			}),
			fetchCoach: (s) => ({ method: 'GET', path: `/coach/${s.ids.coaches[0]}` }),
			createRewardProgram: (s) => ({
				method: 'POST',
				path: '/reward_program',
				body: {
					data: {
						type: 'reward_program',
						attributes: {
							name: 'Spring Steps',
							start_at: now,
							end_at: '2026-09-01T00:00:00Z',
							budget_value: 150,
						},
						relationships: { group: { data: { type: 'group', id: s.ids.groups[1] } } },
					},
				},
			}),
			fetchRewardPrograms: (s) => ({
				method: 'GET',
				path: '/reward_program',
				params: { 'filter[groups]': s.ids.groups.join(',') },
			}),
			fetchRewardProgram: (s) => ({
				method: 'GET',
				path: `/reward_program/${s.ids.rewardPrograms[0]}`,
			}),
			fetchRewardProgramGroup: (s) => ({
				method: 'GET',
				path: `/reward_program/${s.ids.rewardPrograms[0]}/group`,
			}),
			createAction: (s) => ({
				method: 'POST',
				path: '/action',
				body: {
					data: {
						type: 'action',
						attributes: { type: 'other_lifestyle', title: 'Walk 20 minutes', effective_from: now },
						relationships: {
							plan: { data: { type: 'patient_plan_summary', id: s.ids.patientPlanSummaries[0] } },
						},
					},
				},
			}),
			fetchAction: (s) => ({ method: 'GET', path: `/action/${s.ids.actions[0]}` }),
			updateAction: (s) => ({
				method: 'PATCH',
				path: `/action/${s.ids.actions[0]}`,
				body: {
					data: {
						type: 'action',
						id: s.ids.actions[0],
						attributes: { type: 'other_lifestyle', title: 'Walk 30 minutes', effective_from: now },
					},
				},
			}),
			createBundle: (s) => ({
				method: 'POST',
				path: '/bundle',
				body: {
					data: {
						type: 'bundle',
						attributes: { type: 'other_lifestyle', title: 'Active Living', effective_from: now },
						relationships: {
							plan: { data: { type: 'patient_plan_summary', id: s.ids.patientPlanSummaries[0] } },
							actions: { data: { type: 'action', id: s.ids.actions[0] } },
						},
					},
				},
			}),
			fetchBundle: (s) => ({ method: 'GET', path: `/bundle/${s.ids.bundles[0]}` }),
			updateBundle: (s) => ({
				method: 'PATCH',
				path: `/bundle/${s.ids.bundles[0]}`,
				body: {
					data: {
						type: 'bundle',
						id: s.ids.bundles[0],
						attributes: { type: 'other_lifestyle', title: 'Renamed', effective_from: now },
					},
				},
			}),
			createCalendarEvent: (s) => ({
				method: 'POST',
				path: '/calendar_event',
				body: {
					data: {
						type: 'calendar_event',
						attributes: {
							type: 'plan-check-in',
							time_zone: 'America/New_York',
							all_day: true,
							start_at: '2026-04-01T00:00:00Z',
							title: 'Plan Check-In',
							attendees: [{ user: s.ids.patients[0] }, { user: s.ids.coaches[0] }],
						},
						relationships: { owner: { data: { type: 'patient', id: s.ids.patients[0] } } },
					},
				},
			}),
			fetchCalendarEvents: (s) => ({
				method: 'GET',
				path: '/calendar_event',
				params: { 'filter[organization]': s.ids.organization, include: 'owner' },
			}),
			fetchCalendarEvent: (s) => ({
				method: 'GET',
				path: `/calendar_event/${s.ids.calendarEvents[0]}`,
			}),
			updateCalendarEvent: (s) => ({
				method: 'PATCH',
				path: `/calendar_event/${s.ids.calendarEvents[1]}`,
				body: {
					data: {
						type: 'calendar_event',
						id: s.ids.calendarEvents[1],
						attributes: {
							type: 'telephone-call',
							all_day: false,
							start_at: '2026-04-02T14:00:00Z',
							end_at: '2026-04-02T14:30:00Z',
							completed_at: now,
							completed_by: { type: 'coach', id: s.ids.coaches[0] },
						},
					},
				},
			}),
			deleteCalendarEvent: (s) => {
				const id = s.insert('calendar_event').id;
				return { method: 'DELETE', path: `/calendar_event/${id}` };
			},
			createCalendarEventResponse: (s) => {
				const event = s.get('calendar_event', s.ids.calendarEvents[2])!;
				const user = (event.attributes.attendees as Array<{ user: string }>)[0].user;
				return {
					method: 'POST',
					path: '/calendar_event_response',
					body: {
						data: {
							type: 'calendar_event_response',
							attributes: { attendee: { user }, response_status: 'declined' },
							relationships: { calendar_event: { data: { type: 'calendar_event', id: event.id } } },
						},
					},
				};
			},
			fetchEmailHistories: (s) => {
				const email = s.get('email_history', s.ids.emailHistories[0])!;
				const receiver = (email.relationships!.receiver as { data: { id: string } }).data.id;
				return {
					method: 'GET',
					path: '/email_history',
					params: { 'filter[receiver]': receiver, sort: '-send_time' },
				};
			},
			fetchEmailHistory: (s) => ({
				method: 'GET',
				path: `/email_history/${s.ids.emailHistories[0]}`,
			}),
			fetchHealthProfiles: (s) => ({
				method: 'GET',
				path: '/health_profile',
				params: { 'filter[organization]': s.ids.organization, include: 'patient,questions' },
			}),
			fetchHealthProfile: (s) => ({
				method: 'GET',
				path: `/health_profile/${s.ids.healthProfiles[0]}`,
				params: { include: 'questions' },
			}),
			fetchHealthProfileQuestions: (s) => ({
				method: 'GET',
				path: '/health_profile_question',
				params: { 'filter[groups]': s.ids.groups.join(','), include: 'question_definition,answer' },
			}),
			fetchHealthProfileQuestion: (s) => ({
				method: 'GET',
				path: `/health_profile_question/${s.ids.healthProfileQuestions[0]}`,
				params: { include: 'answer' },
			}),
			fetchHealthProfileAnswers: (s) => ({
				method: 'GET',
				path: '/health_profile_answer',
				params: { 'filter[organization]': s.ids.organization, include: 'patient' },
			}),
			fetchHealthProfileAnswer: (s) => ({
				method: 'GET',
				path: `/health_profile_answer/${s.ids.healthProfileAnswers[0]}`,
				params: { include: 'patient' },
			}),
			fetchHealthQuestionDefinitions: () => ({
				method: 'GET',
				path: '/health_question_definition',
			}),
			fetchHealthQuestionDefinition: (s) => ({
				method: 'GET',
				path: `/health_question_definition/${s.ids.healthQuestionDefinitions[0]}`,
			}),
			createPatientHealthMetric: (s) => ({
				method: 'POST',
				path: '/patient_health_metric',
				body: {
					data: {
						type: 'patient_health_metric',
						attributes: {
							type: 'weight',
							value: 182.4,
							unit: 'lb',
							occurred_at: now,
							code: { system: 'http://loinc.org', value: '29463-7' },
						},
						relationships: { patient: { data: { type: 'patient', id: s.ids.patients[0] } } },
					},
				},
			}),
			fetchPatientHealthMetrics: (s) => ({
				method: 'GET',
				path: '/patient_health_metric',
				params: { 'filter[organization]': s.ids.organization },
			}),
			fetchPatientHealthMetric: (s) => ({
				method: 'GET',
				path: `/patient_health_metric/${s.ids.patientHealthMetrics[0]}`,
			}),
			createPatient: (s) => ({
				method: 'POST',
				path: '/patient',
				body: {
					data: {
						type: 'patient',
						attributes: {
							first_name: 'Jack',
							last_name: 'Frost',
							identifiers: [{ system: 'https://emr.example.org/mrn', value: 'MRN-NEW-1' }],
						},
						relationships: { groups: { data: [{ type: 'group', id: s.ids.groups[0] }] } },
					},
				},
			}),
			fetchPatients: (s) => ({
				method: 'GET',
				path: '/patient',
				params: { 'filter[organization]': s.ids.organization },
			}),
			upsertPatient: (s) => ({
				method: 'PUT',
				path: '/patient',
				body: {
					meta: {
						query: {
							identifier: { system: 'https://emr.example.org/mrn', value: 'MRN-000002' },
							groups: s.ids.groups,
						},
					},
					data: { type: 'patient', attributes: { first_name: 'Upserted' } },
				},
			}),
			fetchPatient: (s) => ({ method: 'GET', path: `/patient/${s.ids.patients[0]}` }),
			updatePatient: (s) => ({
				method: 'PATCH',
				path: `/patient/${s.ids.patients[3]}`,
				body: {
					data: {
						type: 'patient',
						id: s.ids.patients[3],
						attributes: { note: 'Prefers morning calls' },
					},
				},
			}),
			fetchPatientGroups: (s) => ({ method: 'GET', path: `/patient/${s.ids.patients[0]}/groups` }),
			fetchPatientCoaches: (s) => ({
				method: 'GET',
				path: `/patient/${s.ids.patients[0]}/coaches`,
			}),
			fetchPatientPlanSummaries: (s) => ({
				method: 'GET',
				path: '/patient_plan_summary',
				params: {
					'filter[organization]': s.ids.organization,
					include: 'actions,bundles,patient,current_results',
				},
			}),
			fetchPatientPlanSummary: (s) => ({
				method: 'GET',
				path: `/patient_plan_summary/${s.ids.patientPlanSummaries[0]}`,
				params: { include: 'actions' },
			}),
			updatePatientPlanSummary: (s) => ({
				method: 'PATCH',
				path: `/patient_plan_summary/${s.ids.patientPlanSummaries[0]}`,
				body: {
					data: {
						type: 'patient_plan_summary',
						id: s.ids.patientPlanSummaries[0],
						attributes: { time_zone: 'America/Chicago' },
					},
				},
			}),
			fetchPatientHealthResults: (s) => {
				const patient = (
					s.get('result', s.ids.results[0])!.relationships!.patient as { data: { id: string } }
				).data.id;
				return { method: 'GET', path: '/result', params: { 'filter[patient]': patient } };
			},
			fetchPatientHealthResult: (s) => ({ method: 'GET', path: `/result/${s.ids.results[0]}` }),
			createReward: (s) => ({
				method: 'POST',
				path: '/reward',
				body: {
					data: {
						type: 'reward',
						attributes: {
							description: 'Log weight 5 days',
							allocated_value: 10,
							allocated_at: now,
						},
						relationships: {
							reward_program_activation: {
								data: { type: 'reward_program_activation', id: s.ids.rewardProgramActivations[0] },
							},
						},
					},
				},
			}),
			fetchRewards: (s) => ({
				method: 'GET',
				path: '/reward',
				params: { 'filter[organization]': s.ids.organization },
			}),
			fetchReward: (s) => ({ method: 'GET', path: `/reward/${s.ids.rewards[0]}` }),
			createRewardEarning: (s) => {
				const reward = s.insert(
					'reward',
					{},
					{
						reward_program_activation: {
							data: { type: 'reward_program_activation', id: s.ids.rewardProgramActivations[1] },
						},
					},
				);
				return {
					method: 'POST',
					path: '/reward_earning',
					body: {
						data: {
							type: 'reward_earning',
							attributes: { earned_value: 10, earned_at: now },
							relationships: { reward: { data: { type: 'reward', id: reward.id } } },
						},
					},
				};
			},
			fetchRewardEarnings: (s) => {
				const e = s.get('reward_earning', s.ids.rewardEarnings[0])!;
				const patient = (e.relationships!.patient as { data: { id: string } }).data.id;
				return {
					method: 'GET',
					path: '/reward_earning',
					params: { 'filter[groups]': s.ids.groups.join(','), 'filter[patient]': patient },
				};
			},
			fetchRewardEarning: (s) => ({
				method: 'GET',
				path: `/reward_earning/${s.ids.rewardEarnings[0]}`,
			}),
			createRewardEarningFulfillment: (s) => {
				const reward = s.insert(
					'reward',
					{},
					{
						reward_program_activation: {
							data: { type: 'reward_program_activation', id: s.ids.rewardProgramActivations[2] },
						},
					},
				);
				const earning = s.insert(
					'reward_earning',
					{},
					{ reward: { data: { type: 'reward', id: reward.id } } },
				);
				return {
					method: 'POST',
					path: '/reward_earning_fulfillment',
					body: {
						data: {
							type: 'reward_earning_fulfillment',
							attributes: { fulfilled_value: 10, fulfilled_at: now },
							relationships: {
								reward_earning: { data: { type: 'reward_earning', id: earning.id } },
							},
						},
					},
				};
			},
			fetchRewardEarningFulfillments: (s) => {
				const f = s.get('reward_earning_fulfillment', s.ids.rewardEarningFulfillments[0])!;
				return {
					method: 'GET',
					path: '/reward_earning_fulfillment',
					params: {
						'filter[patient]': (f.relationships!.patient as { data: { id: string } }).data.id,
					},
				};
			},
			fetchRewardEarningFulfillment: (s) => ({
				method: 'GET',
				path: `/reward_earning_fulfillment/${s.ids.rewardEarningFulfillments[0]}`,
			}),
			createRewardProgramActivation: (s) => {
				const patient = s.insert('patient');
				return {
					method: 'POST',
					path: '/reward_program_activation',
					body: {
						data: {
							type: 'reward_program_activation',
							attributes: { activated_at: now },
							relationships: {
								patient: { data: { type: 'patient', id: patient.id } },
								reward_program: { data: { type: 'reward_program', id: s.ids.rewardPrograms[0] } },
							},
						},
					},
				};
			},
			fetchRewardProgramActivations: (s) => ({
				method: 'GET',
				path: '/reward_program_activation',
				params: { 'filter[organization]': s.ids.organization },
			}),
			fetchRewardProgramActivation: (s) => ({
				method: 'GET',
				path: `/reward_program_activation/${s.ids.rewardProgramActivations[0]}`,
			}),
		};

		test('the table covers all 62 operations of the spec', () => {
			expect(spec.operations).toHaveLength(62);
			expect(Object.keys(table).sort()).toEqual([...ops.keys()].sort());
		});

		test.each([...ops.keys()].sort())('%s', async (operationId) => {
			const c = table[operationId](sb);
			const op = ops.get(operationId)!;
			expect(c.method).toBe(op.method);
			const res = await api.call(c.method, c.path, { params: c.params, body: c.body });
			expectConforms(operationId, res);
			expect(sb.requests[sb.requests.length - 1].operationId).toBe(operationId);
			expect(sb.violations).toEqual([]);
		});
	});

	describe('reads and writes behave', () => {
		test('404 ResourceNotFound for unknown and malformed ids', async () => {
			for (const id of ['ffffffffffffffffffffffff', 'not-an-id']) {
				const res = await api.get(`/patient/${id}`);
				expect(res.status).toBe(404);
				expect(res.data.errors[0].code).toBe('ResourceNotFound');
				expect(sb.validator.validateResponse(ops.get('fetchPatient')!, 404, res.data)).toEqual([
					`status 404 is not declared by fetchPatient`,
				]);
			}
		});

		test('POST then GET returns the stored record, ids ascend, PATCH touches only given attributes', async () => {
			const created = await api.call('POST', '/patient', {
				body: {
					data: {
						type: 'patient',
						attributes: { first_name: 'Ada', last_name: 'Lovelace', gender: 'female' },
						relationships: { groups: { data: [{ type: 'group', id: sb.ids.groups[1] }] } },
					},
				},
			});
			expect(created.status).toBe(201);
			const id = created.data.data.id as string;
			expect(id > sb.ids.patients[sb.ids.patients.length - 1]).toBe(true);
			await api
				.call('PATCH', `/patient/${id}`, {
					body: {
						data: { type: 'patient', id, attributes: { last_name: 'King', archived: true } },
					},
				})
				.then((r) => {
					expect(r.status).toBe(200);
					expect(r.data.meta.ignored).toEqual(['data.attributes.archived']);
				});
			const got = await api.get(`/patient/${id}`);
			expect(got.data.data.attributes).toMatchObject({
				first_name: 'Ada',
				last_name: 'King',
				gender: 'female',
				archived: false,
			});
			expect(got.data.data.relationships.groups.data).toEqual([
				{ type: 'group', id: sb.ids.groups[1] },
			]);
		});

		test('bulk patient create: data as an array, answered in order; a bad element fails the whole request by its pointer', async () => {
			const group = sb.get('group', sb.ids.groups[0])!;
			const patient = (value: string, groups: unknown[]) => ({
				type: 'patient',
				attributes: { first_name: value, identifiers: [{ system: 'bulk-mrn', value }] },
				relationships: { groups: { data: groups } },
			});
			const byName = {
				type: 'group',
				meta: { query: { organization: sb.ids.organization, name: group.attributes.name } },
			};
			const before = sb.list('patient').length;
			const created = await api.call('POST', '/patient', {
				body: {
					data: [
						patient('B-1', [{ type: 'group', id: sb.ids.groups[1] }, byName]),
						patient('B-2', [byName]),
					],
				},
			});
			expect(created.status).toBe(201);
			expect(created.data.data.map((r: any) => r.attributes.first_name)).toEqual(['B-1', 'B-2']);
			expect(created.data.data[0].relationships.groups.data.map((g: any) => g.id)).toEqual([
				sb.ids.groups[1],
				group.id,
			]);
			expect(sb.validator.validateResponse(ops.get('createPatient')!, 201, created.data)).toEqual(
				[],
			);
			// A duplicate identifier inside the request, and one already stored: nothing is created.
			for (const data of [
				[patient('B-3', [byName]), patient('B-3', [byName])],
				[patient('B-4', [byName]), patient('B-1', [byName])],
			]) {
				const refused = await api.call('POST', '/patient', { body: { data } });
				expect(refused.status).toBe(409);
				expect(refused.data.errors[0].source.pointer).toBe('/data/1/attributes/identifiers/0');
			}
			expect(sb.list('patient').length).toBe(before + 2);
			// Each element is checked against the spec: relationships without groups is a violation.
			const violations = sb.violations.length;
			const invalid = await api.call('POST', '/patient', {
				body: { data: [patient('B-5', [byName]), { type: 'patient', relationships: {} }] },
			});
			expect(invalid.status).toBe(400);
			expect(sb.violations.length).toBe(violations + 1);
			expect(sb.violations.splice(violations)[0].messages.join(' ')).toMatch(/body\/data\/1/);
		});

		test('bulk create refused for several elements: one error per element by its pointer; nothing created, or with bulkCreatesOthers the others', async () => {
			const patient = sb.ids.patients[0];
			const metric = (minute: number, id = patient) => ({
				type: 'patient_health_metric',
				attributes: {
					type: 'heart_rate',
					value: 60,
					occurred_at: new Date(Date.UTC(2023, 0, 2, 0, minute)).toISOString(),
				},
				relationships: { patient: { data: { type: 'patient', id } } },
			});
			const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
			const data = [metric(1), metric(2, missing), metric(3), metric(4, missing)];
			const before = sb.list('patient_health_metric').length;
			const refused = await api.call('POST', '/patient_health_metric', { body: { data } });
			expect(refused.status).toBe(409);
			expect(refused.data.errors.map((e: any) => e.source.pointer)).toEqual([
				'/data/1/relationships/patient/data/id',
				'/data/3/relationships/patient/data/id',
			]);
			expect(sb.list('patient_health_metric').length).toBe(before);
			sb.injectFault({ method: 'POST', path: '/patient_health_metric', bulkCreatesOthers: true });
			expect((await api.call('POST', '/patient_health_metric', { body: { data } })).status).toBe(
				409,
			);
			expect(sb.list('patient_health_metric').length).toBe(before + 2);
			// Sent again with ignore_duplicates: the two already created are ignored, not created twice.
			const again = await api.call('POST', '/patient_health_metric', {
				body: { data: [metric(1), metric(3), metric(5)], meta: { ignore_duplicates: true } },
			});
			expect(again.status).toBe(200);
			expect(again.data.data.map((r: any) => r.attributes.occurred_at)).toEqual([
				metric(5).attributes.occurred_at,
			]);
			expect(again.data.meta.ignored).toEqual(['data.0', 'data.1']);
			expect(sb.list('patient_health_metric').length).toBe(before + 3);
			expect(
				sb.validator.validateResponse(ops.get('createPatientHealthMetric')!, 200, again.data),
			).toEqual([]);
			// A single create ignored as a duplicate answers with the record it duplicates.
			const single = await api.call('POST', '/patient_health_metric', {
				body: { data: metric(5), meta: { ignore_duplicates: true } },
			});
			expect(single.data.data.id).toBe(again.data.data[0].id);
			expect(single.data.meta.ignored).toEqual(['data']);
			expect(sb.list('patient_health_metric').length).toBe(before + 3);
		});

		test('bulk patient create with ignore_duplicates: a patient with a held identifier (stored or earlier in the request) is ignored', async () => {
			const group = { type: 'group', id: sb.ids.groups[0] };
			const patient = (value: string) => ({
				type: 'patient',
				attributes: { first_name: value, identifiers: [{ system: 'dup-mrn', value }] },
				relationships: { groups: { data: [group] } },
			});
			const first = await api.call('POST', '/patient', { body: { data: [patient('D-1')] } });
			expect(first.status).toBe(201);
			const before = sb.list('patient').length;
			const again = await api.call('POST', '/patient', {
				body: {
					data: [patient('D-1'), patient('D-2'), patient('D-2')],
					meta: { ignore_duplicates: true },
				},
			});
			expect(again.status).toBe(201);
			expect(again.data.data.map((r: any) => r.attributes.first_name)).toEqual(['D-2']);
			expect(again.data.meta.ignored).toEqual(['data.0', 'data.2']);
			expect(sb.list('patient').length).toBe(before + 1);
		});

		test('meta.query relationships: group by organization+name, patient by identifier; 409 when not found', async () => {
			const group = sb.get('group', sb.ids.groups[0])!;
			const p = await api.call('POST', '/patient', {
				body: {
					data: {
						type: 'patient',
						attributes: {
							first_name: 'Query',
							identifiers: [{ system: 'https://emr.example.org/mrn', value: 'MRN-Q-1' }],
						},
						relationships: {
							groups: {
								data: [
									{
										type: 'group',
										meta: {
											query: { organization: sb.ids.organization, name: group.attributes.name },
										},
									},
								],
							},
						},
					},
				},
			});
			expect(p.status).toBe(201);
			expect(p.data.data.relationships.groups.data[0].id).toBe(group.id);

			const metric = (value: string) => ({
				type: 'patient_health_metric',
				attributes: {
					type: 'heart_rate',
					value: 72,
					unit: 'bpm',
					occurred_at: '2026-03-01T08:00:00Z',
				},
				relationships: {
					patient: {
						data: {
							type: 'patient',
							meta: {
								query: {
									identifier: { system: 'https://emr.example.org/mrn', value },
									organization: sb.ids.organization,
								},
							},
						},
					},
				},
			});
			const many = await api.call('POST', '/patient_health_metric', {
				body: { data: [metric('MRN-Q-1'), metric('MRN-Q-1')] },
			});
			expect(many.status).toBe(200);
			expect(many.data.data).toHaveLength(2);
			expect(many.data.data[0].relationships.patient.data.id).toBe(p.data.data.id);
			expect(
				sb.validator.validateResponse(ops.get('createPatientHealthMetric')!, 200, {
					...many.data,
					data: many.data.data[0],
				}),
			).toEqual([]);

			const missing = await api.call('POST', '/patient_health_metric', {
				body: { data: [metric('MRN-Q-1'), metric('MRN-NOPE')] },
			});
			expect(missing.status).toBe(409);
			expect(missing.data.errors[0]).toMatchObject({
				code: 'InvalidBodyParameter',
				source: { pointer: '/data/1/relationships/patient/data/meta/query' },
			});

			const badGroup = await api.call('POST', '/patient', {
				body: {
					data: {
						type: 'patient',
						attributes: {},
						relationships: {
							groups: {
								data: [
									{
										type: 'group',
										meta: { query: { organization: sb.ids.organization, name: 'No Such Group' } },
									},
								],
							},
						},
					},
				},
			});
			expect(badGroup.status).toBe(409);
			expect(badGroup.data.errors[0].source.pointer).toBe(
				'/data/relationships/groups/data/0/meta/query',
			);
		});

		test('upsert updates by identifier, else creates', async () => {
			const query = (value: string) => ({
				identifier: { system: 'https://emr.example.org/mrn', value },
				groups: [sb.ids.groups[0]],
			});
			const created = await api.call('PUT', '/patient', {
				body: {
					meta: { query: query('MRN-UPSERT') },
					data: { type: 'patient', attributes: { first_name: 'Una' } },
				},
			});
			expect(created.status).toBe(200);
			const again = await api.call('PUT', '/patient', {
				body: {
					meta: { query: query('MRN-UPSERT') },
					data: { type: 'patient', attributes: { first_name: 'Uma' } },
				},
			});
			expect(again.data.data.id).toBe(created.data.data.id);
			expect(again.data.data.attributes.first_name).toBe('Uma');
		});

		test('one earning per reward, plan-check-in rules, DELETE', async () => {
			const earning = sb.get('reward_earning', sb.ids.rewardEarnings[0])!;
			const reward = (earning.relationships!.reward as { data: { id: string } }).data.id;
			const dup = await api.call('POST', '/reward_earning', {
				body: {
					data: {
						type: 'reward_earning',
						attributes: { earned_value: 1, earned_at: '2026-01-01T00:00:00Z' },
						relationships: { reward: { data: { type: 'reward', id: reward } } },
					},
				},
			});
			expect(dup.status).toBe(409);
			const bad = await api.call('POST', '/calendar_event', {
				body: {
					data: {
						type: 'calendar_event',
						attributes: {
							type: 'plan-check-in',
							all_day: false,
							start_at: '2026-04-01T00:00:00Z',
							title: 'x',
							attendees: [],
						},
						relationships: { owner: { data: { type: 'patient', id: sb.ids.patients[0] } } },
					},
				},
			});
			expect(bad.status).toBe(409);
			expect(bad.data.errors[0].source.pointer).toBe('/data/attributes/all_day');
			const id = sb.insert('calendar_event').id;
			expect((await api.call('DELETE', `/calendar_event/${id}`)).status).toBe(200);
			expect((await api.get(`/calendar_event/${id}`)).status).toBe(404);
		});

		test('a calendar event response updates the attendee status', async () => {
			const event = sb.get('calendar_event', sb.ids.calendarEvents[5])!;
			const user = (event.attributes.attendees as Array<{ user: string }>)[0].user;
			const res = await api.call('POST', '/calendar_event_response', {
				body: {
					data: {
						type: 'calendar_event_response',
						attributes: { attendee: { user }, response_status: 'tentative' },
						relationships: { calendar_event: { data: { type: 'calendar_event', id: event.id } } },
					},
				},
			});
			expect(res.status).toBe(201);
			const after = sb.get('calendar_event', event.id)!;
			expect(
				(after.attributes.attendees as Array<{ user: string; response_status: string }>).find(
					(a) => a.user === user,
				)!.response_status,
			).toBe('tentative');
		});
	});

	describe('paging', () => {
		const org = () => ({ 'filter[organization]': sb.ids.organization });

		test('skip paging: defaults, links, every record once', async () => {
			const first = await api.get('/patient', org());
			const total = first.data.meta.count;
			expect(first.data.data).toHaveLength(10);
			expect(first.data.links.first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pub\/patient\?/);
			expect(first.data.links.prev).toBeUndefined();
			const seen: string[] = [];
			let url: string | undefined =
				`/patient?filter[organization]=${sb.ids.organization}&page[size]=7`;
			while (url) {
				const res = await api.get(url);
				expect(res.status).toBe(200);
				seen.push(...res.data.data.map((r: { id: string }) => r.id));
				url = res.data.links.next;
			}
			expect(seen).toHaveLength(total);
			expect(new Set(seen).size).toBe(total);
			const last = await api.get('/patient', {
				...org(),
				'page[size]': 7,
				'page[number]': Math.ceil(total / 7),
			});
			expect(last.data.links.next).toBeUndefined();
			expect(last.data.links.prev).toContain('page[number]=');
		});

		test('cursor paging: page[after] and page[cursor], next link keeps filters, each record once, in id order', async () => {
			const all = sb.list('patient').map((r) => r.id);
			const seen: string[] = [];
			let url: string | undefined =
				`/patient?filter[organization]=${sb.ids.organization}&page[limit]=9`;
			let pages = 0;
			while (url) {
				const res = await api.get(url);
				expect(res.status).toBe(200);
				expect(res.data.meta.count).toBe(all.length);
				seen.push(...res.data.data.map((r: { id: string }) => r.id));
				url = res.data.links.next;
				if (url) {
					expect(url).toContain(`filter[organization]=${sb.ids.organization}`);
					expect(url).toContain('page[limit]=9');
					expect(url).toContain('page[cursor]='); // the name /patient declares
				}
				pages++;
			}
			expect(pages).toBe(Math.ceil(all.length / 9));
			expect(seen).toEqual(all);
			const after = await api.get('/patient', {
				...org(),
				'page[limit]': 5,
				'page[after]': all[2],
			});
			expect(after.data.data.map((r: { id: string }) => r.id)).toEqual(all.slice(3, 8));
			// /result declares page[after]; undeclared collections (reward) take either.
			const patient = (
				sb.get('result', sb.ids.results[0])!.relationships!.patient as { data: { id: string } }
			).data.id;
			const results = await api.get('/result', { 'filter[patient]': patient, 'page[limit]': 1 });
			if (results.data.meta.count > 1) expect(results.data.links.next).toContain('page[after]=');
			const rewards = await api.get('/reward', {
				...org(),
				'page[limit]': 2,
				'page[cursor]': sb.ids.rewards[0],
			});
			expect(rewards.status).toBe(200);
			expect(rewards.data.data[0].id).toBe(sb.ids.rewards[1]);
			expect(rewards.data.links.next).toContain('page[after]=');
		});

		test('relative links', async () => {
			const rel = await startSandbox({ linkStyle: 'relative', sizes: { patients: 12 } });
			try {
				const c = client(rel);
				await c.login();
				const res = await c.get('/patient', {
					'filter[organization]': rel.ids.organization,
					'page[limit]': 5,
				});
				expect(res.data.links.next).toMatch(/^\/pub\/patient\?/);
				expect(res.data.data[0].links.self).toMatch(/^\/pub\/patient\//);
				const next = await c.call('GET', rel.url + res.data.links.next);
				expect(next.data.data).toHaveLength(5);
			} finally {
				await rel.close();
			}
		});

		test('count only, caps, mixing, bad cursor, spec maximum', async () => {
			const zero = await api.get('/patient', { ...org(), 'page[limit]': 0 });
			expect(zero.data.data).toEqual([]);
			expect(zero.data.meta.count).toBeGreaterThan(0);
			expect((await api.get('/patient', { ...org(), 'page[size]': 0 })).data.data).toEqual([]);
			// Undeclared on /coach: capped at maxPageSize (50), no error.
			const many = await startSandbox({ sizes: { coaches: 80, patients: 1 } });
			try {
				const c = client(many);
				await c.login();
				const capped = await c.get('/coach', {
					'filter[organization]': many.ids.organization,
					'page[size]': 500,
				});
				expect(capped.status).toBe(200);
				expect(capped.data.data).toHaveLength(50);
				expect(
					(
						await c.get('/coach', {
							'filter[organization]': many.ids.organization,
							'page[limit]': 75,
						})
					).data.data,
				).toHaveLength(50);
			} finally {
				await many.close();
			}
			const mixed = await api.get('/patient', { ...org(), 'page[size]': 5, 'page[limit]': 5 });
			expect(mixed.status).toBe(409);
			expect(mixed.data.errors[0]).toMatchObject({
				code: 'InvalidParameter',
				source: { parameter: 'page[limit]' },
			});
			const badCursor = await api.get('/patient', {
				...org(),
				'page[limit]': 5,
				'page[cursor]': 'xyz',
			});
			expect(badCursor.status).toBe(409);
			// /patient declares page[size] maximum 50: 51 breaks the spec.
			const over = await api.get('/patient', { ...org(), 'page[size]': 51 });
			expect(over.status).toBe(400);
			expect(over.data.errors[0].code).toBe('SpecViolation');
			sb.violations.length = 0;
		});
	});

	describe('filters and include', () => {
		test('comma lists, identifier, booleans, ranges; 409 for bad values', async () => {
			const byGroup = await api.get('/patient', {
				'filter[groups]': `${sb.ids.groups[0]},${sb.ids.groups[1]}`,
				'page[size]': 50,
			});
			expect(byGroup.status).toBe(200);
			for (const p of byGroup.data.data)
				expect([sb.ids.groups[0], sb.ids.groups[1]]).toContain(p.relationships.groups.data[0].id);

			const ident = await api.get('/patient', {
				'filter[organization]': sb.ids.organization,
				'filter[identifier][system]': 'https://emr.example.org/mrn',
				'filter[identifier][value]': 'MRN-000007',
			});
			expect(ident.data.meta.count).toBe(1);
			expect(ident.data.data[0].attributes.identifiers[0].value).toBe('MRN-000007');

			const archived = await api.get('/patient', {
				'filter[organization]': sb.ids.organization,
				'filter[archived]': 'true',
				'page[size]': 50,
			});
			for (const p of archived.data.data) expect(p.attributes.archived).toBe(true);

			const events = sb.list('calendar_event');
			const mid = events[Math.floor(events.length / 2)].attributes.created_at as string;
			const before = await api.get('/calendar_event', {
				'filter[organization]': sb.ids.organization,
				'filter[created_at]': `1970-01-01T00:00:00.000Z..${mid}`,
				'page[size]': 0,
			});
			const after = await api.get('/calendar_event', {
				'filter[organization]': sb.ids.organization,
				'filter[created_at]': `${mid}..9999-12-31T23:59:59.999Z`,
				'page[size]': 0,
			});
			expect(before.data.meta.count + after.data.meta.count).toBe(events.length);
			const window = await api.get('/calendar_event', {
				'filter[organization]': sb.ids.organization,
				'filter[start_at]': '2025-01-01T00:00:00Z..2025-02-01T00:00:00Z',
				'filter[type]': 'office-visit',
				'page[size]': 50,
			});
			for (const e of window.data.data) {
				expect(e.attributes.type).toBe('office-visit');
				expect(e.attributes.start_at >= '2025-01-01' && e.attributes.start_at < '2025-02-01').toBe(
					true,
				);
			}

			for (const [params, parameter] of [
				[
					{ 'filter[organization]': sb.ids.organization, 'filter[created_at]': 'yesterday..today' },
					'filter[created_at]',
				],
				// An open side (`from..`, `..to`) is a form the spec never shows: refused, so the node cannot rely on it.
				[
					{ 'filter[organization]': sb.ids.organization, 'filter[updated_at]': `${mid}..` },
					'filter[updated_at]',
				],
				[
					{ 'filter[organization]': sb.ids.organization, 'filter[created_at]': `..${mid}` },
					'filter[created_at]',
				],
				[{ 'filter[groups]': 'abc' }, 'filter[groups]'],
				[
					{ 'filter[organization]': sb.ids.organization, 'filter[identifier][system]': 'x' },
					'filter[identifier][system]',
				],
				[{ 'filter[archived]': 'true' }, 'filter[groups]'], // one of groups/organization is required
			] as const) {
				const res = await api.get('/patient', params);
				expect(res.status).toBe(409);
				expect(res.data.errors[0]).toMatchObject({
					status: '409',
					code: 'InvalidParameter',
					source: { parameter },
				});
			}
		});

		test('include returns related resources once', async () => {
			const res = await api.get('/calendar_event', {
				'filter[organization]': sb.ids.organization,
				include: 'owner',
				'page[size]': 50,
			});
			const owners = new Set(res.data.data.map((e: any) => e.relationships.owner.data.id));
			expect(res.data.included.map((r: any) => r.id).sort()).toEqual([...owners].sort());
			const plan = await api.get(`/patient_plan_summary/${sb.ids.patientPlanSummaries[0]}`, {
				include: 'actions,patient',
			});
			const types = plan.data.included.map((r: any) => r.type);
			expect(types).toContain('patient');
			expect(new Set(plan.data.included.map((r: any) => r.id)).size).toBe(
				plan.data.included.length,
			);
		});
	});

	describe('faults', () => {
		afterEach(() => sb.clearFaults());

		test('429 with Retry-After, then normal', async () => {
			sb.injectFault({ path: '/pub/group', status: 429, retryAfter: 2, skip: 1 });
			const params = { 'filter[organization]': sb.ids.organization };
			expect((await api.get('/group', params)).status).toBe(200); // skipped
			const hit = await api.get('/group', params);
			expect(hit.status).toBe(429);
			expect(hit.headers['retry-after']).toBe('2');
			expect(sb.requests[sb.requests.length - 1].fault).toBe('status:429');
			expect((await api.get('/group', params)).status).toBe(200);
		});

		test('503 twice, html proxy page, malformed JSON, delay, drop', async () => {
			sb.injectFault({
				method: 'GET',
				path: /^\/pub\/coach\/[0-9a-f]{24}$/,
				status: 503,
				times: 2,
			});
			const path = `/coach/${sb.ids.coaches[0]}`;
			expect((await api.get(path)).status).toBe(503);
			expect((await api.get(path)).status).toBe(503);
			expect((await api.get(path)).status).toBe(200);

			sb.injectFault({
				path: '/coach/' + sb.ids.coaches[0],
				status: 502,
				rawBody: '<html><body>Bad Gateway</body></html>',
				contentType: 'text/html',
			});
			const html = await api.get(path);
			expect(html.status).toBe(502);
			expect(html.headers['content-type']).toContain('text/html');

			sb.injectFault({
				path: '/coach/' + sb.ids.coaches[0],
				rawBody: '{"data": [',
				contentType: 'application/vnd.api+json',
			});
			const broken = await api.call('GET', path, {
				responseType: 'text',
				transformResponse: (x) => x,
			});
			expect(broken.status).toBe(200);
			expect(broken.data).toBe('{"data": [');

			sb.injectFault({ path: '/coach/' + sb.ids.coaches[0], delayMs: 300 });
			const t0 = Date.now();
			expect((await api.get(path)).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
			sb.injectFault({ path: '/coach/' + sb.ids.coaches[0], delayMs: 2000 });
			await expect(api.call('GET', path, { timeout: 200 })).rejects.toThrow(/timeout/);

			sb.injectFault({ path: '/coach/' + sb.ids.coaches[0], drop: true });
			await expect(api.get(path)).rejects.toThrow();
		});

		test('admin API over HTTP', async () => {
			const admin = (method: string, p: string, data?: unknown) =>
				axios.request({ method, url: sb.url + '/__admin' + p, data, validateStatus: () => true });
			expect(
				(await admin('POST', '/faults', { pathRegex: '^/pub/organization/', status: 500 })).status,
			).toBe(201);
			expect((await api.get(`/organization/${sb.ids.organization}`)).status).toBe(500);
			const inserted = await admin('POST', '/insert/patient_health_metric', {
				attributes: { type: 'weight', value: 150, unit: 'lb' },
				relationships: { patient: { data: { type: 'patient', id: sb.ids.patients[1] } } },
				count: 3,
			});
			expect(inserted.status).toBe(201);
			expect(inserted.data.data).toHaveLength(3);
			expect(inserted.data.data[2].attributes.value).toBe(150);
			const stats = await admin('GET', '/stats');
			expect(stats.data).toMatchObject({
				requests: expect.any(Number),
				tokenExchanges: expect.any(Number),
				violations: 0,
			});
			expect(stats.data.counts.patient).toBeGreaterThan(0);
			expect((await admin('GET', '/ids')).data.organization).toBe(sb.ids.organization);
			expect(Array.isArray((await admin('GET', '/requests')).data)).toBe(true);
			expect((await admin('POST', '/reset-log')).status).toBe(200);
			expect(sb.requests).toHaveLength(0);
			expect((await admin('POST', '/expire-tokens')).status).toBe(200);
			expect((await api.get(`/organization/${sb.ids.organization}`)).status).toBe(401);
			await api.login();
			expect((await admin('DELETE', '/faults')).status).toBe(200);
		});
	});

	describe('the validator is loud', () => {
		afterEach(() => {
			sb.violations.length = 0;
		});

		test.each([
			[
				'undeclared query parameter',
				() =>
					api.get('/coach', { 'filter[organization]': sb.ids.organization, 'filter[name]': 'x' }),
				/not declared/,
			],
			[
				'bad enum',
				() =>
					api.get('/calendar_event', {
						'filter[organization]': sb.ids.organization,
						'filter[type]': 'lunch',
					}),
				/must be one of/,
			],
			[
				'bad boolean',
				() =>
					api.get('/patient', {
						'filter[organization]': sb.ids.organization,
						'filter[archived]': 'yes',
					}),
				/true or false/,
			],
			[
				'missing required query parameter',
				() => api.get('/group'),
				/filter\[organization\]" is missing/,
			],
			[
				'missing required body attribute',
				() =>
					api.call('POST', '/reward_program', {
						body: {
							data: {
								type: 'reward_program',
								attributes: { name: 'x' },
								relationships: { group: { data: { type: 'group', id: sb.ids.groups[0] } } },
							},
						},
					}),
				/budget_value/,
			],
			[
				'wrong content type',
				() =>
					api.call('POST', '/group', {
						data: JSON.stringify({ data: { type: 'group', attributes: { name: 'x' } } }),
						headers: { 'Content-Type': 'application/json' },
					}),
				/Content-Type/,
			],
			['unknown path', () => api.get('/patients'), /no operation/],
			[
				'undeclared method',
				() => api.call('DELETE', `/patient/${sb.ids.patients[0]}`),
				/not declared/,
			],
		])('%s → 400 SpecViolation', async (_name, send, message) => {
			const res = await (send as () => Promise<AxiosResponse>)();
			expect(res.status).toBe(400);
			expect(res.data.errors[0].code).toBe('SpecViolation');
			expect(res.data.errors[0].detail).toMatch(message as RegExp);
			expect(sb.violations).toHaveLength(1);
			expect(sb.requests[sb.requests.length - 1].violations.length).toBeGreaterThan(0);
		});
	});
});

describe('seed', () => {
	test('is deterministic from the seed', async () => {
		const [a, b, c] = await Promise.all([
			startSandbox({ seed: 7 }),
			startSandbox({ seed: 7 }),
			startSandbox({ seed: 8 }),
		]);
		try {
			const strip = (s: Sandbox) => s.list('patient').map((p) => ({ ...p, links: undefined }));
			expect(a.ids).toEqual(b.ids);
			expect(strip(a)).toEqual(strip(b));
			expect(strip(a)).not.toEqual(strip(c));
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});
});

describe('100,000 records', () => {
	test('seed and a full cursor walk are fast', async () => {
		const t0 = Date.now();
		const big = await startSandbox({ sizes: { patients: 100_000 }, maxPageSize: 50 });
		const seeded = Date.now() - t0;
		try {
			const c = client(big);
			await c.login();
			const t1 = Date.now();
			let url: string | undefined =
				`/patient?filter[organization]=${big.ids.organization}&page[limit]=50`;
			let count = 0;
			let last = '';
			let ordered = true;
			while (url) {
				const res = await c.get(url);
				for (const r of res.data.data as Array<{ id: string }>) {
					ordered &&= r.id > last;
					last = r.id;
				}
				count += res.data.data.length;
				url = res.data.links.next;
			}
			const walked = Date.now() - t1;
			expect(count).toBe(100_000);
			expect(ordered).toBe(true);
			const t2 = Date.now();
			for (let i = 0; i < 1000; i++) big.insert('patient');
			const inserted = Date.now() - t2;
			console.log(
				`100k patients: seed ${seeded} ms; cursor walk (2000 pages of 50) ${walked} ms; 1000 inserts ${inserted} ms`,
			);
			expect(big.violations).toEqual([]);
		} finally {
			await big.close();
		}
	});
});
