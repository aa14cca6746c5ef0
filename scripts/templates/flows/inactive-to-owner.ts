import { type CrmAdapter, linked } from '../crm/adapter';
import {
	CONFIG,
	email,
	failure,
	INACTIVE_SUBJECT,
	INACTIVE_TEXT,
	inactiveOnline,
	T,
} from '../health/kit';
import { a, at, type Template, workflow } from '../kit';
import { about } from './about';

/**
 * A paid instance stopped checking in → its account's owner in the CRM is told, CS when the
 * customer has no account or the account no owner; air-gapped instances never check in and are
 * left alone.
 */
export function inactiveToOwner(crm: CrmAdapter): Template {
	const { health } = crm;
	const inactive = inactiveOnline(`${crm.crm}/inactive-to-owner`);
	const owner = health.owner(6, 0.2, `${T}.customId`);
	const [next] = owner.next;
	const text = {
		summary: `Online instance stopped checking in → email to the ${crm.tag} ${health.account} owner (CS when unknown) with the last check-in; air-gapped instances are left out`,
		prerequisites: ['An SMTP relay n8n can send through', ...health.ownerPrerequisites],
		workflowName: `Replicated health → ${crm.tag}: inactive instance to the account owner`,
		about: [
			'## Inactive instance → the account owner',
			`When a paid customer's instance stops checking in, the owner of its ${crm.tag} ${health.account} (read from ${health.ownerSource}) gets an email with the last check-in and a Vendor Portal link: the software may be down, or uninstalled. Customers not linked to ${a(health.account)}, or whose ${health.account} has no owner, go to CS. **Air-gapped instances are left out**: they never check in (the *air-gap bundle lapsed* template watches their cadence).`,
			'The event does not say whether the instance is air-gapped, so **Get Customer Instances** reads it from Replicated.',
			'',
			'### Configure',
			`1. Credentials: **Replicated account**, ${health.credential}, **SMTP account**.`,
			'2. In **Config**, set `csEmail` and `fromEmail`.',
			...health.ownerPrerequisites.map((p) => `3. In ${crm.tag}: ${p}.`),
		],
	};
	return {
		crm: crm.crm,
		slug: 'inactive-to-owner',
		summary: text.summary,
		prerequisites: text.prerequisites,
		userSets: [{ node: 'Config', parameter: 'assignments', what: 'CS and sender addresses' }],
		workflow: workflow(
			text.workflowName,
			[
				about(
					text,
					['instance.inactive'],
					failure('CRM read or the email', `${crm.tag} or the relay`),
				),
				...inactive.nodes,
				linked(crm, at(5, 0.6)),
				...owner.nodes,
				email(
					'Email Account Owner',
					at(next, 0.2),
					`={{ ${owner.email} || ${CONFIG}.csEmail }}`,
					INACTIVE_SUBJECT,
					INACTIVE_TEXT,
				),
				email('Email CS', at(6, 1.2), `={{ ${CONFIG}.csEmail }}`, INACTIVE_SUBJECT, INACTIVE_TEXT),
			],
			[
				...inactive.links,
				['Config', crm.linkedName],
				[crm.linkedName, owner.entry, 0],
				[crm.linkedName, 'Email CS', 1],
				...owner.links,
				...owner.exits.map((exit) => [exit, 'Email Account Owner'] as [string, string]),
			],
			['Health', crm.tag, 'Email'],
		),
	};
}
