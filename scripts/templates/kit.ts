import { createHash } from 'node:crypto';
import { codeFile } from './code/inline';

/**
 * Building blocks for the workflow templates. Templates are written in TypeScript so that the
 * pieces every flow shares (our trigger, the guards, error handling, sticky notes) are defined once;
 * `npm run templates` writes the JSON files users import, and a test keeps them in sync.
 */

export type Parameters = Record<string, unknown>;

export interface TemplateNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Parameters;
	credentials?: Record<string, { id: null; name: string }>;
	webhookId?: string;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	notes?: string;
}

/** How AI sub-nodes (a chat model, memory, tools) feed an agent: a connection of their own type. */
export type AiConnection = 'ai_languageModel' | 'ai_memory' | 'ai_tool';

/** `[from, to]`, `[from, to, outputIndex]`, or `[subNode, agent, aiConnection]`. */
export type Link = [string, string] | [string, string, number] | [string, string, AiConnection];

export interface Template {
	/** Its CRM adapter's id (crm/index.ts), or 'health' for the templates without a CRM. */
	crm: string;
	slug: string;
	/** One line for the catalogue: what it writes where. */
	summary: string;
	/** What the user creates in the CRM before activating (custom fields, properties, attributes). */
	prerequisites: string[];
	/** Parameters the user sets after importing (left empty or as a placeholder on purpose). */
	userSets?: Array<{ node: string; parameter: string; what: string }>;
	workflow: Workflow;
}

export interface Workflow {
	/** Stable per template: `n8n import:workflow` needs one, and re-importing updates in place. */
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<
		string,
		Partial<
			Record<'main' | AiConnection, Array<Array<{ node: string; type: string; index: number }>>>
		>
	>;
	settings: { executionOrder: 'v1' };
	pinData: Record<string, never>;
	meta: { templateCredsSetupCompleted: false };
	tags: Array<{ name: string }>;
}

/** A stable UUID (v4 layout) derived from a name, so regenerated templates do not churn. */
export function stableUuid(seed: string): string {
	const h = createHash('sha256').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A 16-character workflow id, as n8n makes them, derived from the template's name. */
export function stableWorkflowId(seed: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = createHash('sha256').update(`workflow:${seed}`).digest();
	return [...bytes.subarray(0, 16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** "an Account", "a Company": the article a word takes. */
export const a = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** Grid position: columns 240 px apart, rows 200 px apart. */
export const at = (column: number, row = 0): [number, number] => [
	Math.round(column * 240),
	Math.round(row * 200),
];

export function workflow(
	name: string,
	nodes: TemplateNode[],
	links: Link[],
	tags: string[] = [],
): Workflow {
	const names = new Set(nodes.map((n) => n.name));
	const connections: Workflow['connections'] = {};
	for (const [from, to, output = 0] of links) {
		if (!names.has(from) || !names.has(to)) throw new Error(`${name}: link ${from} → ${to}`);
		const type = typeof output === 'string' ? output : 'main';
		const index = typeof output === 'string' ? 0 : output;
		const outputs = ((connections[from] ??= {})[type] ??= []);
		while (outputs.length <= index) outputs.push([]);
		outputs[index].push({ node: to, type, index: 0 });
	}
	return {
		id: stableWorkflowId(name),
		name,
		nodes: nodes.map((n) => ({ ...n, id: stableUuid(`${name}/${n.name}`) })),
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: ['Replicated', ...tags].map((t) => ({ name: t })),
	};
}

export const credential = (type: string, name: string) => ({ [type]: { id: null, name } });

/** Writes to a CRM retry transient failures; a write that still fails stops the execution, which
 * n8n keeps (with the event) and hands to the workflow's error workflow. */
export const crmWrite = {
	retryOnFail: true,
	maxTries: 3,
	waitBetweenTries: 2000,
} as const;

/** A CRM's own n8n node, its authentication and credential fixed; writes are retried. */
export function crmNode(
	type: string,
	typeVersion: number,
	authentication: string,
	credentials: Record<string, { id: null; name: string }>,
) {
	return (
		name: string,
		position: [number, number],
		parameters: Record<string, unknown>,
		write = true,
	): TemplateNode => ({
		name,
		type,
		typeVersion,
		position,
		parameters: { authentication, ...parameters },
		credentials,
		...(write ? crmWrite : {}),
	});
}

/**
 * The template's explanation, left of its trigger and sized to its text (n8n does not grow a
 * sticky note to fit): the position argument is kept for the call sites' readability only.
 */
export function sticky(
	name: string,
	content: string,
	_position: [number, number],
	size: { width?: number; height?: number; color?: number } = {},
): TemplateNode {
	const width = Math.max(size.width ?? 0, 480);
	const charsPerLine = Math.floor((width - 40) / 7.2);
	const lines = content
		.split('\n')
		.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / charsPerLine)), 0);
	const height = Math.max(240, Math.ceil(lines * 21 + 60));
	return {
		name,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [-width - 120, Math.round(-height / 2 + 40)],
		parameters: { content, width, height, color: size.color ?? 7 },
	};
}

/**
 * The trigger: `settings` are the fields of events with Required filters (Versions Behind, State
 * Duration ...), `filters` the scope collection (License Types, Channels ...).
 */
export function replicatedTrigger(
	template: string,
	events: string[],
	position: [number, number],
	{
		filters = {},
		settings = {},
		options = {},
	}: { filters?: Parameters; settings?: Parameters; options?: Parameters } = {},
): TemplateNode {
	return {
		name: 'Replicated Trigger',
		type: 'n8n-nodes-replicated.replicatedTrigger',
		typeVersion: 1.1,
		position,
		webhookId: stableUuid(`${template}/replicated-trigger`),
		parameters: { registration: 'auto', events, ...settings, filters, options },
		credentials: credential('replicatedApi', 'Replicated account'),
	};
}

export function replicated(
	name: string,
	position: [number, number],
	parameters: Parameters,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-replicated.replicated',
		typeVersion: 1,
		position,
		parameters,
		credentials: credential('replicatedApi', 'Replicated account'),
	};
}

