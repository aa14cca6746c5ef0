/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test: runs a template's Code node JavaScript as n8n's Code node would */
import type { IDataObject } from 'n8n-workflow';

import { dataFields } from '../../nodes/Replicated/schemas/event-data';
import { eventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import { TEMPLATES, templatePath } from '../../scripts/templates/all';
import { CRMS } from '../../scripts/templates/crm';
import type { TemplateNode } from '../../scripts/templates/kit';
import { sampleData } from '../emulator/samples';
import { buildDelivery } from '../emulator/sender';
import { evaluateIn } from '../support/template-evaluate';
import { nodeOf, template } from '../support/template-lookup';

const CRM_IDS = CRMS.map((crm) => crm.crm);

/**
 * Every template field read of an event's `data` that no Replicated source confirms keeps a
 * fallback: each such read is evaluated as n8n evaluates it, for a delivery that lacks the field,
 * and the message it makes is asserted word for word.
 */
const AT = new Date('2026-11-23T10:00:00Z');
const CUSTOMER = '2JBxR7eNpTA5vl2rkkmUbVozdLd';
const INSTANCE = '2LhYgNgyP6gwPbq2ZgV3FCXbVqJ';
const PORTAL = `https://vendor.replicated.com/apps/acme-platform/customer/${CUSTOMER}/manage`;

/**
 * The event's sample delivery with only the `data` fields a Replicated source confirms for it, plus
 * the identifiers `keep` names; then the trigger's item for it, enriched with the customer as the
 * trigger does.
 */
function item(
	event: string,
	options: { keep?: string[]; filters?: Record<string, string | string[]>; email?: string } = {},
): IDataObject {
	const confirmed = new Set(
		dataFields(event)
			.filter((f) => f.source !== 'inferred')
			.map((f) => f.key)
			.concat(options.keep ?? []),
	);
	const data = Object.fromEntries(
		Object.entries(sampleData(event, {}, AT)).filter(([key]) => confirmed.has(key)),
	);
	const built = eventItem(buildDelivery(event, data, { timestamp: AT }), {
		filters: options.filters ?? {},
	});
	if (built.customer)
		built.customer = {
			...built.customer,
			customId: '001Dn00000AirplaneCo',
			name: 'The Airplane Company',
			email: options.email ?? 'ops@airplane.example',
			licenseType: 'paid',
			expiresAt: null,
			channel: 'Stable',
		};
	built.customId = built.customer ? '001Dn00000AirplaneCo' : null;
	return JSON.parse(JSON.stringify(built)) as IDataObject;
}
/** The identifiers of an instance event the messages name: customer, app, instance. */
const IDS = ['app_id', 'app_name', 'app_slug', 'customer_id', 'customer_name', 'instance_id'];

/** A parameter by its path, e.g. `conditions.conditions[1].leftValue`. */
function parameterAt(node: TemplateNode, path: string): unknown {
	return path
		.split(/\.|\[(\d+)\]/)
		.filter(Boolean)
		.reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], node.parameters);
}

interface Case {
	template: string;
	node: string;
	parameter: string;
	trigger: IDataObject;
	/** Other nodes' items on the way (the Config node, the instance read from the API). */
	outputs?: Record<string, IDataObject>;
	expected: unknown;
}
const evaluate = (c: Case) =>
	evaluateIn(
		template(c.template),
		c.node,
		parameterAt(nodeOf(template(c.template), c.node), c.parameter) as string,
		{
			'Replicated Trigger': c.trigger,
			...c.outputs,
		},
	);

/** The instance as Get Customer Instances found it: this one, no check-in or version reported. */
const UNREPORTED = {
	'This Instance': {
		instanceId: INSTANCE,
		isAirgap: false,
		lastCheckInAt: null,
		versionLabel: null,
	},
};

const inactive = item('instance.inactive', { keep: IDS });
const INACTIVE_TEXT = [
	`The Airplane Company (CRM ID 001Dn00000AirplaneCo): instance ${INSTANCE} has not checked in for 24 hours or more.`,
	'Instances check in every 4 hours; a silent one is down, offline, or uninstalled.',
	'',
	`Vendor Portal: ${PORTAL}`,
].join('\n');

