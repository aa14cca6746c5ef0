/**
 * This n8n's published workflows that hold a Replicated Trigger, read from n8n's public API
 * (`GET /api/v1/workflows?active=true`, the endpoint n8n's own n8n node calls for Workflow → Get
 * Many) with an API key of this n8n (`X-N8N-API-KEY`, base URL ending in `/api/v1`). Read here rather than by n8n's n8n node in the workflow: its items carry each
 * workflow's whole static data, where the trigger keeps its signing secret, into the execution
 * log. Only the fields below are kept; the secret is never read.
 */
import {
	type IDataObject,
	type IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
	type JsonObject,
} from 'n8n-workflow';
import { z } from 'zod/v4';

/** An API key of this n8n (credentials/ReplicatedN8nApi.credentials.ts). */
export const N8N_API_CREDENTIAL = 'replicatedN8nApi';
export const TRIGGER_TYPE = 'n8n-nodes-replicated.replicatedTrigger';

/** n8n's public API: `limit` is at most 250 (openapi.yml, parameters/limit). */
const PAGE_SIZE = 100;
/** 10,000 workflows: a listing stops here whatever the cursor says. */
const MAX_PAGES = 100;

/** The part of a trigger's registration record (trigger/lifecycle/registration.ts) read here. */
const registrationRecord = z.looseObject({
	subscriptionId: z.string().optional().catch(undefined),
	instanceId: z.string().optional().catch(undefined),
});

const nodesSchema = z
	.array(
		z.looseObject({
			name: z.string().catch(''),
			type: z.string().catch(''),
			disabled: z.boolean().optional().catch(undefined),
			webhookId: z.string().optional().catch(undefined),
			parameters: z.looseObject({}).catch({}),
		}),
	)
	.catch([]);

/** n8n's public API workflow (openapi.yml `workflow`), the fields read here. */
const workflowSchema = z.looseObject({
	id: z.string(),
	name: z.string().catch(''),
	active: z.boolean().catch(false),
	/** The draft: what the editor shows. */
	nodes: nodesSchema,
	/** What runs (n8n 2.x publishing: `activeVersion`, workflows.public.controller.js). */
	activeVersion: z.looseObject({ nodes: nodesSchema }).nullish().catch(null),
	/** n8n keeps a node's static data under `node:<node name>`. */
	staticData: z.record(z.string(), z.unknown()).nullish().catch(null),
});

const pageSchema = z.looseObject({
	data: z.array(z.unknown()),
	nextCursor: z.string().nullish(),
});

/** A published Replicated Trigger: where it is, and what it saved about its subscription. */
export interface ActiveTrigger {
	workflowId: string;
	workflowName: string;
	nodeName: string;
	/** Its production URL ends in `/<webhookId>/webhook` (ReplicatedTrigger.node.ts `webhooks`). */
	webhookId: string;
	/** Automatic (the trigger registers its subscription) or manual (the user's). */
	automatic: boolean;
	/** Saved by the trigger when it registered (automatic only). */
	subscriptionId?: string;
	/** The n8n that registered it: another one's record came with an imported workflow. */
	instanceId?: string;
}

function triggersOf(workflow: z.output<typeof workflowSchema>): ActiveTrigger[] {
	return (workflow.activeVersion?.nodes ?? workflow.nodes)
		.filter((n) => n.type === TRIGGER_TYPE && n.disabled !== true && n.webhookId)
		.map((node) => {
			const saved = registrationRecord.safeParse(workflow.staticData?.[`node:${node.name}`] ?? {});
			const record = saved.success ? saved.data : {};
			return {
				workflowId: workflow.id,
				workflowName: workflow.name,
				nodeName: node.name,
				webhookId: node.webhookId!,
				automatic: node.parameters.registration !== 'manual',
				...(record.subscriptionId ? { subscriptionId: record.subscriptionId } : {}),
				...(record.instanceId ? { instanceId: record.instanceId } : {}),
			};
		});
}

/** The URL as an error may show it: no user, password or query, and not too long. */
function shown(url: string): string {
	try {
		const { origin, pathname } = new URL(url);
		return `${origin}${pathname}`.slice(0, 200);
	} catch {
		return '(not a URL)';
	}
}

/** What to say when n8n refuses or cannot be reached: the credential, never its key. */
function n8nApiError(ctx: IExecuteFunctions, error: unknown, baseUrl: string): Error {
	const status = (error as { httpCode?: string }).httpCode;
	const fix =
		status === '401' || status === '403'
			? 'Check the Replicated Trigger Health API credential: an API key of this n8n (Settings → n8n API), with the workflow:list scope where n8n offers scopes'
			: `Check the n8n API URL of the Replicated Trigger Health API credential (now "${shown(baseUrl)}"): this n8n's address followed by /api/v1, as n8n itself reaches it`;
	return new NodeApiError(ctx.getNode(), error as JsonObject, {
		message: `n8n's API did not list the published workflows${status ? ` (HTTP ${status})` : ''}`,
		description: fix,
	});
}

/** Every published workflow's Replicated Triggers, a page of workflows at a time. */
export async function activeTriggers(ctx: IExecuteFunctions): Promise<ActiveTrigger[]> {
	const { baseUrl } = await ctx.getCredentials<{ baseUrl?: string }>(N8N_API_CREDENTIAL);
	const base = String(baseUrl ?? '').replace(/\/+$/, '');
	if (!/^https?:\/\//.test(base))
		throw new NodeOperationError(
			ctx.getNode(),
			'The Replicated Trigger Health API credential has no n8n API URL',
			{
				description:
					"Set it to this n8n's address followed by /api/v1, e.g. http://localhost:5678/api/v1",
			},
		);
	const triggers: ActiveTrigger[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		let body: unknown;
		try {
			body = await ctx.helpers.httpRequestWithAuthentication.call(ctx, N8N_API_CREDENTIAL, {
				method: 'GET',
				url: `${base}/workflows`,
				qs: {
					active: true,
					excludePinnedData: true,
					limit: PAGE_SIZE,
					...(cursor ? { cursor } : {}),
				} as IDataObject,
				json: true,
			});
		} catch (error) {
			throw n8nApiError(ctx, error, base);
		}
		const listed = pageSchema.safeParse(body);
		if (!listed.success)
			throw new NodeOperationError(
				ctx.getNode(),
				"n8n's API answered the workflow list in a form not expected",
				{
					description: `Is the credential's n8n API URL (now "${shown(base)}") this n8n's /api/v1?`,
				},
			);
		for (const entry of listed.data.data) {
			const workflow = workflowSchema.safeParse(entry);
			if (workflow.success && workflow.data.active) triggers.push(...triggersOf(workflow.data));
		}
		cursor = listed.data.nextCursor ?? undefined;
		if (!cursor) return triggers;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`More than ${MAX_PAGES * PAGE_SIZE} published workflows`,
		{
			description:
				'Check Trigger Health compares at most this many; turn off Compare With Published Workflows to check the subscriptions alone',
		},
	);
}
