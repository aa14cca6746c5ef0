/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { request } from 'undici';

import {
	AGENT,
	ASSISTANT_SLUG,
	ASSISTANT_TOOLS,
	customerSuccessAssistant,
	SYSTEM_MESSAGE,
} from '../../scripts/templates/health/assistant';
import { at, replicatedTool } from '../../scripts/templates/kit';
import {
	type FakeModel,
	type OfferedTool,
	startFakeModel,
	toolData,
	toolResult,
} from '../fakes/openai';
import { startTemplateRig, type TemplateRig } from '../support/template-rig';

const LOGIN = { user: 'cs-team', password: 'e2e-assistant-password' };
const API_KEY = 'sk-e2e-fake-model-key';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * Wired to the agent by this test, as a user might: a write (refused: Allow Writes as a Tool is
 * off) and the install instructions (whose commands carry the license ID).
 */
const byModelId = {
	__rl: true,
	mode: 'id',
	value: "={{ $fromAI('customerId', 'The customer\\'s Replicated customer ID', 'string') }}",
};
const USER_TOOLS = [
	replicatedTool('Archive Customer', at(7, 2), 'Archives a customer in Replicated.', {
		resource: 'customer',
		operation: 'archive',
		customer: byModelId,
	}),
	replicatedTool('Install Instructions', at(8, 2), "A customer's install instructions.", {
		resource: 'license',
		operation: 'installInstructions',
		customer: byModelId,
		options: {},
	}),
];

/**
 * The customer-success assistant as n8n runs it: its Chat Trigger, n8n's AI Agent, and the
 * Replicated node as the agent's tools, with an OpenAI-compatible model on loopback that plays a
 * scripted conversation and records what n8n offered it.
 */
