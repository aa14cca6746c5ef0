import type { MilestoneItem } from '../../../nodes/Replicated/schemas/milestone-item';
import { type CrmAdapter, type RevenueDateFields, TRIGGER } from '../crm/adapter';
import { at, code, ifNode, numberGt, replicated, type Template } from '../kit';
import { codeFile } from '../code/inline';
import { linkedCustomerFlow } from './linked-customer-flow';

/** Where each revenue date comes from in Milestone → Get's item (policy first access, paid). */
const MILESTONE: Record<keyof RevenueDateFields, string> = {
	provisioned: 'invitedAt',
	firstAccess: 'paidMilestones.firstAccess.at',
	firstDownload: 'paidMilestones.firstDownload.at',
	confirmedRunning: 'confirmedRunningAt',
};

/** The paid milestones that may predate Replicated's per-license-type records, and their labels. */
const PAID: Array<[keyof RevenueDateFields & keyof MilestoneItem['paidMilestones'], string]> = [
	['firstAccess', 'First access'],
	['firstDownload', 'First download'],
];

/**
 * Each lifecycle milestone of a paid customer → the revenue-recognition dates on the account's won
 * deal, each written once (a date already on the deal is never changed). A paid date Replicated
 * cannot tell (first access or download before it recorded them per license type, 2026-03-27)
 * stays empty and the reason goes in the deal's note field, unless Get Milestones is set to take
 * the date of any license type (then the note labels it).
 */
export function milestonesToRevenue(crm: CrmAdapter): Template {
	const deal = crm.revenueDates;
	const fields = Object.entries(MILESTONE).map(
		([key, path]) => [deal.fields[key as keyof RevenueDateFields], path] as const,
	);
	return linkedCustomerFlow(crm, {
		slug: 'milestones-to-revenue',
		events: [
			'customer.ep_invite_sent',
			'customer.ep_access_granted',
			'release.asset_downloaded',
			'instance.ready',
		],
		tryIt: ['customer.ep_access_granted', 'instance.ready'],
		filters: { licenseTypes: ['paid'] },
		text: deal,
		setup: deal.setup,
		write: (column, row) => {
			const find = deal.findWonDeal(at(column + 1, row));
			const set = deal.setDates(at(column + 4, row - 0.4));
			return {
				entry: 'Get Milestones',
				nodes: [
					replicated('Get Milestones', at(column, row), {
						resource: 'milestone',
						operation: 'get',
						customer: { __rl: true, mode: 'id', value: `={{ ${TRIGGER}.customer.id }}` },
						policy: 'firstAccess',
						recognitionLicenseType: 'paid',
						options: { confirmedRunning: true, beforeTracking: 'leaveEmpty' },
					}),
					find,
					code(
						'Dates Not Yet Set',
						at(column + 2, row),
						codeFile('dates-not-yet-set', {
							__FIELDS_ON_DEAL__: deal.fieldsOnDeal,
							__READ_DEAL__: deal.readDeal,
							__CANDIDATES__: fields
								.map(([field, path]) => `  ${field}: m.${path} ?? null,`)
								.join('\n'),
							__NOTE_FIELD__: deal.noteField,
							__PAID__: PAID.map(
								([key, label]) =>
									`  [${JSON.stringify(label)}, m.paidMilestones.${key}, ${JSON.stringify(deal.fields[key])}],`,
							).join('\n'),
							__NOTE_FIELD_JSON__: JSON.stringify(deal.noteField),
						}),
					),
					ifNode('Anything New?', at(column + 3, row), [
						{ left: '={{ $json.count }}', operator: numberGt, right: 0 },
					]),
					set,
				],
				links: [
					['Get Milestones', find.name],
					[find.name, 'Dates Not Yet Set'],
					['Dates Not Yet Set', 'Anything New?'],
					['Anything New?', set.name, 0],
				],
			};
		},
	});
}
