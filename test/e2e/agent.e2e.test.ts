/**
 * n8n's AI Agent with *Fitbit Plus Tool*, run by `n8n execute`: its OpenAI chat model's credential points at a
 * scripted OpenAI-compatible server (scriptedModel.ts; no external LLM). The script asks for Get_Patient with an
 * id that does not exist, checks that the model is told so (and what to do instead), asks again with a real id,
 * checks that the record reaches the model, and answers with it. No secret, token or "Bearer" in what the
 * model receives nor in n8n's output.
 */
import { executeWorkflow, nodeOutput } from '../../scripts/n8n-runtime';
import {
	NODE_TYPE,
	api,
	createCredential,
	createWorkflow,
	e2eLog,
	manualWorkflow,
	outcome,
	readState,
	sandboxAdmin,
} from './harness';
import { scriptedModel, toolResult } from './scriptedModel';

const state = readState();
const admin = sandboxAdmin(state);
const MISSING_ID = 'bbbbbbbbbbbbbbbbbbbbbbbb';

describe("n8n's AI Agent calls Fitbit Plus Tool", () => {
	test('a wrong id is explained to the model, the right one brings the record into its answer', async () => {
		const [patient] = await admin.insert('patient', {
			attributes: { first_name: 'Grace', last_name: 'Agentson', birth_date: '1970-01-02' },
		});
		const model = scriptedModel((request, turn) => {
			if (turn === 1)
				return { toolCall: { id: 'call_1', name: 'Get_Patient', args: { patientId: MISSING_ID } } };
			if (turn === 2) {
				if (!toolResult(request, 'call_1').includes('404'))
					throw new Error('no 404 in the tool result');
				return { toolCall: { id: 'call_2', name: 'Get_Patient', args: { patientId: patient.id } } };
			}
			const [record] = JSON.parse(toolResult(request, 'call_2')) as Array<Record<string, string>>;
			return { content: `${record.first_name} ${record.last_name}, born ${record.birth_date}.` };
		});
		const port = await model.listen();
		try {
			const rest = await api(state);
			const scripted = {
				name: 'Scripted model (local)',
				type: 'openAiApi',
				data: { apiKey: 'sk-local-scripted-model', url: `http://127.0.0.1:${port}/v1` },
			};
			const scriptedId = await createCredential(rest, scripted);
			const id = 'e2eAiAgentTool';
			// Start → AI Agent, with the chat model and the Fitbit Plus node as its tool (the tool variant's type).
			const workflow = manualWorkflow(id, {
				resource: 'patient',
				operation: 'get',
				patientId: {
					__rl: true,
					mode: 'id',
					value:
						"={{ $fromAI('patientId', 'The patient ID: 24 hexadecimal characters', 'string') }}",
				},
			});
			Object.assign(workflow.nodes[1], { name: 'Get Patient', type: `${NODE_TYPE}Tool` });
			const agent = {
				id: `${id}-agent`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [220, -220],
				parameters: {
					promptType: 'define',
					text: `Who is the patient with the id ${patient.id}?`,
					options: {},
				},
			};
			const chatModel = {
				id: `${id}-model`,
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [0, 220],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-scripted' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: { id: scriptedId, name: scripted.name } },
			};
			await createWorkflow(rest, {
				...workflow,
				nodes: [...workflow.nodes, agent, chatModel],
				connections: {
					Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
					'OpenAI Chat Model': {
						ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
					},
					'Get Patient': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
				},
			});
			const result = await executeWorkflow(state.userFolder, id);
			expect(outcome(result)).toEqual({ code: 0, ran: true });

			// The model was offered the tool: its name, what it does, its one argument.
			const offered = model.requests[0].tools?.map((t) => t.function) ?? [];
			expect(offered.map((f) => f.name)).toEqual(['Get_Patient']);
			expect(offered[0].parameters?.required).toEqual(['patientId']);
			expect(offered[0].parameters?.properties?.patientId?.type).toBe('string');
			expect(offered[0].description).toBe('Get a patient in Fitbit Plus');

			// The unknown id: status, code, detail and what to do, never a network error.
			const notFound = toolResult(model.requests[1], 'call_1');
			e2eLog(`AI Agent 404 tool result: ${notFound}`);
			expect(notFound).toContain(
				`Fitbit Plus answered 404 Resource Not Found: patient ${MISSING_ID} was not found. No record has that ID: use the id of a record another tool returned (e.g. a list or search); do not guess IDs.`,
			);
			expect(notFound).not.toMatch(/connection cannot be established/i);

			// The record reached the model (compact), and the agent's answer uses it.
			const [record] = JSON.parse(toolResult(model.requests[2], 'call_2'));
			expect(record).toMatchObject({ id: patient.id, first_name: 'Grace', last_name: 'Agentson' });
			expect(record).not.toHaveProperty('created_at');
			expect(model.requests).toHaveLength(3);
			const [answer] = nodeOutput(result.run!, 'AI Agent');
			expect(answer.output).toBe('Grace Agentson, born 1970-01-02.');

			// Nothing secret reached the model or n8n's output.
			const seen = [JSON.stringify(model.requests), result.stdout, result.stderr].join('\n');
			expect(seen).not.toContain(state.sandbox.clientSecret);
			expect(seen).not.toMatch(/(?<![0-9a-f])[0-9a-f]{48}(?![0-9a-f])/);
			expect(JSON.stringify(model.requests)).not.toMatch(/Bearer/i);
		} finally {
			await model.close();
		}
	});
});
