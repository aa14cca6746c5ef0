/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { request } from 'undici';

import { escapeSlack } from '../../nodes/Replicated/escape';
import {
	APPROVAL_AGENT,
	APPROVAL_CHANNEL,
	APPROVAL_SLUG,
	customerSuccessAssistantApprovals,
	WRITE_INPUTS,
} from '../../scripts/templates/health/assistant-approval';
import {
	type ChatRequest,
	type FakeModel,
	startFakeModel,
	toolData,
	toolResult,
} from '../fakes/openai';
import { buttonUrl, FakeSlack, sectionTexts, type SlackMessage } from '../fakes/slack';
import { type Execution, startTemplateRig, type TemplateRig } from '../support/template-rig';

const LOGIN = { user: 'cs-team', password: 'e2e-approval-password' };
const API_KEY = 'sk-e2e-fake-model-key';
const SLACK_TOKEN = 'xoxb-e2e-approval-bot-token';
/** A name that would mention the channel and open a link if it reached Slack unescaped. */
/**
 * The approver's browser: n8n answers a link scanner or an HTTP library (isbot on the User-Agent)
 * with an empty page and resumes nothing, so that a link preview cannot approve.
 */
const BROWSER = {
	'user-agent':
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
const HOSTILE_NAME = 'Initech & <!channel> <https://evil.example|Partners>';

/**
 * The assistant with approved changes as n8n runs it: n8n's AI Agent, the scripted model, the
 * write tools under n8n's Slack human review (`n8n-nodes-base.slackHitlTool`), the Slack fake and
 * the Replicated emulator. A change runs only after the approval link is followed.
 */
describe('Customer success assistant with approved changes: writes wait for a person in Slack', () => {
	let rig: TemplateRig;
	let model: FakeModel;
	const slack = new FakeSlack(SLACK_TOKEN);
	const chatTrigger = customerSuccessAssistantApprovals.workflow.nodes.find(
		(n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger',
	)!;
	const chatUrl = () => `${rig.n8n.origin}/webhook/${chatTrigger.webhookId}/chat`;
	const basic = `Basic ${Buffer.from(`${LOGIN.user}:${LOGIN.password}`).toString('base64')}`;
	const chat = async (sessionId: string, chatInput: string) => {
		const res = await request(chatUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: basic },
			body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
			headersTimeout: 120_000,
			bodyTimeout: 120_000,
		});
		return { status: res.statusCode, text: await res.body.text() };
	};
	/** Polls `probe` until it finds something; on timeout says what was seen (`explain`). */
	const until = async <T>(
		what: string,
		probe: () => Promise<T | undefined> | T | undefined,
		explain: () => Promise<string> = async () => '',
	) => {
		for (let i = 0; i < 600; i++) {
			const found = await probe();
			if (found !== undefined) return found;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`timed out waiting for ${what} ${await explain()}`);
	};
	/** The newest execution once it has left `running`/`waiting` for good. */
	const finished = async (after: number) =>
		await until(
			'the execution to finish',
			async () => {
				const list = await rig.executions(APPROVAL_SLUG);
				return list.length > after && ['success', 'error'].includes(list[0].status)
					? list[0]
					: undefined;
			},
			async () =>
				JSON.stringify((await rig.executions(APPROVAL_SLUG)).map((e) => [e.id, e.status])),
		);
	const agentOutput = (execution: Execution) =>
		(execution.data.resultData.runData[APPROVAL_AGENT] ?? [])
			.flatMap((run) => run.data?.main?.[0] ?? [])
			.map((i) => i.json);
	const writes = () =>
		rig.emulator.requests
			.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search')
			.map((r) => `${r.method} ${r.path}`);

	beforeAll(async () => {
		model = await startFakeModel();
		rig = await startTemplateRig({
			logName: 'assistant-approval',
			templates: [customerSuccessAssistantApprovals],
			fakes: [slack],
			credentials: [
				{
					id: 'tplOpenAiFake0001',
					name: 'OpenAI account',
					type: 'openAiApi',
					data: { apiKey: API_KEY, url: model.url },
				},
				{ id: 'tplAssistantLogin', name: 'Assistant login', type: 'httpBasicAuth', data: LOGIN },
				{
					id: 'tplSlackCred0001',
					name: 'Slack account',
					type: 'slackApi',
					data: { accessToken: SLACK_TOKEN },
				},
			],
			configure: (wf, emulator) => {
				for (const node of wf.nodes)
					if ('appId' in node.parameters)
						(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
				return wf;
			},
		});
		for (let i = 0; ; i++) {
			const res = await request(chatUrl(), { method: 'DELETE' });
			if ((await res.body.text()).includes('Did you mean')) break;
			if (i > 300) throw new Error('the chat trigger was not registered');
			await new Promise((r) => setTimeout(r, 100));
		}
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await model?.stop();
	}, 60_000);

	/** What the model asks for, as the tool it calls and the input it gives. */
	const CHANGES = {
		convert: {
			tool: 'Convert_to_Paid',
			input: { expiresAt: '2027-12-31' },
			ask: 'convert it to paid until 2027-12-31',
		},
		archive: { tool: 'Archive_Customer', input: {}, ask: 'archive it' },
	};

	/**
	 * Stages a trial customer, plays the model asking for the change (to convert it to paid until
	 * 2027-12-31 unless told otherwise), and returns once the approval request is in Slack (the
	 * execution waiting on it).
	 */
	async function askFor(
		customId: string,
		sessionId: string,
		finalText: (r: ChatRequest) => string,
		change: keyof typeof CHANGES = 'convert',
	) {
		const { tool, input, ask } = CHANGES[change];
		const state = rig.emulator.state;
		const customer = state.addCustomer({
			appId: [...state.apps.keys()][0],
			name: HOSTILE_NAME,
			email: `it@${customId.toLowerCase()}.example`,
			customId,
			type: 'trial',
			expiresAt: '2026-12-31T00:00:00Z',
		});
		const executionsBefore = (await rig.executions(APPROVAL_SLUG)).length;
		const messagesBefore = slack.messages.length;
		const requestsBefore = model.requests.length;
		model.play((req, turn) => {
			const tools = req.messages.filter((m) => m.role === 'tool');
			if (turn === 0)
				return {
					toolCalls: [{ name: 'Find_Customers', arguments: { query: `customId:${customId}` } }],
				};
			if (turn === 1) {
				const found = toolData<{ id: string; name: string }>(tools[0]);
				return {
					toolCalls: [
						{
							name: tool,
							arguments: {
								toolParameters: { customerId: found[0].id, ...input },
								hitlParameters: { customerName: found[0].name },
							},
						},
					],
				};
			}
			return { text: finalText(req) };
		});
		// The chat answers when the execution stops to wait; the test follows the execution instead.
		const answered = chat(sessionId, `Please find ${customId} and ${ask}.`);
		const message = await until('the approval request in Slack', () =>
			slack.messages.length > messagesBefore ? slack.messages.at(-1) : undefined,
		);
		return { customer, executionsBefore, requestsBefore, message, answered };
	}

	/** The approval's execution, once n8n has saved it as waiting for the person's answer. */
	const untilWaiting = (executionsBefore: number) =>
		until('the execution to wait', async () => {
			const list = await rig.executions(APPROVAL_SLUG);
			return list.length > executionsBefore && list[0].status === 'waiting' ? list[0] : undefined;
		});

	const expectedApprovalText = (customerId: string) =>
		[
			'*Approve a change in Replicated?*',
			`• Customer: *${escapeSlack(HOSTILE_NAME)}* (Replicated customer ID \`${escapeSlack(customerId)}\`)`,
			`• Change: License → Convert: license type *paid*, expiring *${escapeSlack('2027-12-31')}*`,
			'Asked for in the customer-success assistant chat. The name is how the assistant refers to the customer; the ID is the customer that changes.',
		].join('\n');

	const expectApprovalRequest = (message: SlackMessage, customerId: string) => {
		expect(message.channel).toBe(APPROVAL_CHANNEL);
		expect(message.token).toBe(SLACK_TOKEN);
		// The name arrives escaped: no mention, no link (Slack renders the entities as text).
		expect(sectionTexts(message)).toEqual([expectedApprovalText(customerId)]);
		expect(sectionTexts(message)[0]).not.toContain('<!channel>');
		expect(
			message.blocks.filter((b) => b.type === 'actions')[0].elements!.map((e) => e.text!.text),
		).toEqual(['Decline', 'Approve']);
	};

	it('approve: the request reaches Slack, nothing changes until a person approves, then the license is converted', async () => {
		const { customer, executionsBefore, requestsBefore, message, answered } = await askFor(
			'001INITECH',
			'approve-session',
			(req) => {
				const [r] = toolData<{ name: string; after: { licenseType: string; expiresAt: string } }>(
					req.messages.filter((m) => m.role === 'tool').at(-1),
				);
				return `Done: ${r.name} is now ${r.after.licenseType}, expiring ${r.after.expiresAt}.`;
			},
		);
		expectApprovalRequest(message, customer.id);

		// The model asked for the change with the customer's ID and the date only.
		const offered = model.requests[requestsBefore].tools!.map((t) => t.function);
		const convert = offered.find((t) => t.name === 'Convert_to_Paid')!;
		expect(convert.parameters.properties).toMatchObject({
			toolParameters: {
				properties: {
					customerId: { type: 'string', description: WRITE_INPUTS.customerId },
					expiresAt: { type: 'string', description: WRITE_INPUTS.expiresAt },
				},
			},
			hitlParameters: {
				properties: { customerName: { type: 'string', description: WRITE_INPUTS.customerName } },
			},
		});
		expect(offered.map((t) => t.name).sort()).toEqual(
			[
				'Archive_Customer',
				'Convert_to_Paid',
				'Customer_Health',
				'Find_Customers',
				'Instances',
				'Milestones',
				'Renewal_Brief',
			].sort(),
		);

		// Waiting: nothing written, the customer still a trial.
		const waiting = await until('the execution to wait', async () => {
			const list = await rig.executions(APPROVAL_SLUG);
			return list.length > executionsBefore && list[0].status === 'waiting' ? list[0] : undefined;
		});
		expect(waiting.status).toBe('waiting');
		expect(writes()).toEqual([]);
		expect(rig.emulator.state.customers.get(customer.id)).toMatchObject({
			type: 'trial',
			expiresAt: '2026-12-31T00:00:00Z',
		});
		// n8n 2.41 answers a chat whose execution waits with an error (Last Node mode: the approval
		// node returns no item): the outcome is not in the chat but in Slack and Executions.
		const answer = await answered;
		expect([answer.status, JSON.parse(answer.text).message]).toEqual([
			500,
			'No item to return was found',
		]);

		// The approver follows the Approve link, as a browser does.
		const approve = await request(buttonUrl(message, 'Approve'), { headers: BROWSER });
		await approve.body.text();
		expect(approve.statusCode).toBe(200);

		const done = await finished(executionsBefore);
		expect(rig.outcome(done)).toBe('success');
		expect(writes()).toEqual([`PATCH /v3/customer/${customer.id}`]);
		expect(rig.emulator.state.customers.get(customer.id)).toMatchObject({
			type: 'prod',
			expiresAt: '2027-12-31T00:00:00Z',
		});
		expect(agentOutput(done).at(-1)).toEqual({
			output: `Done: ${HOSTILE_NAME} is now paid, expiring 2027-12-31T00:00:00Z.`,
		});
		// The customer's license ID (its registry password) reached the model in no request.
		expect(JSON.stringify(model.requests.slice(requestsBefore))).not.toContain(
			customer.installationId,
		);
	}, 240_000);

	it('decline: nothing changes in Replicated, and the model is told the change was declined', async () => {
		rig.emulator.requests.length = 0;
		const { customer, executionsBefore, message } = await askFor(
			'001HOOLI',
			'decline-session',
			// The model answers from what n8n told it about the call.
			(req) => {
				const told = toolResult(req.messages.at(-1)) as Array<{ output: string }>;
				return told[0].output.startsWith('User rejected the tool call to Convert to Paid')
					? 'The conversion was declined; nothing was changed.'
					: `unexpected tool result: ${JSON.stringify(told)}`;
			},
		);
		expectApprovalRequest(message, customer.id);
		// n8n posts the request before it saves the execution as waiting; a click before that is
		// answered 409 ("is running already"), so the approver's click follows the wait.
		await untilWaiting(executionsBefore);

		const decline = await request(buttonUrl(message, 'Decline'), { headers: BROWSER });
		await decline.body.text();
		expect(decline.statusCode).toBe(200);

		const done = await finished(executionsBefore);
		expect(rig.outcome(done)).toBe('success');
		expect(writes()).toEqual([]);
		expect(rig.emulator.state.customers.get(customer.id)).toMatchObject({
			type: 'trial',
			expiresAt: '2026-12-31T00:00:00Z',
			isArchived: false,
		});
		// n8n's words to the model for a declined call (processHitlResponses getDenialMessage).
		const last = model.requests.at(-1)!;
		const call = [...last.messages].reverse().find((m) => m.role === 'assistant')!.tool_calls![0];
		const told = last.messages.at(-1)!;
		expect(told).toMatchObject({ role: 'tool', tool_call_id: call.id });
		expect(toolResult(told)).toEqual([
			{
				output: `User rejected the tool call to Convert to Paid (id: ${call.id}). STOP what you are doing and wait for the user to tell you how to proceed. The tool is still available if needed.`,
			},
		]);
		expect(agentOutput(done).at(-1)).toEqual({
			output: 'The conversion was declined; nothing was changed.',
		});
	}, 240_000);

	it('archive: the request names the customer and the change; approved, the customer is archived', async () => {
		rig.emulator.requests.length = 0;
		const { customer, executionsBefore, message } = await askFor(
			'001UMBRELLA',
			'archive-session',
			(req) => {
				const r = toolData<{ name: string; archived: boolean }>(req.messages.at(-1));
				return `${r[0].name} archived: ${r[0].archived}.`;
			},
			'archive',
		);
		expect(sectionTexts(message)).toEqual([
			[
				'*Approve a change in Replicated?*',
				`• Customer: *${escapeSlack(HOSTILE_NAME)}* (Replicated customer ID \`${escapeSlack(customer.id)}\`)`,
				'• Change: Customer → Archive (Unarchive in Replicated reverses it)',
				'Asked for in the customer-success assistant chat. The name is how the assistant refers to the customer; the ID is the customer that changes.',
			].join('\n'),
		]);
		await untilWaiting(executionsBefore);
		expect(writes()).toEqual([]);
		expect(rig.emulator.state.customers.get(customer.id)!.isArchived).toBe(false);

		const approve = await request(buttonUrl(message, 'Approve'), { headers: BROWSER });
		await approve.body.text();
		expect(approve.statusCode).toBe(200);
		const done = await finished(executionsBefore);
		expect(rig.outcome(done)).toBe('success');
		expect(writes()).toEqual([`POST /v3/customer/${customer.id}/archive`]);
		expect(rig.emulator.state.customers.get(customer.id)).toMatchObject({
			isArchived: true,
			type: 'trial',
		});
		expect(agentOutput(done).at(-1)).toEqual({ output: `${HOSTILE_NAME} archived: true.` });
	}, 240_000);
});