describe('Customer success assistant: n8n’s AI Agent calls the Replicated node as tools', () => {
	let rig: TemplateRig;
	let model: FakeModel;
	/** The tools n8n offered the model with the question. */
	let offered: OfferedTool[] = [];
	const chatTrigger = customerSuccessAssistant.workflow.nodes.find(
		(n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger',
	)!;
	const chatUrl = () => `${rig.n8n.origin}/webhook/${chatTrigger.webhookId}/chat`;
	const basic = `Basic ${Buffer.from(`${LOGIN.user}:${LOGIN.password}`).toString('base64')}`;
	const chat = async (chatInput: string, authorization: string | null = basic) => {
		const res = await request(chatUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(authorization ? { authorization } : {}),
			},
			body: JSON.stringify({ action: 'sendMessage', sessionId: 'e2e-session', chatInput }),
			headersTimeout: 120_000,
			bodyTimeout: 120_000,
		});
		const text = await res.body.text();
		return { status: res.statusCode, text };
	};

	beforeAll(async () => {
		model = await startFakeModel();
		rig = await startTemplateRig({
			logName: 'assistant',
			templates: [customerSuccessAssistant],
			fakes: [],
			credentials: [
				{
					id: 'tplOpenAiFake0001',
					name: 'OpenAI account',
					type: 'openAiApi',
					data: { apiKey: API_KEY, url: model.url },
				},
				{
					id: 'tplAssistantLogin',
					name: 'Assistant login',
					type: 'httpBasicAuth',
					data: LOGIN,
				},
			],
			// The user's configuration: their app in the tools that take one.
			configure: (wf, emulator) => {
				for (const node of wf.nodes)
					if ('appId' in node.parameters)
						(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
				wf.nodes.push(...USER_TOOLS);
				for (const tool of USER_TOOLS)
					wf.connections[tool.name] = { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] };
				return wf;
			},
		});
		// The chat is registered once n8n tells a wrong method which methods it takes.
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

	it('refuses a chat message without the login, and runs nothing', async () => {
		const before = (await rig.executions(ASSISTANT_SLUG)).length;
		const refused = await chat('Hello', null);
		expect(refused.status).toBe(401);
		expect(model.requests).toEqual([]);
		expect((await rig.executions(ASSISTANT_SLUG)).length).toBe(before);
	});

	it('finds the customer by its CRM ID, reads its health and milestones, and answers from what the tools returned', async () => {
		const state = rig.emulator.state;
		const appId = [...state.apps.keys()][0];
		const initrode = state.addCustomer({
			appId,
			name: 'Initrode',
			email: 'it@initrode.example',
			customId: '001INITRODE',
			type: 'prod',
		});
		state.addInstance(initrode.id, {
			createdAt: ago(200 * DAY),
			lastActive: ago(3 * DAY + HOUR),
			active: false,
		});
		Object.assign(initrode.enterprise_portal, {
			enabled: true,
			first_software_pulled_at: '2026-11-20T10:00:00Z',
			software_pull_milestones: {
				prod: {
					first_pulled_at: '2026-11-20T10:00:00Z',
					asset_type: 'helm_chart',
					asset_version: '2.4.0',
				},
			},
		});
		const writesBefore = state.customers.size;
		const requestsBefore = model.requests.length;

		// The model's side of the conversation: it calls the tools by the names n8n gave them, and
		// its answer quotes what they returned.
		model.play((req, turn) => {
			const tools = req.messages.filter((m) => m.role === 'tool');
			if (turn === 0)
				return {
					toolCalls: [{ name: 'Find_Customers', arguments: { query: 'customId:001INITRODE' } }],
				};
			if (turn === 1) {
				const [{ id }] = toolData<{ id: string }>(tools[0]);
				return {
					toolCalls: [
						{ name: 'Customer_Health', arguments: { customerId: id } },
						{ name: 'Milestones', arguments: { customerId: id } },
					],
				};
			}
			const [health] = toolData<{
				customerName: string;
				customId: string;
				riskLevel: string;
				reasons: string[];
			}>(tools[1]);
			const [milestones] = toolData<{ firstDownloadAt: string }>(tools[2]);
			return {
				text: `${health.customerName} (${health.customId}) is ${health.riskLevel}: ${health.reasons.join('; ')}. First download: ${milestones.firstDownloadAt}.`,
			};
		});

		const answer = await chat(
			'How is Initrode (CRM ID 001INITRODE) doing, and has it downloaded yet?',
		);
		expect(answer.status).toBe(200);
		const last = ago(3 * DAY + HOUR).slice(0, 10);
		expect(JSON.parse(answer.text)).toEqual({
			output: `Initrode (001INITRODE) is at risk: No check-in from its online instance for 3 days (last ${last}). First download: 2026-11-20T10:00:00Z.`,
		});

		// Three model calls: the question, the customer found, the health and milestones read.
		const requests = model.requests.slice(requestsBefore);
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);
		const [first] = requests;
		offered = first.tools!.map((t) => t.function);
		expect(first.messages[0]).toMatchObject({ role: 'system', content: SYSTEM_MESSAGE });
		expect(first.messages.at(-1)).toMatchObject({
			role: 'user',
			content: 'How is Initrode (CRM ID 001INITRODE) doing, and has it downloaded yet?',
		});
		// Replicated saw reads only.
		expect(
			rig.emulator.requests
				.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search')
				.map((r) => `${r.method} ${r.path}`),
		).toEqual([]);
		expect(state.customers.size).toBe(writesBefore);
	}, 180_000);

	it('offers the model exactly the read-only tools, named and described as the template says, with only the fields it may fill', () => {
		const byName = Object.fromEntries(offered.map((t) => [t.name, t]));
		// The template's tools, and the two this test wires in as a user might.
		expect(Object.keys(byName).sort()).toEqual(
			[
				'Archive_Customer',
				'Customer_Health',
				'Find_Customers',
				'Install_Instructions',
				'Instances',
				'Milestones',
				'Renewal_Brief',
			].sort(),
		);
		for (const node of ASSISTANT_TOOLS) {
			const tool = byName[node.name.replace(/ /g, '_')];
			expect(tool.description).toBe(node.parameters.toolDescription);
			const [key] = node.name === 'Find Customers' ? ['query'] : ['customerId'];
			expect(tool.parameters).toMatchObject({
				type: 'object',
				properties: { [key]: { type: 'string', description: expect.any(String) } },
				required: [key],
			});
			// The app, limits and options are the template's: the model cannot widen them.
			expect(Object.keys(tool.parameters.properties)).toEqual([key]);
		}
		expect(byName.Find_Customers.parameters.properties.query.description).toBe(
			'Replicated customer search: a name, customId:<CRM ID>, email:<address> or type:prod|trial',
		);
		expect(byName.Milestones.parameters.properties.customerId.description).toBe(
			"The customer's Replicated customer ID, as Find Customers returns it (not the CRM ID)",
		);
	});

	it('a write tool wired to the agent is refused: the model reads why, and Replicated is unchanged', async () => {
		const state = rig.emulator.state;
		const appId = [...state.apps.keys()][0];
		const hooli = state.addCustomer({
			appId,
			name: 'Hooli',
			email: 'it@hooli.example',
			customId: '001HOOLI',
			type: 'prod',
			flags: { isHelmInstallEnabled: true, isKotsInstallEnabled: true },
		});
		const requestsBefore = model.requests.length;
		const emulatorBefore = rig.emulator.requests.length;
		model.play((req, turn) => {
			// This question's tool results: the memory also replays the conversation before it.
			const asked = req.messages.map((m) => m.role).lastIndexOf('user');
			const tools = req.messages.slice(asked).filter((m) => m.role === 'tool');
			if (turn === 0)
				return {
					toolCalls: [{ name: 'Find_Customers', arguments: { query: 'customId:001HOOLI' } }],
				};
			if (turn === 1) {
				const [{ id }] = toolData<{ id: string }>(tools[0]);
				return {
					toolCalls: [
						{ name: 'Archive_Customer', arguments: { customerId: id } },
						{ name: 'Install_Instructions', arguments: { customerId: id } },
					],
				};
			}
			// n8n sends each tool's items; the refused tool's is its error (as n8n's agent reports it).
			const results = tools
				.slice(1)
				.flatMap((t) => toolResult(t) as Array<Record<string, unknown>>);
			const refusal = results.find((r) => 'error' in r) as { error: string } | undefined;
			const steps = results.find((r) => 'untrustedData' in r) as
				| { untrustedData: { methods: string[]; commands: string } }
				| undefined;
			if (!refusal || !steps)
				return { text: `unexpected tool results: ${JSON.stringify(results)}` };
			const { methods, commands } = steps.untrustedData;
			return { text: `${refusal.error} | ${methods.join(', ')} | ${commands}` };
		});

		const answer = await chat('Archive Hooli (CRM ID 001HOOLI) and send me its install commands.');
		expect(answer).toMatchObject({ status: 200 });
		const [refusal, methods, commands] = (
			JSON.parse(answer.text) as { output: string }
		).output.split(' | ');
		expect(refusal).toBe(
			'Customer → Archive changes Replicated and is refused as an AI tool: turn on "Allow Writes as a Tool" on this node to let a model run it',
		);
		expect(methods).toBe('helm, kots');
		expect(commands).toBe(
			"The install commands are left out: they carry the customer's license ID, which is their registry password and download token, and a model must not see it. Send the instructions from a workflow (License → Get Install Instructions outside an AI tool).",
		);
		expect(model.requests.length - requestsBefore).toBe(3);
		// Nothing changed: Replicated saw reads only, and Hooli is not archived.
		expect(
			rig.emulator.requests
				.slice(emulatorBefore)
				.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search')
				.map((r) => `${r.method} ${r.path}`),
		).toEqual([]);
		expect(state.customers.get(hooli.id)!.isArchived).toBe(false);
	}, 180_000);

	it('no license ID is in any request the model received', () => {
		const bodies = model.requests.map((r) => JSON.stringify(r));
		const ids = [...rig.emulator.state.customers.values()].map((c) => c.installationId);
		expect(ids.length).toBeGreaterThanOrEqual(2);
		for (const id of ids) for (const body of bodies) expect(body).not.toContain(id);
		for (const body of bodies) expect(body).not.toMatch(/licenseId|installationId|--password/);
		// The conversations above reached the model: customers found, health, milestones, install
		// instructions.
		expect(bodies.length).toBeGreaterThanOrEqual(6);
		expect(
			bodies.some((b) => b.includes('Install_Instructions') && b.includes('"role":"tool"')),
		).toBe(true);
	});
});