const ready = item('instance.ready', { keep: IDS });
const READY = `Instance ${INSTANCE} of Acme Platform is ready.\nLicense: paid`;

const joined = item('customer.ep_user_joined', { keep: ['customer_id'] });
delete (joined.data as IDataObject).is_first_user;
delete (joined.data as IDataObject).joined_email;

/**
 * The state Unhealthy? compares, for a State Duration delivery with neither `state` nor a status:
 * empty, which its "is empty" condition lets through to the alert.
 */
const unhealthy = (keep: string[], conditions: number[]) =>
	conditions.map(
		(n): Case => ({
			template: 'health/state-alerts-slack',
			node: 'Unhealthy?',
			parameter: `conditions.conditions[${n}].leftValue`,
			trigger: item('instance.state.duration', {
				keep,
				filters: { state: ['degraded'], durationMinutes: '60' },
			}),
			expected: '',
		}),
	);

const CASES: Case[] = [
	{
		template: 'health/version-behind-email',
		node: 'Email CS Owner',
		parameter: 'subject',
		trigger: item('instance.version_behind', { keep: IDS, filters: { versionsBehind: '3' } }),
		outputs: UNREPORTED,
		expected: 'The Airplane Company is at least 3 versions behind on Acme Platform',
	},
	{
		template: 'health/version-behind-email',
		node: 'Email CS Owner',
		parameter: 'text',
		trigger: item('instance.version_behind', { keep: IDS, filters: { versionsBehind: '3' } }),
		outputs: UNREPORTED,
		expected: [
			`The Airplane Company (CRM ID 001Dn00000AirplaneCo) runs a version Replicated did not report on instance ${INSTANCE}.`,
			'That is at least 3 releases behind the newest on Stable.',
			'',
			'Older versions are harder to support and miss fixes the customer paid for. Worth a call to plan the upgrade.',
			'',
			`Vendor Portal: ${PORTAL}`,
		].join('\n'),
	},
	{
		template: 'health/state-alerts-slack',
		node: 'Alert Support',
		parameter: 'text',
		trigger: item('instance.state.duration', {
			keep: IDS,
			filters: { state: ['degraded', 'unavailable', 'missing'], durationMinutes: '60' },
		}),
		expected: [
			`:rotating_light: *The Airplane Company*: instance ${INSTANCE} has been degraded or unavailable or missing for at least 60 minutes (reported 2026-11-23T10:00:00Z)`,
			'License: paid · Version: unknown · CRM ID: 001Dn00000AirplaneCo',
			`Vendor Portal: ${PORTAL}`,
		].join('\n'),
	},
	...unhealthy(IDS, [1, 2, 3, 4]),
	...CRM_IDS.flatMap((crm): Case[] => [
		{
			template: `${crm}/inactive-to-owner`,
			node: 'Email Account Owner',
			parameter: 'text',
			trigger: inactive,
			outputs: UNREPORTED,
			expected: INACTIVE_TEXT,
		},
		{
			template: `${crm}/inactive-to-owner`,
			node: 'Email CS',
			parameter: 'text',
			trigger: inactive,
			outputs: UNREPORTED,
			expected: INACTIVE_TEXT,
		},
	]),
	{
		template: 'health/inactive-to-cs',
		node: 'Email CS',
		parameter: 'text',
		trigger: inactive,
		outputs: UNREPORTED,
		expected: INACTIVE_TEXT,
	},
	{
		template: 'salesforce/instance-ready-onboarding',
		node: 'Create Onboarding Task',
		parameter: 'additionalFields.description',
		trigger: ready,
		expected: READY,
	},
	{
		template: 'hubspot/instance-ready-onboarding',
		node: 'Create Onboarding Task',
		parameter: 'metadata.body',
		trigger: ready,
		expected: READY,
	},
	{
		template: 'attio/instance-ready-onboarding',
		node: 'Create Onboarding Task',
		parameter: 'jsonBody',
		trigger: ready,
		outputs: { 'Get Company': { data: { values: {} } } },
		expected: expect.stringContaining(
			JSON.stringify(`Onboard The Airplane Company: first instance is running\n${READY}`),
		),
	},
	// An Enterprise Portal user who joined, without the backend's is_first_user and joined_email:
	// not taken for a first user (no account is made on a guess), the customer's own email used.
	...(
		[
			['salesforce/join-to-account-and-opportunity', 'New to Salesforce?'],
			['hubspot/join-to-company-and-deal', 'New to HubSpot?'],
			['attio/join-to-company-and-deal', 'New to Attio?'],
		] as const
	).map(
		([path, node]): Case => ({
			template: path,
			node,
			parameter: 'conditions.conditions[1].leftValue',
			trigger: joined,
			expected: false,
		}),
	),
	...['hubspot/join-to-company-and-deal', 'attio/join-to-company-and-deal'].map(
		(path): Case => ({
			template: path,
			node: 'Contact Email Known?',
			parameter: 'conditions.conditions[0].leftValue',
			trigger: joined,
			expected: 'ops@airplane.example',
		}),
	),
	{
		template: 'hubspot/join-to-company-and-deal',
		node: 'Upsert Contact',
		parameter: 'email',
		trigger: joined,
		expected: 'ops@airplane.example',
	},
	{
		template: 'attio/join-to-company-and-deal',
		node: 'Assert Person',
		parameter: 'jsonBody',
		trigger: joined,
		outputs: { 'Assert Company': { data: { id: { record_id: 'rec-1' } } } },
		expected: expect.stringContaining('"email_addresses":["ops@airplane.example"]'),
	},
	{
		template: 'salesforce/join-to-account-and-opportunity',
		node: 'Email Fit for SOQL?',
		parameter: 'conditions.conditions[0].leftValue',
		trigger: joined,
		expected: '',
	},
	{
		template: 'salesforce/join-to-account-and-opportunity',
		node: 'Find Open Lead',
		parameter: 'options.conditionsUi.conditionValues[0].value',
		trigger: joined,
		expected: 'ops@airplane.example',
	},
];

