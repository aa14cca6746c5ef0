import { type CrmAdapter, type FulfillmentSteps, ORDER, ORDER_NODE } from '../crm/adapter';
import { escaped } from '../escape';
import { CONFIG, schedule, SMTP } from '../health/kit';
import {
	at,
	code,
	crmWrite,
	ifNode,
	isNotEmpty,
	type Link,
	replicated,
	setFields,
	sticky,
	type Template,
	type TemplateNode,
	workflow,
} from '../kit';
import { codeFile } from '../code/inline';

export const FULFILLMENT_SLUG = 'fulfill-license';

/** What every fulfillment template's sticky note ends with: failures, and how to try it. */
function aboutTail(record: string): string[] {
	return [
		'### When it cannot fulfil',
		`A problem with ${record} itself (no contact email, no base product, an app or channel Replicated does not have, an entitlement the app does not define) is written to ${record}'s fulfillment error field instead, and the other orders go on. Fix it, clear the field, and the next run fulfils it.`,
		'',
		'### When a CRM write or the email fails',
		`It is retried 3 times. If it still fails the run stops and n8n keeps it under **Executions**; ${record} is not marked fulfilled, so the next run takes it again (the customer is found by its Custom ID, not created twice). Set an **Error workflow** in the workflow settings to be alerted.`,
		'',
		'### n8n before 2.27.4',
		"Send Email's *Attachments (File)* came in n8n 2.27.4. On an older n8n, put `license,instructions` in **Email License and Instructions** → *Attachments (Inline)* instead (mail clients that hide inline parts may not list them).",
		'',
		'### Test it',
		`Click **Execute workflow** to check for ready orders now. Run it again: ${record} marked fulfilled is not sent anything new.`,
	];
}

/** Replicated steps whose failure is the order's, not the run's: their error output records it. */
const onErrorRecord = { onError: 'continueErrorOutput' as const };

const INSTRUCTIONS = "$('Get Install Instructions').item.json";

/**
 * The license email: a greeting, the instructions, and the two files attached. The contact's name
 * comes from the CRM and the app's name from Replicated: both escaped for HTML (the instructions'
 * HTML is the package's, escaped where it is rendered).
 */
const EMAIL_HTML = [
	`={{ '<p>Hello' + (${ORDER}.contactName ? ' ' + ${escaped('escapeHtml', `${ORDER}.contactName`)} : '') + ',</p>' }}`,
	`<p>Thank you for your order. Your {{ ${escaped('escapeHtml', `${INSTRUCTIONS}.app.name`)} }} license is ready: the license file and these instructions are attached.</p>`,
	`{{ ${INSTRUCTIONS}.html }}`,
	`<p>Questions? Reply to this email.</p>`,
].join('\n');

/** The license email to the order's contact, with the license file and the instructions attached. */
const licenseEmail = (position: [number, number]): TemplateNode => ({
	name: 'Email License and Instructions',
	type: 'n8n-nodes-base.emailSend',
	typeVersion: 2.1,
	position,
	parameters: {
		fromEmail: `={{ ${CONFIG}.senderEmail }}`,
		toEmail: `={{ ${ORDER}.contactEmail }}`,
		subject: `=Your {{ ${INSTRUCTIONS}.app.name }} license and installation instructions`,
		emailFormat: 'html',
		html: EMAIL_HTML,
		options: { appendAttribution: false, fileAttachments: 'license,instructions' },
	},
	credentials: SMTP,
	...crmWrite,
});

/** Why an order could not be fulfilled, from a Replicated step's error output. */
const fulfillmentFailed = (position: [number, number]): TemplateNode =>
	setFields('Fulfillment Failed', position, [
		['recordId', `={{ ${ORDER}.recordId }}`, 'string'],
		[
			'reason',
			"={{ [$json.error, $json.details && $json.details.description].filter(Boolean).map((s) => (/[.!?]$/.test(s) ? s : s + '.')).join(' ') }}",
			'string',
		],
	]);

/**
 * The order's license in Replicated, in a row from column `c`: products mapped, the customer
 * created or updated, its install instructions and its license file.
 */
const replicatedSteps = (c: number, r: number): TemplateNode[] => [
	{
		...replicated('Map Products', at(c + 1, r), {
			resource: 'license',
			operation: 'mapProducts',
			lineItems: '={{ $json.lines }}',
			contractEnd: '={{ $json.contractEnd }}',
			contractStart: '={{ $json.contractStart }}',
			licenseType: 'paid',
		}),
		...onErrorRecord,
	},
	{
		...replicated('Create or Update Customer', at(c + 2, r), {
			resource: 'customer',
			operation: 'create',
			appId: { __rl: true, mode: 'id', value: '={{ $json.app.id }}' },
			name: `={{ ${ORDER}.accountName }}`,
			customId: `={{ ${ORDER}.accountId }}`,
			onExisting: 'update',
			email: `={{ ${ORDER}.contactEmail }}`,
			licenseType: '={{ $json.licenseType }}',
			channelId: "={{ $json.channel ? $json.channel.id : '' }}",
			expiresAt: "={{ $json.expiresAt || '' }}",
			entitlements: {},
			sendInvite: false,
			installOptions: {},
			productTerms: '={{ $json }}',
		}),
		...onErrorRecord,
	},
	{
		...replicated('Get Install Instructions', at(c + 3, r), {
			resource: 'license',
			operation: 'installInstructions',
			customer: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			options: { asFile: 'html' },
		}),
		...onErrorRecord,
	},
	{
		...replicated('Download License', at(c + 4, r), {
			resource: 'license',
			operation: 'download',
			customer: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' },
			binaryPropertyName: 'license',
			options: {},
		}),
		...onErrorRecord,
	},
];

