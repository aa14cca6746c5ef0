import { at, sticky, type Template, tryItWith, workflow } from '../kit';
import { CONFIG, email, failure, INACTIVE_SUBJECT, INACTIVE_TEXT, inactiveOnline } from './kit';

const inactive = inactiveOnline('health/inactive-to-cs');

/** Health routing without a CRM: an online instance stopped checking in → email to CS. */
export const inactiveToCs: Template = {
	crm: 'health',
	slug: 'inactive-to-cs',
	summary:
		'Online instance stopped checking in → email to CS with the last check-in; air-gapped instances (which never check in) are left out',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'CS and sender addresses' }],
	workflow: workflow(
		'Replicated health: inactive instance to CS',
		[
			sticky(
				'About',
				[
					'## Inactive instance → CS',
					"When a paid customer's instance stops checking in, CS gets an email with the last check-in and a Vendor Portal link: the software may be down, or uninstalled. **Air-gapped instances are left out**: they never check in, they report by uploaded bundle (the Score Customers operation watches their cadence instead).",
					'The event does not say whether the instance is air-gapped, so **Get Customer Instances** reads it from Replicated.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **SMTP account**.',
					'2. In **Config**, set `csEmail` and `fromEmail`.',
					'',
					tryItWith(['instance.inactive']),
					'',
					failure('delivery to the SMTP relay', 'the relay'),
				].join('\n'),
				at(-1, -2),
				{ height: 560 },
			),
			...inactive.nodes,
			email('Email CS', at(5, 0.6), `={{ ${CONFIG}.csEmail }}`, INACTIVE_SUBJECT, INACTIVE_TEXT),
		],
		[...inactive.links, ['Config', 'Email CS']],
		['Health', 'Email'],
	),
};