/** The identifiers of an instance event, but no instance: `instance_id` is INFERRED too. */
const NO_INSTANCE = IDS.filter((key) => key !== 'instance_id');
/** Get Customer Instances found the customer's only instance, as This Instance reads it. */
const FOUND = {
	'This Instance': {
		instanceId: INSTANCE,
		isAirgap: false,
		lastCheckInAt: null,
		versionLabel: '2.1.5',
	},
};
/** The customer has several instances: the event's is not known. */
const UNKNOWN = {
	'This Instance': { instanceId: null, isAirgap: false, lastCheckInAt: null, versionLabel: null },
};
const inactiveWithout = item('instance.inactive', { keep: NO_INSTANCE });
const readyWithout = item('instance.ready', { keep: NO_INSTANCE });

const WITHOUT_INSTANCE: Case[] = [
	{
		template: 'health/version-behind-email',
		node: 'Email CS Owner',
		parameter: 'text',
		trigger: item('instance.version_behind', {
			keep: NO_INSTANCE,
			filters: { versionsBehind: '3' },
		}),
		outputs: FOUND,
		expected: expect.stringMatching(
			new RegExp(
				`^The Airplane Company \\(CRM ID 001Dn00000AirplaneCo\\) runs 2\\.1\\.5 on instance ${INSTANCE}\\.\n`,
			),
		),
	},
	{
		template: 'health/version-behind-email',
		node: 'Email CS Owner',
		parameter: 'text',
		trigger: item('instance.version_behind', {
			keep: NO_INSTANCE,
			filters: { versionsBehind: '3' },
		}),
		outputs: UNKNOWN,
		expected: expect.stringMatching(
			/^The Airplane Company \(CRM ID 001Dn00000AirplaneCo\) runs a version Replicated did not report on one of its instances\.\n/,
		),
	},
	{
		template: 'health/state-alerts-slack',
		node: 'Alert Support',
		parameter: 'text',
		trigger: item('instance.state.duration', {
			keep: NO_INSTANCE,
			filters: { state: ['degraded'], durationMinutes: '60' },
		}),
		expected: [
			':rotating_light: *The Airplane Company*: an instance has been degraded for at least 60 minutes (reported 2026-11-23T10:00:00Z)',
			'License: paid · Version: unknown · CRM ID: 001Dn00000AirplaneCo',
			`Vendor Portal: ${PORTAL}`,
		].join('\n'),
	},
	{
		template: 'health/state-alerts-slack',
		node: 'Alert Support',
		parameter: 'text',
		trigger: item('instance.state.flapping', {
			keep: NO_INSTANCE,
			filters: { minStateChanges: '5', windowMinutes: '60' },
		}),
		expected: [
			':warning: *The Airplane Company*: an instance is flapping (at least 5 state changes in 60 minutes)',
			'License: paid · Version: unknown · CRM ID: 001Dn00000AirplaneCo',
			`Vendor Portal: ${PORTAL}`,
		].join('\n'),
	},
	...unhealthy(NO_INSTANCE, [1, 4]),
	...['salesforce/inactive-to-owner', 'health/inactive-to-cs'].flatMap((path): Case[] => [
		{
			template: path,
			node: 'Email CS',
			parameter: 'subject',
			trigger: inactiveWithout,
			outputs: FOUND,
			expected: `The Airplane Company: instance ${INSTANCE} stopped checking in`,
		},
		{
			template: path,
			node: 'Email CS',
			parameter: 'subject',
			trigger: inactiveWithout,
			outputs: UNKNOWN,
			expected: 'The Airplane Company: an instance stopped checking in',
		},
		{
			template: path,
			node: 'Email CS',
			parameter: 'text',
			trigger: inactiveWithout,
			outputs: UNKNOWN,
			expected: INACTIVE_TEXT.replace(`instance ${INSTANCE} has`, 'an instance has'),
		},
	]),
	{
		template: 'hubspot/instance-ready-onboarding',
		node: 'Create Onboarding Task',
		parameter: 'metadata.body',
		trigger: readyWithout,
		expected: 'An instance of Acme Platform is ready.\nLicense: paid',
	},
];