/**
 * The Replicated node as an AI Agent's tool (n8n generates `replicatedTool` from our node, which is
 * `usableAsTool`): its description written for the model, the parameters it may fill as
 * `$fromAI(...)` expressions, the others fixed.
 */
export function replicatedTool(
	name: string,
	position: [number, number],
	toolDescription: string,
	parameters: Parameters,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-replicated.replicatedTool',
		typeVersion: 1,
		position,
		parameters: { descriptionType: 'manual', toolDescription, ...parameters },
		credentials: credential('replicatedApi', 'Replicated account'),
	};
}

export const byCustomId = (value: string) => ({ __rl: true, mode: 'customId', value });

/** One condition of an If or a Filter node: `left` (an expression) compared by `operator`. */
export interface Condition {
	left: string;
	operator: { type: string; operation: string; singleValue?: boolean };
	right?: unknown;
}

/** If v2.2 (works on every n8n 2.x): true on output 0, false on output 1. */
export function ifNode(
	name: string,
	position: [number, number],
	conditions: Condition[],
	combinator: 'and' | 'or' = 'and',
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: conditions.map((c, i) => ({
					id: stableUuid(`${name}/${i}`),
					leftValue: c.left,
					rightValue: c.right ?? '',
					operator: c.operator,
				})),
				combinator,
			},
			looseTypeValidation: true,
			options: {},
		},
	};
}

/** A Filter node (n8n's Filter 2.2: an If's conditions, one output of the items that pass). */
export function filterNode(
	name: string,
	position: [number, number],
	conditions: Condition[],
	combinator: 'and' | 'or' = 'and',
): TemplateNode {
	return { ...ifNode(name, position, conditions, combinator), type: 'n8n-nodes-base.filter' };
}

export const isNotEmpty = { type: 'string', operation: 'notEmpty', singleValue: true };
export const arrayIsNotEmpty = { type: 'array', operation: 'notEmpty', singleValue: true };
export const isEmpty = { type: 'string', operation: 'empty', singleValue: true };
export const equals = { type: 'string', operation: 'equals' };
export const isTrue = { type: 'boolean', operation: 'true', singleValue: true };
export const notEquals = { type: 'string', operation: 'notEquals' };
export const numberGt = { type: 'number', operation: 'gt' };

export function code(
	name: string,
	position: [number, number],
	jsCode: string,
	mode = 'runOnceForEachItem',
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { mode, jsCode },
	};
}

/** Edit Fields (Set) v3.4: only the listed fields, typed. */
export function setFields(
	name: string,
	position: [number, number],
	fields: Array<[string, string, 'string' | 'number' | 'boolean' | 'array' | 'object']>,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: fields.map(([field, value, type]) => ({
					id: stableUuid(`${name}/${field}`),
					name: field,
					value,
					type,
				})),
			},
			options: {},
		},
	};
}