/** Whether the order has an account and a contact email (output 0), and what it lacks otherwise. */
function accountAndContact(f: FulfillmentSteps, c: number, r: number) {
	const known = ifNode('Account and Contact Known?', at(c, r), [
		{ left: '={{ $json.accountId }}', operator: isNotEmpty },
		{ left: '={{ $json.contactEmail }}', operator: isNotEmpty },
	]);
	const missing = setFields('No Account or Contact', at(c + 1, r + 1.4), [
		[
			'error',
			`={{ $json.accountId ? ${JSON.stringify(`No contact email on ${f.recordNoun}: ${f.contactHint}.`)} : ${JSON.stringify(`No account on ${f.recordNoun}: ${f.accountHint}.`)} }}`,
			'string',
		],
	]);
	return { known, missing };
}

/** The Config node (the CRM's values, then the sender) and what the user sets in it. */
function config(f: FulfillmentSteps) {
	return {
		node: setFields('Config', at(1), [
			...f.config.map(([name, value]) => [name, value, 'string'] as [string, string, 'string']),
			['senderEmail', 'licensing@your-company.example', 'string'],
		]),
		userSets: [
			...f.config.map(([name, , what]) => ({ node: 'Config', parameter: name, what })),
			{ node: 'Config', parameter: 'senderEmail', what: 'the address licenses are sent from' },
			...(f.userSets ?? []),
		],
	};
}

/**
 * Products on an activated order (or a deal at the fulfilled stage) become the customer's license,
 * as Replicated's reference Salesforce fulfillment does it: the license mapped from the line items
 * (License → Map Products), the customer created or updated by Custom ID = account ID, the license
 * file and install instructions attached to the record and emailed to the order's contact, and the
 * record marked fulfilled. An order that cannot be fulfilled gets the reason on the record instead.
 */
export function fulfillment(crm: CrmAdapter): Template {
	const f = crm.fulfillment;
	const ready = f.ready(2, 0);
	const order = f.order(...ready.next);
	const [c, r] = order.next;
	const files = code(
		'Files to Attach',
		at(c + 5, r - 0.8),
		codeFile('files-to-attach', { __ORDER_NODE__: ORDER_NODE }),
		'runOnceForAllItems',
	);
	const attach = f.attach(c + 6, r - 0.8);
	const email = licenseEmail(at(c + 6, r + 0.8));
	const mark = f.markFulfilled(at(c + 7, r + 0.8));
	const failed = fulfillmentFailed(at(c + 3, r + 2));
	const recordError = f.recordError(at(c + 4, r + 2));
	const steps = replicatedSteps(c, r);
	const contact = accountAndContact(f, c, r);
	const settings = config(f);
	const links: Link[] = [
		['Every 5 Minutes', 'Config'],
		['Config', ready.entry],
		...ready.links,
		...ready.exits.map((exit) => [exit, order.entry] as Link),
		...order.links,
		[ORDER_NODE, contact.known.name],
		[contact.known.name, 'Map Products', 0],
		[contact.known.name, contact.missing.name, 1],
		[contact.missing.name, failed.name],
		['Map Products', 'Create or Update Customer'],
		['Create or Update Customer', 'Get Install Instructions'],
		['Get Install Instructions', 'Download License'],
		...steps.map((s) => [s.name, failed.name, 1] as Link),
		// n8n (v1 execution order) runs the upper branch to its end first: the files reach the
		// record before anything is emailed, and a failed upload stops the run before the email.
		['Download License', files.name],
		['Download License', email.name],
		[files.name, attach.entry],
		...attach.links,
		[email.name, mark.name],
		[failed.name, recordError.name],
	];
	return {
		crm: crm.crm,
		slug: FULFILLMENT_SLUG,
		summary: f.summary,
		prerequisites: f.prerequisites,
		userSets: settings.userSets,
		workflow: workflow(
			f.workflowName,
			[
				sticky('About', [...f.about, '', ...aboutTail(f.recordNoun)].join('\n'), at(-1, -2.4), {
					width: 560,
				}),
				schedule('Every 5 Minutes', { field: 'minutes', minutesInterval: 5 }, at(0)),
				settings.node,
				...ready.nodes,
				...order.nodes,
				contact.known,
				contact.missing,
				...steps,
				files,
				...attach.nodes,
				email,
				mark,
				failed,
				recordError,
			],
			links,
			[crm.tag, 'Fulfillment'],
		),
	};
}
