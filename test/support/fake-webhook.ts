import { createHmac } from 'crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { handleDelivery } from '../../nodes/Replicated/trigger/delivery/handle-delivery';

/**
 * The Replicated Trigger's webhook() in process, without HTTP: a delivery goes in, its answer and
 * whether it started a run come out. Replicated's delivery log is a function of the request, so a
 * property test can run thousands of deliveries in seconds. Static data persists between calls as
 * n8n keeps it for one webhook process.
 */
export interface FakeTrigger {
	deliver(
		body: string,
		secret?: string,
	): Promise<{ status: number; body: IDataObject; ran: boolean; finish: () => void }>;
	staticData: IDataObject;
}

export interface FakeTriggerOptions {
	/** The trigger's Options collection. */
	options: IDataObject;
	/** What Replicated's log answers to GET /v3/notification_events (its `events`). */
	logged: () => IDataObject[];
	secret: string;
	/** Distinct per trigger: the trigger keeps per-process records by workflow and node. */
	workflowId: string;
	/** Leave the request open after webhook() returns, as n8n does until an afterRun run ends. */
	answerLater?: boolean;
	/** The node's static data as n8n hands it over (default: a plain object). */
	staticData?: IDataObject;
}

export function fakeTrigger(o: FakeTriggerOptions): FakeTrigger {
	const staticData: IDataObject = o.staticData ?? {};
	Object.assign(staticData, { subscriptionId: 'sub-fake', webhookSecret: o.secret });
	const parameters: IDataObject = { registration: 'auto', events: ['*'], options: o.options };
	const deliver = async (body: string, secret = o.secret) => {
		let status = 200;
		let answer: IDataObject = {};
		let answered = false;
		const finished: Array<() => void> = [];
		const res = {
			writableFinished: false,
			once(_event: 'finish', listener: () => void) {
				finished.push(listener);
			},
			status(code: number) {
				status = code;
				return res;
			},
			json(value: IDataObject) {
				answer = value;
				answered = true;
				return res;
			},
		};
		const ctx = {
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getWorkflowStaticData: () => staticData,
			getRequestObject: () => ({
				headers: {
					'x-replicated-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
				},
				rawBody: Buffer.from(body),
				ip: '203.0.113.9',
			}),
			getResponseObject: () => res,
			getWorkflow: () => ({ id: o.workflowId, name: 'fuzz', active: true }),
			getNode: () => ({ id: 'node-1', name: 'Replicated Trigger', type: 'replicatedTrigger' }),
			getMode: () => 'webhook',
			getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/fuzz/webhook',
			getCredentials: async () => ({ apiToken: 'token', baseUrl: 'https://replicated.invalid' }),
			logger: { info: () => {}, warn: () => {}, debug: () => {}, error: () => {} },
			helpers: {
				returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
				httpRequestWithAuthentication: async (_type: string, request: { url: string }) => {
					if (!request.url.includes('/v3/notification_events'))
						return { statusCode: 404, headers: {}, body: { message: 'not found' } };
					const events = o.logged();
					return { statusCode: 200, headers: {}, body: { events, totalCount: events.length } };
				},
			},
		} as unknown as IWebhookFunctions;
		const result = await handleDelivery.call(ctx);
		if (!answered) answer = (result.webhookResponse as IDataObject) ?? {};
		// n8n has answered: the trigger stops keeping its static data marked as changed. After a
		// run (afterRun), n8n answers when the run ends: the caller says when, or now.
		const finish = () => {
			res.writableFinished = true;
			for (const listener of finished.splice(0)) listener();
		};
		if (!o.answerLater) finish();
		return { status, body: answer, ran: Boolean(result.workflowData), finish };
	};
	return { deliver, staticData };
}
