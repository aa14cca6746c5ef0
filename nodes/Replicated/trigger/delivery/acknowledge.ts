/**
 * When the trigger answers Replicated. "onReceipt": as soon as a delivery is verified, and retries of
 * it are ignored. "afterRun": when the execution has ended (n8n's "last node" response mode), 200 on
 * success and 500 on failure, so Replicated delivers a failed or lost execution again; retries are
 * then let through (the workflow's writes must be idempotent).
 */
export type Acknowledge = 'onReceipt' | 'afterRun';

/**
 * Resolvers n8n ≥ 2.x reads under this global symbol to compute a webhook-description field from the
 * node's parameters without its expression engine (an isolate per delivery under the vm engine).
 * The template must be exactly `={{(<resolver source>)($parameter)}}`, the form n8n-workflow's own
 * `fromFunction` produces; older n8n versions ignore the symbol and evaluate the template, which runs
 * the same function. So each resolver must be self-contained.
 */
export const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

type Resolver = (parameters: { options?: { acknowledge?: string } }) => string;

const responseMode: Resolver = (p) =>
	p.options && p.options.acknowledge === 'afterRun' ? 'lastNode' : 'onReceived';
// '' lets n8n answer with the trigger's own acknowledgment; after a run the body is empty.
const responseData: Resolver = (p) =>
	p.options && p.options.acknowledge === 'afterRun' ? 'noData' : '';

const field = (resolve: Resolver) => ({
	template: `={{(${String(resolve)})($parameter)}}`,
	resolve,
});

/** Spread into the trigger's webhook description. */
export function acknowledgeFields() {
	const fields = { responseMode: field(responseMode), responseData: field(responseData) };
	return {
		responseMode: fields.responseMode.template,
		responseData: fields.responseData.template,
		[WEBHOOK_RESOLVERS]: fields,
	};
}
