/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
/**
 * Runs our nodes on n8n's own execution engine (n8n-core, pinned to the version the pinned n8n
 * ships), as n8n's node test harness does: a Workflow of our node, executed by WorkflowExecute, so
 * parameter defaults and expressions, continueOnFail, paired items, binary data and the HTTP
 * client are n8n's. Credentials are authenticated by n8n's own CredentialsHelper.authenticate (from
 * the installed n8n: it lives in the n8n package, not in n8n-core); only the credential store is
 * ours (a map, as in n8n's harness). The Replicated API stays the emulator.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n-core reads its settings from the environment when its services are first built.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-engine-'));
process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('hex');
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
import 'reflect-metadata';

import { createRequire } from 'node:module';
import {
	BinaryDataService,
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	ICredentialsHelper,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	NodeHelpers,
	Workflow,
	type ExecutionError,
} from 'n8n-workflow';

import { ReplicatedApi } from '../../credentials/ReplicatedApi.credentials';
import { ReplicatedWebhookApi } from '../../credentials/ReplicatedWebhookApi.credentials';
import { requireFromN8n } from './n8n-runtime';

// n8n-core's own copies of n8n's DI container and Logger (npm nests them under n8n-core).
const fromCore = createRequire(require.resolve('n8n-core'));
const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

// With the extension: tsx (which runs the benchmarks) resolves "Replicated.node" to the codex file
// Replicated.node.json beside it.
/* eslint-disable @typescript-eslint/no-require-imports */
const { Replicated } =
	require('../../nodes/Replicated/Replicated.node.ts') as typeof import('../../nodes/Replicated/Replicated.node');
const { ReplicatedTrigger } =
	require('../../nodes/Replicated/ReplicatedTrigger.node.ts') as typeof import('../../nodes/Replicated/ReplicatedTrigger.node');
/* eslint-enable @typescript-eslint/no-require-imports */
/**
 * The tool variant as n8n builds it for an AI Agent (n8n's NodeTypes: convertNodeToAiTool over
 * the action node, named `…replicatedTool`), so `@tool` display options and the type are n8n's.
 */
function asTool(): INodeType {
	const { convertNodeToAiTool } = requireFromN8n()('n8n/dist/tool-generation') as {
		convertNodeToAiTool: <T extends INodeType>(node: T) => T;
	};
	return convertNodeToAiTool(new Replicated());
}

const NODE_TYPES = {
	'n8n-nodes-replicated.replicated': () => new Replicated(),
	'n8n-nodes-replicated.replicatedTool': asTool,
	'n8n-nodes-replicated.replicatedTrigger': () => new ReplicatedTrigger(),
};
type NodeTypeName = keyof typeof NODE_TYPES;
const CREDENTIAL_TYPES = {
	replicatedApi: new ReplicatedApi(),
	replicatedWebhookApi: new ReplicatedWebhookApi(),
};

function nodeType(type: string) {
	const make = NODE_TYPES[type as NodeTypeName];
	if (!make) throw new Error(`the engine harness knows only our nodes, not ${type}`);
	return make();
}

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeType(type),
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeType(type), version),
	getKnownTypes: () => ({}),
};

type Authenticate = (
	this: unknown,
	credentials: ICredentialDataDecryptedObject,
	typeName: string,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
) => Promise<IHttpRequestOptions>;

type ResolveValue = (
	value: string,
	additionalKeys: IDataObject,
	workflow: Workflow,
	node: INode,
) => string;

let n8nCredentialsHelper:
	| { prototype: { authenticate: Authenticate; resolveValue: ResolveValue } }
	| undefined;

/** The n8n package's CredentialsHelper (not in n8n-core), loaded once. */
function credentialsHelperOfN8n() {
	n8nCredentialsHelper ??= (
		requireFromN8n()('n8n/dist/credentials-helper') as {
			CredentialsHelper: NonNullable<typeof n8nCredentialsHelper>;
		}
	).CredentialsHelper;
	return n8nCredentialsHelper;
}

/** n8n's CredentialsHelper.authenticate: resolves a credential's generic `authenticate`. */
const authenticateAsN8n = (): Authenticate => credentialsHelperOfN8n().prototype.authenticate;