/** The Code node's JavaScript run as n8n runs a "once for each item" Code node: `$json` is the item. */
function runCode(node: TemplateNode, json: IDataObject): unknown {
	return new Function('$json', String(node.parameters.jsCode))(json);
}

/** Each template parameter that reads the trigger's `data` (directly, or `$json.data` right after it). */
function dataReads(): string[] {
	const reads: string[] = [];
	const walk = (value: unknown, path: string, visit: (text: string, path: string) => void) => {
		if (typeof value === 'string') visit(value, path);
		else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit);
	};
	for (const t of TEMPLATES) {
		const wf = t.workflow;
		for (const node of wf.nodes) {
			const afterTrigger = (wf.connections['Replicated Trigger']?.main ?? []).some((out) =>
				out.some((c) => c.node === node.name),
			);
			walk(node.parameters, '', (text, path) => {
				if (
					/\$\('Replicated Trigger'\)\.(?:item|first\(\))\.json\.data\b/.test(text) ||
					(afterTrigger && /\$json\.data\b/.test(text))
				)
					reads.push(
						`${templatePath(t).slice('workflows-templates/'.length, -5)} | ${node.name} | ${path}`,
					);
			});
		}
	}
	return reads.sort();
}

describe('templates read the fields Replicated does not confirm with a fallback', () => {
	it.each(CASES.map((c) => [`${c.template} → ${c.node} → ${c.parameter}`, c] as const))(
		'%s, for a delivery without them',
		(_, c) => {
			expect(evaluate(c)).toEqual(c.expected);
		},
	);

	describe.each(CRM_IDS)(
		'%s/signup-to-lead → Map Signup Fields',
		(crm) => {
			const code = nodeOf(template(`${crm}/signup-to-lead`), 'Map Signup Fields');
			const signup = (data: IDataObject) =>
				JSON.parse(
					JSON.stringify(
						eventItem(buildDelivery('customer.pending_signup', data, { timestamp: AT })),
					),
				) as IDataObject;

			it('makes the lead from the email alone when the form sent nothing else', () => {
				expect(
					runCode(code, signup({ app_name: 'Acme Platform', email: 'Jane.Doe@Initech.example' })),
				).toEqual({
					email: 'jane.doe@initech.example',
					firstName: '',
					lastName: 'jane.doe',
					company: 'initech.example',
					title: '',
					companySize: '',
					useCase: '',
					description: 'Self-serve trial signup for Acme Platform',
				});
			});

			it('stops with the reason when the signup has no email at all', () => {
				expect(() => runCode(code, signup({ app_name: 'Acme Platform' }))).toThrow(
					'The signup has no email address: a Lead needs one to be found again.',
				);
			});
		},
	);

	it('uses the fields when the delivery has them (the sample delivery)', () => {
		const full = (event: string, filters: Record<string, string | string[]>) =>
			item(event, { keep: Object.keys(sampleData(event)), filters });
		expect(
			evaluate({
				template: 'health/version-behind-email',
				node: 'Email CS Owner',
				parameter: 'text',
				trigger: full('instance.version_behind', { versionsBehind: '3' }),
				outputs: UNREPORTED,
				expected: null,
			}),
		).toMatch(
			new RegExp(
				`^The Airplane Company \\(CRM ID 001Dn00000AirplaneCo\\) runs 2\\.1\\.5 on instance ${INSTANCE}\\.\nThe latest release on Stable is 2\\.4\\.0: 3 versions behind\\.\n`,
			),
		);
		expect(
			evaluate({
				template: 'health/state-alerts-slack',
				node: 'Alert Support',
				parameter: 'text',
				trigger: full('instance.state.flapping', { minStateChanges: '5', windowMinutes: '60' }),
				expected: null,
			}),
		).toMatch(
			/^:warning: \*The Airplane Company\*: instance \w+ is flapping \(6 state changes in 60 minutes\), now degraded\nLicense: paid · Version: 2\.4\.0 ·/,
		);
	});

	describe('and when the event names no instance (its instance_id is INFERRED too)', () => {
		it.each(
			WITHOUT_INSTANCE.map((c) => [`${c.template} → ${c.node} → ${c.parameter}`, c] as const),
		)('%s', (_, c) => {
			expect(evaluate(c)).toEqual(c.expected);
		});

		it("This Instance takes the customer's only instance when the event names none", () => {
			const code = nodeOf(template('health/inactive-to-cs'), 'This Instance');
			const listed = (...ids: string[]) =>
				ids.map((instanceId) => ({
					json: {
						instanceId,
						isAirgap: false,
						lastCheckInAt: '2026-11-22T08:00:00Z',
						versionLabel: '2.4.0',
					},
				}));
			const run = (trigger: IDataObject, instances: Array<{ json: IDataObject }>) =>
				new Function('$input', '$', String(code.parameters.jsCode))(
					{ all: () => instances },
					() => ({ first: () => ({ json: trigger }) }),
				);
			expect(run(inactiveWithout, listed(INSTANCE))).toEqual([
				{
					json: {
						instanceId: INSTANCE,
						isAirgap: false,
						lastCheckInAt: '2026-11-22T08:00:00Z',
						versionLabel: '2.4.0',
					},
				},
			]);
			expect(run(inactiveWithout, listed(INSTANCE, 'other'))).toEqual([
				{ json: { instanceId: null, isAirgap: false, lastCheckInAt: null, versionLabel: null } },
			]);
			expect(run(inactive, listed('other', INSTANCE))).toEqual([
				{
					json: {
						instanceId: INSTANCE,
						isAirgap: false,
						lastCheckInAt: '2026-11-22T08:00:00Z',
						versionLabel: '2.4.0',
					},
				},
			]);
		});
	});

	it('covers every template read of data', () => {
		const covered = [
			...CASES.map((c) => `${c.template} | ${c.node} | ${c.parameter}`),
			...CRM_IDS.map(
				(crm) => `${crm}/signup-to-lead | Map Signup Fields | jsCode`,
			),
		];
		expect(dataReads()).toEqual([...new Set(covered)].sort());
	});
});
