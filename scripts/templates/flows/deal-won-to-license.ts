import type { CrmAdapter } from '../crm/adapter';
import { at, noOp, paidLicense, type Template, workflow } from '../kit';
import { about } from './about';

/**
 * The CRM's deal is won → its account gets a paid Replicated license: the customer created with the
 * account's record ID as Custom ID (found when it exists), a trial converted to paid, and the
 * outcome written back to the deal. A deal already provisioned is skipped: no loop.
 */
export function dealWonToLicense(crm: CrmAdapter): Template {
	const text = crm.licenseFromWonDeal;
	const won = text.won();
	const [column, row] = won.next;
	const writeBack = text.writeBack(at(column + 5, row));
	const provision = paidLicense(column + 1, row, text.customer, text.expiresAt, writeBack.name);
	const account = text.account(at(column, row));
	return {
		crm: crm.crm,
		slug: 'deal-won-to-license',
		summary: text.summary,
		prerequisites: text.prerequisites,
		userSets: text.userSets,
		workflow: workflow(
			text.workflowName,
			[
				about(text),
				...won.nodes,
				noOp('Nothing to Do', at(column, row + 1.2)),
				account,
				...provision.nodes,
				writeBack,
			],
			[
				...won.links,
				...won.exits.map((exit) => [exit, account.name, 0] as [string, string, number]),
				...won.exits.map((exit) => [exit, 'Nothing to Do', 1] as [string, string, number]),
				[account.name, 'Create or Find Customer'],
				...provision.links,
			],
			[crm.tag],
		),
	};
}
