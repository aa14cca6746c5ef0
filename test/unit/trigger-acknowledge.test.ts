/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test: runs a description template the way an expression engine would */
import {
	type IWebhookDescription,
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type INode,
} from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';

const webhook = new ReplicatedTrigger().description.webhooks![0] as IWebhookDescription;
const node = (options: Record<string, unknown>) =>
	({ parameters: { registration: 'manual', options } }) as unknown as INode;
const FIELDS = ['responseMode', 'responseData'] as const;

describe('Acknowledge Deliveries: how n8n answers a delivery', () => {
	it.each([
		[{}, 'onReceived', ''],
		[{ acknowledge: 'onReceipt' }, 'onReceived', ''],
		[{ acknowledge: 'afterRun' }, 'lastNode', 'noData'],
	])('with options %j: response mode %s, response data %j', (options, mode, data) => {
		expect(FIELDS.map((f) => resolveWebhookDescriptionField(node(options), webhook, f))).toEqual([
			{ resolved: true, value: mode },
			{ resolved: true, value: data },
		]);
	});

	it("is resolved without n8n's expression engine, so it costs no isolate per delivery", () => {
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
	});

	it('gives the same answers through the expression template (older n8n, or parameters with expressions)', () => {
		for (const acknowledge of [undefined, 'onReceipt', 'afterRun', 'other'])
			for (const field of FIELDS) {
				const template = webhook[field] as string;
				const match = /^=\{\{(.*)\}\}$/s.exec(template);
				expect(match).not.toBeNull();
				// Run with no access to the module's scope: the template must be self-contained.
				const evaluate = new Function('$parameter', `return ${match![1]};`) as (
					p: unknown,
				) => unknown;
				const parameters = { options: acknowledge ? { acknowledge } : {} };
				const native = resolveWebhookDescriptionField(node(parameters.options), webhook, field);
				expect(native.resolved && evaluate(parameters) === native.value).toBe(true);
			}
	});
});
