/**
 * A scripted OpenAI-compatible chat model for n8n's AI Agent in the e2e tests (no external LLM): an OpenAI Chat
 * Model credential whose Base URL is `http://127.0.0.1:<port>/v1` sends its /chat/completions here.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
	stream?: boolean;
	tools?: Array<{
		type: string;
		function: {
			name: string;
			description?: string;
			parameters?: { properties?: Record<string, { type?: string }>; required?: string[] };
		};
	}>;
	messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
}

export type Reply = { content?: string; toolCall?: { id: string; name: string; args: object } };

/** An OpenAI-compatible /chat/completions that answers each request with the next reply `script` gives. */
export function scriptedModel(script: (request: ChatRequest, turn: number) => Reply) {
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			if (!req.url?.endsWith('/chat/completions')) {
				res.writeHead(404).end();
				return;
			}
			const request = JSON.parse(body) as ChatRequest;
			requests.push(request);
			let reply: Reply;
			try {
				reply = script(request, requests.length);
			} catch (error) {
				reply = { content: `SCRIPT FAILED: ${(error as Error).message}` };
			}
			const toolCalls = reply.toolCall
				? [
						{
							index: 0,
							id: reply.toolCall.id,
							type: 'function',
							function: {
								name: reply.toolCall.name,
								arguments: JSON.stringify(reply.toolCall.args),
							},
						},
					]
				: undefined;
			const finish = toolCalls ? 'tool_calls' : 'stop';
			const base = { id: `chatcmpl-${requests.length}`, created: 1, model: 'gpt-scripted' };
			if (request.stream) {
				res.writeHead(200, { 'Content-Type': 'text/event-stream' });
				const chunk = (delta: object, finishReason: string | null) =>
					res.write(
						`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
					);
				chunk({ role: 'assistant', content: reply.content ?? null, tool_calls: toolCalls }, null);
				chunk({}, finish);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [
						{
							index: 0,
							message: { role: 'assistant', content: reply.content ?? null, tool_calls: toolCalls },
							finish_reason: finish,
						},
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});
	return {
		requests,
		listen: () =>
			new Promise<number>((resolve) =>
				server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
			),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The text of the tool message answering `toolCallId` in a request. */
export function toolResult(request: ChatRequest, toolCallId: string): string {
	const message = request.messages.find((m) => m.role === 'tool' && m.tool_call_id === toolCallId);
	if (!message) throw new Error(`no tool result for ${toolCallId}`);
	return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}
