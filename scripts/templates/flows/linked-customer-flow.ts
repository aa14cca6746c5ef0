import {
	type CrmAdapter,
	type Fragment,
	type FlowText,
	linked,
	notLinked,
	type Setup,
	type UserSet,
} from '../crm/adapter';
import {
	at,
	type Link,
	type Parameters,
	replicatedTrigger,
	type Template,
	type TemplateNode,
	workflow,
} from '../kit';
import { about } from './about';

/**
 * The shape of every flow about a customer the CRM knows: Replicated events → (the user's setup) →
 * customers whose Custom ID is a CRM record go on to `write`, the others stop.
 */
export function linkedCustomerFlow(
	crm: CrmAdapter,
	flow: {
		slug: string;
		events: string[];
		/** The sample deliveries the sticky note suggests (default: every event). */
		tryIt?: string[];
		filters?: Parameters;
		text: FlowText;
		setup?: Setup;
		write: (column: number, row: number) => Fragment;
		/** The sticky note's last paragraph: what happens when a write fails (default: a CRM write). */
		failure?: string;
		tags?: string[];
		userSets?: UserSet[];
	},
): Template {
	const column = flow.setup ? 2 : 1;
	const write = flow.write(column + 1, -0.4);
	const setup = flow.setup?.node(at(1));
	return {
		crm: crm.crm,
		slug: flow.slug,
		summary: flow.text.summary,
		prerequisites: flow.text.prerequisites,
		...(flow.setup || flow.userSets
			? { userSets: [...(flow.setup?.userSets ?? []), ...(flow.userSets ?? [])] }
			: {}),
		workflow: workflow(
			flow.text.workflowName,
			[
				about(flow.text, flow.tryIt ?? flow.events, flow.failure),
				replicatedTrigger(`${crm.crm}/${flow.slug}`, flow.events, at(0), {
					...(flow.filters ? { filters: flow.filters } : {}),
				}),
				...(setup ? [setup] : []),
				linked(crm, at(column)),
				notLinked(crm, at(column + 1, 0.8)),
				...write.nodes,
			],
			[
				...after('Replicated Trigger', setup, crm.linkedName),
				[crm.linkedName, write.entry, 0],
				[crm.linkedName, crm.notLinkedName, 1],
				...write.links,
			],
			flow.tags ?? [crm.tag],
		),
	};
}

/** `from` → `to`, through the setup node when there is one. */
export const after = (from: string, setup: TemplateNode | undefined, to: string): Link[] =>
	setup
		? [
				[from, setup.name],
				[setup.name, to],
			]
		: [[from, to]];