export function httpRequest(
	name: string,
	position: [number, number],
	parameters: Parameters,
	credentials: Record<string, { id: null; name: string }>,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			...('jsonBody' in parameters ? { sendBody: true, specifyBody: 'json' } : {}),
			options: {},
			...parameters,
		},
		credentials,
		...crmWrite,
	};
}

/**
 * HTTP Request's body for a file upload: the item's binary `file` as the form part `filePart`,
 * beside text fields (values may be expressions).
 */
export function multipartUpload(filePart: string, fields: Array<[string, string]>): Parameters {
	return {
		sendBody: true,
		contentType: 'multipart-form-data',
		bodyParameters: {
			parameters: [
				{ parameterType: 'formBinaryData', name: filePart, inputDataFieldName: 'file' },
				...fields.map(([name, value]) => ({ name, value })),
			],
		},
	};
}

export function stopAndError(
	name: string,
	position: [number, number],
	message: string,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.stopAndError',
		typeVersion: 1,
		position,
		parameters: { errorType: 'errorMessage', errorMessage: message },
	};
}

export function noOp(name: string, position: [number, number]): TemplateNode {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} };
}

/** The sticky-note paragraph every event-driven template shares: how to try it. */
export function tryItWith(events: string[]): string {
	return [
		'### Try it',
		'With the workflow active (or listening for a test event), send a signed sample delivery:',
		...events.map((e) => `\`npm run send-event -- ${e} --emulator\``),
		'(against the local emulator of `npm start`), or use **Send test** on the notification in the Vendor Portal.',
	].join('\n');
}

export const ERROR_HANDLING =
	"### When a CRM write fails\nEach CRM write is retried 3 times. If it still fails the execution stops and n8n keeps it, with the Replicated event, under **Executions** (retry it from there). Set an **Error workflow** in this workflow's settings to be alerted.";

/** The signup form decides which fields arrive (INFERRED payload): map them tolerantly. */
export function mapSignupFields(position: [number, number]): TemplateNode {
	return code('Map Signup Fields', position, codeFile('map-signup-fields'));
}

/**
 * The deal-won flow every CRM shares once it knows the won customer: Customer → Create (finds the
 * customer when its Custom ID exists), License → Convert for a trial, and one item per outcome
 * (`customerId`, `licenseType`, `expiresAt`) flowing into the CRM's `writeBack` node.
 */
export function paidLicense(
	column: number,
	row: number,
	customer: { name: string; customId: string },
	expiresAt: string,
	writeBack: string,
): { nodes: TemplateNode[]; links: Link[] } {
	return {
		nodes: [
			replicated('Create or Find Customer', at(column, row), {
				resource: 'customer',
				operation: 'create',
				appId: { __rl: true, mode: 'list', value: '' },
				name: customer.name,
				customId: customer.customId,
				email: '',
				licenseType: 'paid',
				channelId: '',
				expiresAt,
				entitlements: {},
				sendInvite: false,
				onExisting: 'return',
				installOptions: {},
			}),
			ifNode('Existing Trial?', at(column + 1, row), [
				{ left: '={{ $json.outcome }}', operator: equals, right: 'found' },
				{ left: '={{ $json.licenseType }}', operator: notEquals, right: 'paid' },
			]),
			replicated('Convert License', at(column + 2, row - 0.6), {
				resource: 'license',
				operation: 'convert',
				customer: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				licenseType: 'paid',
				expiryMode: 'set',
				expiresAt,
				entitlements: {},
				removeEntitlements: [],
				channelId: '',
			}),
			setFields('Converted License', at(column + 3, row - 0.6), [
				['customerId', '={{ $json.customerId }}', 'string'],
				['licenseType', '={{ $json.after.licenseType }}', 'string'],
				['expiresAt', '={{ $json.after.expiresAt }}', 'string'],
			]),
			setFields('New or Paid License', at(column + 3, row + 0.6), [
				['customerId', '={{ $json.id }}', 'string'],
				['licenseType', '={{ $json.licenseType }}', 'string'],
				['expiresAt', '={{ $json.expiresAt }}', 'string'],
			]),
		],
		links: [
			['Create or Find Customer', 'Existing Trial?'],
			['Existing Trial?', 'Convert License', 0],
			['Existing Trial?', 'New or Paid License', 1],
			['Convert License', 'Converted License'],
			['Converted License', writeBack],
			['New or Paid License', writeBack],
		],
	};
}
