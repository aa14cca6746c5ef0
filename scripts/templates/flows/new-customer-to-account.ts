import { type CrmAdapter, TRIGGER } from '../crm/adapter';
import {
	at,
	ifNode,
	isEmpty,
	isTrue,
	noOp,
	replicated,
	replicatedTrigger,
	type Template,
	workflow,
} from '../kit';
import { about } from './about';
import { after } from './linked-customer-flow';

const T = TRIGGER;

/**
 * A new customer (or its first Enterprise Portal user) that the CRM does not know yet → its account
 * and deal there, and the account's record ID stamped back on the customer as Custom ID, the join
 * key of every other flow. Customers with a Custom ID (made from the CRM) are skipped: no loop.
 */
export function newCustomerToAccount(crm: CrmAdapter): Template {
	const text = crm.accountFromNewCustomer;
	const setup = text.setup?.node(at(1));
	const column = setup ? 2 : 1;
	const isNew = `New to ${crm.tag}?`;
	const known = `Already in ${crm.tag}`;
	const write = text.write(column + 1, -0.4);
	const [stampColumn, stampRow] = write.next;
	const complete = text.afterStamp(stampColumn + 1, stampRow);
	const events = ['customer.created', 'customer.ep_user_joined'];
	return {
		crm: crm.crm,
		slug: text.slug,
		summary: text.summary,
		prerequisites: text.prerequisites,
		...(text.setup ? { userSets: text.setup.userSets } : {}),
		workflow: workflow(
			text.workflowName,
			[
				about(text, ['customer.created']),
				replicatedTrigger(`${crm.crm}/${text.slug}`, events, at(0)),
				...(setup ? [setup] : []),
				ifNode(
					isNew,
					at(column),
					[
						{ left: `={{ ${T}.customId }}`, operator: isEmpty },
						{
							left: `={{ ${T}.event === 'customer.created' || ${T}.data.is_first_user === true }}`,
							operator: isTrue,
						},
					],
					'and',
				),
				noOp(known, at(column + 1, 0.8)),
				...write.nodes,
				replicated('Stamp Custom ID', at(stampColumn, stampRow), {
					resource: 'customer',
					operation: 'update',
					customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
					updateFields: { customId: write.accountId },
				}),
				...complete.nodes,
			],
			[
				...after('Replicated Trigger', setup, isNew),
				[isNew, write.entry, 0],
				[isNew, known, 1],
				...write.links,
				...write.exits.map((exit) => [exit, 'Stamp Custom ID'] as [string, string]),
				['Stamp Custom ID', complete.entry],
				...complete.links,
			],
			[crm.tag],
		),
	};
}