/** The credential store is a map (as in n8n's harness); everything else is n8n's. */
class StoredCredentials extends ICredentialsHelper {
	constructor(private readonly stored: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes = () => [];

	isCredentialUsableByNode = () => true;

	getCredentialsProperties = (type: string) =>
		CREDENTIAL_TYPES[type as keyof typeof CREDENTIAL_TYPES]?.properties ?? [];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const credentialTypes = {
			getByName: (name: string) => CREDENTIAL_TYPES[name as keyof typeof CREDENTIAL_TYPES],
		};
		return await authenticateAsN8n().call(
			{ credentialTypes, resolveValue: resolveValueAsN8n },
			credentials,
			typeName,
			requestOptions,
			workflow,
			node,
		);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored[type];
		if (!data) throw new Error(`no ${type} credential in this test`);
		return { ...data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the engine harness');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

/** n8n's CredentialsHelper.resolveValue, which authenticate calls on `this`. */
function resolveValueAsN8n(
	this: unknown,
	value: string,
	additionalKeys: IDataObject,
	workflow: Workflow,
	node: INode,
): string {
	return credentialsHelperOfN8n().prototype.resolveValue.call(
		this,
		value,
		additionalKeys,
		workflow,
		node,
	);
}

/** Every line n8n's logger received (nodes log through `this.logger`, i.e. n8n's Logger). */
const logLines: string[] = [];
const capture =
	(level: string) =>
	(message: string, meta?: unknown): void => {
		logLines.push(`${level} ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`);
	};
Container.set(Logger, {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => Container.get(Logger),
} as never);

let binaryReady: Promise<void> | undefined;
/**
 * n8n's binary data store as n8n sets it up on start (by default on the filesystem, under the user
 * folder). Await it once before using the contexts (useEmulator does, in beforeAll).
 */
export async function binaryData(): Promise<BinaryDataService> {
	binaryReady ??= Container.get(BinaryDataService).init();
	await binaryReady;
	return Container.get(BinaryDataService);
}

export interface EngineOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as a workflow file holds them (expressions allowed: `={{ $json.x }}`). */
	parameters?: INodeParameters;
	items?: INodeExecutionData[];
	/** The node's On Error setting: true is "Continue", 'errorOutput' "Continue (using error output)". */
	continueOnFail?: boolean | 'errorOutput';
	/** Which of our nodes (default the action node) and its version (default its newest). */
	node?: { type: NodeTypeName; typeVersion: number; name: string };
	/** The workflow's static data, as n8n keeps it between executions (changed in place). */
	staticData?: IDataObject;
}

export interface NodeRun {
	/** What the node output on its main outputs, as n8n recorded it in the run data. */
	output: INodeExecutionData[][];
	/** The node's error as n8n recorded it, when the run failed. */
	error?: ExecutionError;
	/** n8n's whole run, for what the above leaves out. */
	run: IRun;
}

function workflowOf(options: EngineOptions): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'replicated-node',
		name: options.node?.name ?? 'Replicated',
		type: options.node?.type ?? 'n8n-nodes-replicated.replicated',
		typeVersion: options.node?.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: type, name: type }]),
		),
		...(options.continueOnFail
			? {
					onError:
						options.continueOnFail === 'errorOutput'
							? ('continueErrorOutput' as const)
							: ('continueRegularOutput' as const),
				}
			: {}),
	};
	const workflow = new Workflow({
		id: 'unit',
		name: 'unit',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
		...(options.staticData ? { staticData: options.staticData } : {}),
	});
	// The Workflow resolved the parameter defaults into its own copy of the node.
	return { workflow, node: workflow.getNode(node.name)! };
}

function additionalDataFor(
	options: EngineOptions,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new StoredCredentials(options.credentials),
		hooks,
		executionId: 'unit',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Executes the Replicated node once over the given items (default one empty item), as n8n runs a
 * workflow whose first node it is, and returns what n8n recorded.
 */
export async function runNode(options: EngineOptions): Promise<NodeRun> {
	await binaryData();
	const { workflow, node } = workflowOf(options);
	const hooks = new ExecutionLifecycleHooks('manual', 'unit', {
		id: 'unit',
		name: 'unit',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(
		additionalDataFor(options, hooks),
		'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		output: (task?.data?.main ?? []).map((items) => items ?? []),
		error: task?.error ?? run.data.resultData.error,
		run,
	};
}

/** The node's output, or its error thrown, as a test calling `execute` directly would see it. */
export async function executeNode(options: EngineOptions): Promise<INodeExecutionData[][]> {
	const { output, error } = await runNode(options);
	if (error) throw error;
	return output;
}

/**
 * n8n's own execution context for the node (what `this` is inside `execute`), for code that takes
 * the context directly: the transport, the operations' helpers.
 */
export function executeContext(
	options: EngineOptions,
): ExecuteContext & { readonly logLines: string[] } {
	const { workflow, node } = workflowOf(options);
	const items = options.items ?? [{ json: {} }];
	const executeData: IExecuteData = { node, data: { main: [items] }, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options),
		'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
	// What n8n's logger receives from now on (one test at a time uses a context).
	takeLogLines();
	const lines: string[] = [];
	return Object.defineProperty(context, 'logLines', {
		get: () => {
			lines.push(...takeLogLines());
			return lines;
		},
	}) as ExecuteContext & { readonly logLines: string[] };
}

/** n8n's load-options context (what `this` is in a picker's search or a loadOptions method). */
export function loadOptionsContext(options: EngineOptions): LoadOptionsContext {
	const { workflow, node } = workflowOf(options);
	const data = additionalDataFor(options);
	// The parameters as the editor holds them while the user edits (n8n sends them with the request).
	data.currentNodeParameters = options.parameters ?? {};
	return new LoadOptionsContext(workflow, node, data, 'parameters');
}

/** A binary property's bytes, read back from n8n's binary data store. */
export async function binaryBytes(binary: { id?: string; data: string }): Promise<Buffer> {
	return await (await binaryData()).getAsBuffer(binary as never);
}

/** Lines n8n's logger received since the last call (and clears them). */
export function takeLogLines(): string[] {
	return logLines.splice(0);
}
