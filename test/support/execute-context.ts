import {
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { ReplicatedApi } from '../../credentials/ReplicatedApi.credentials';
import { requireFromN8n } from './n8n-runtime';

interface OutboundHttp {
	requests(): { request(options: IHttpRequestOptions): Promise<unknown> };
}

let outbound: OutboundHttp | undefined;

/** n8n's real outbound HTTP client (the code behind helpers.httpRequest), loaded from the installed n8n. */
function n8nHttp(): OutboundHttp {
	if (!outbound) {
		const req = requireFromN8n();
		req('reflect-metadata');
		const { Container } = req('@n8n/di') as { Container: { get<T>(token: unknown): T } };
		const { OutboundHttp } = req('@n8n/backend-network') as { OutboundHttp: unknown };
		outbound = Container.get<OutboundHttp>(OutboundHttp);
	}
	return outbound;
}

/** Applies the credential's own `authenticate` block (generic headers with `$credentials.x`). */
function authenticate(options: IHttpRequestOptions, credentials: IDataObject): IHttpRequestOptions {
	const headers = { ...(options.headers ?? {}) } as IDataObject;
	const generic = new ReplicatedApi().authenticate.properties.headers ?? {};
	for (const [name, template] of Object.entries(generic)) {
		const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(String(template));
		if (!match) throw new Error(`test harness cannot resolve ${String(template)}`);
		headers[name] = String(credentials[match[1]] ?? '');
	}
	return { ...options, headers };
}

export interface ContextOptions {
	credentials: { apiToken: string; baseUrl: string; allowPrivateWebhookUrls?: boolean };
	/** Node parameters; the same for every item unless a function of the item index. */
	parameters?: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

export interface TestContext extends IExecuteFunctions {
	/** Every line logged through `this.logger`, to check that no secret is ever logged. */
	logLines: string[];
}

/**
 * The parts of IExecuteFunctions our node uses, backed by n8n's real HTTP client. Authentication is
 * applied from the credential class itself; the e2e tests cover the same code inside a real n8n.
 */
export function createExecuteContext(options: ContextOptions): TestContext {
	const node: INode = {
		id: 'test-node',
		name: 'Replicated',
		type: 'n8n-nodes-replicated.replicated',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const logLines: string[] = [];
	const log = (level: string) => (message: string, meta?: unknown) =>
		logLines.push(`${level} ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`);
	const parametersFor = (i: number): IDataObject =>
		typeof options.parameters === 'function' ? options.parameters(i) : (options.parameters ?? {});

	const ctx = {
		logLines,
		getNode: () => node,
		getInputData: () => options.items ?? [{ json: {} }],
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => ({ ...options.credentials }),
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			opts?: { extractValue?: boolean },
		) => {
			const value = parametersFor(itemIndex)[name];
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`parameter ${name} is not set in the test`);
				return fallback;
			}
			if (
				opts?.extractValue &&
				value &&
				typeof value === 'object' &&
				'value' in (value as IDataObject)
			) {
				return (value as IDataObject).value;
			}
			return value;
		},
		/** As in load-options methods: the node's parameters as the editor holds them, by path. */
		getCurrentNodeParameter: (path: string) =>
			path
				.split('.')
				.reduce<unknown>(
					(at, key) => (at && typeof at === 'object' ? (at as IDataObject)[key] : undefined),
					parametersFor(0),
				),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			/** Stands in for n8n's binary store: reads the stream fully, as the default filesystem mode writes it. */
			async prepareBinaryData(
				data: Buffer | AsyncIterable<Buffer>,
				fileName?: string,
				mimeType?: string,
			) {
				const chunks: Buffer[] = [];
				if (Buffer.isBuffer(data)) chunks.push(data);
				else for await (const chunk of data) chunks.push(Buffer.from(chunk));
				const buffer = Buffer.concat(chunks);
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType,
					fileSize: String(buffer.length),
				};
			},
			async httpRequestWithAuthentication(_type: string, requestOptions: IHttpRequestOptions) {
				try {
					return await n8nHttp()
						.requests()
						.request(authenticate(requestOptions, options.credentials));
				} catch (error) {
					// What n8n-core's httpRequestWithAuthentication does with any failure.
					throw new NodeApiError(node, error as JsonObject);
				}
			},
		},
	};
	return ctx as unknown as TestContext;
}
