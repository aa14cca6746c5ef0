import { instanceField } from '../crm/adapter';
import {
	at,
	equals,
	ifNode,
	noOp,
	replicatedTrigger,
	setFields,
	sticky,
	type Template,
	tryItWith,
	workflow,
} from '../kit';
import { CONFIG, email, failure, INSTANCE, instanceFromApi, PORTAL, T, THIS_INSTANCE } from './kit';

/** How many versions behind: the payload's count if it has one, else the trigger's threshold. */
const BEHIND = `(${T}.data.versions_behind || 'at least ' + ${T}.filters.versionsBehind)`;

/** Health routing without a CRM: a paid instance versions behind → email to the CS owner. */
export const versionBehindEmail: Template = {
	crm: 'health',
	slug: 'version-behind-email',
	summary:
		'Paid instance 3 or more versions behind → email to the CS owner with the versions and a Vendor Portal link',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'CS owner and sender addresses' }],
	workflow: workflow(
		'Replicated health: version behind to CS email',
		[
			sticky(
				'About',
				[
					'## Version behind → email to the CS owner',
					"When a paid customer's instance falls **3 or more releases behind** its channel, the CS owner gets an email with the version it runs, the latest one and a link to the customer in the Vendor Portal: the nudge to plan an upgrade before support gets harder.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **SMTP account**.',
					"2. In **Config**, set `csOwnerEmail` (a person or the CS team inbox) and `fromEmail`. To mail each account's own CSM, replace `csOwnerEmail` with a lookup in your CRM by `customId`.",
					"3. The threshold is the trigger's **Version Behind: Versions Behind** setting (Replicated evaluates it). The event's filter table has no license type, so **Paid?** checks the customer's license as Replicated reports it.",
					'The version the instance runs is read from Replicated (**Get Customer Instances**): the count and the newest version are used when the event carries them, and the threshold is named when it does not.',
					"The Vendor Portal link layout (`/apps/<app>/customer/<id>/manage`) is taken from Replicated's docs example (INFERRED).",
					'',
					tryItWith(['instance.version_behind']),
					'',
					failure('delivery to the SMTP relay', 'the relay'),
				].join('\n'),
				at(-1, -2),
				{ height: 600 },
			),
			replicatedTrigger('health/version-behind-email', ['instance.version_behind'], at(0), {
				settings: { versionsBehind: 3 },
			}),
			ifNode('Paid?', at(1), [
				{ left: `={{ ${T}.customer.licenseType }}`, operator: equals, right: 'paid' },
			]),
			noOp('Not Paid: Nothing to Do', at(2, 0.8)),
			...instanceFromApi(2),
			setFields('Config', at(4), [
				['csOwnerEmail', 'cs-team@example.com', 'string'],
				['fromEmail', 'replicated-alerts@example.com', 'string'],
			]),
			email(
				'Email CS Owner',
				at(5),
				`={{ ${CONFIG}.csOwnerEmail }}`,
				`={{ ${T}.customer.name }} is {{ ${BEHIND} }} versions behind on {{ ${T}.app.name || 'your app' }}`,
				[
					`={{ ${T}.customer.name }} (CRM ID {{ ${T}.customId || 'not linked' }}) runs {{ ${INSTANCE}.versionLabel || ${instanceField('appVersion')} || 'a version Replicated did not report' }} on {{ ${THIS_INSTANCE('one of its instances')} }}.`,
					`{{ ${T}.data.latest_version ? 'The latest release on ' + (${T}.data.channel_name || 'its channel') + ' is ' + ${T}.data.latest_version + ': ' + ${BEHIND} + ' versions behind.' : 'That is ' + ${BEHIND} + ' releases behind the newest on ' + (${T}.customer.channel || 'its channel') + '.' }}`,
					'',
					'Older versions are harder to support and miss fixes the customer paid for. Worth a call to plan the upgrade.',
					'',
					`Vendor Portal: ${PORTAL(`${T}.app.slug`, `${T}.customer.id`)}`,
				].join('\n'),
			),
		],
		[
			['Replicated Trigger', 'Paid?'],
			['Paid?', 'Get Customer Instances', 0],
			['Paid?', 'Not Paid: Nothing to Do', 1],
			['Get Customer Instances', 'This Instance'],
			['This Instance', 'Config'],
			['Config', 'Email CS Owner'],
		],
		['Health', 'Email'],
	),
};
