import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	flattenMilestones,
	paidMilestones,
	RECOGNITION_POLICIES,
	recognize,
} from '../../insights/milestones';
import { customerItem } from '../../schemas/customer';
import { customerLocator } from '../customer/fields';
import { resolveCustomer } from '../customer/lookup';
import { portalUsers } from '../../api/enterprise-portal';
import { toJson } from '../shared';
import { customerAppId } from '../validate';
import { confirmedRunningAt } from './confirmed-running';
import { milestoneItemSchema } from '../../schemas/milestone-item';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description:
		"Get a customer's Enterprise Portal milestones (invite, first access, first download, confirmed running) and its revenue-recognition date",
	action: 'Get customer milestones',
};

export const output = milestoneItemSchema;

const show = { resource: ['milestone'], operation: ['get'] };

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Revenue Recognition Policy',
		name: 'policy',
		type: 'options',
		default: 'firstAccess',
		description: 'Which milestone sets recognizedAt',
		options: [
			{
				name: 'Provisioned',
				value: 'provisioned',
				description: 'The first Enterprise Portal invite was sent',
			},
			{
				name: 'First Access',
				value: 'firstAccess',
				description: 'The customer first accessed the Enterprise Portal',
			},
			{
				name: 'First Download',
				value: 'firstDownload',
				description: 'The customer first pulled the software',
			},
			{
				name: 'Confirmed Running',
				value: 'confirmedRunning',
				description: 'An instance of the customer first reported the app as ready',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Milestones Count On',
		name: 'recognitionLicenseType',
		type: 'options',
		default: 'paid',
		description: 'Whether access and download milestones count only on a paid license',
		options: [
			{
				name: 'Paid License Only',
				value: 'paid',
				description: "A trial's first download does not recognise revenue",
			},
			{ name: 'Any License Type', value: 'any' },
		],
		displayOptions: { show: { ...show, policy: ['firstAccess', 'firstDownload'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Look Up Confirmed Running',
				name: 'confirmedRunning',
				type: 'boolean',
				default: true,
				description:
					'Whether to look up when an instance first reported ready (one or two more API calls) for every policy, not only Confirmed Running',
			},
			{
				displayName: 'Paid Milestones Before Tracking',
				name: 'beforeTracking',
				type: 'options',
				default: 'leaveEmpty',
				description:
					'Replicated records first access and first download per license type only since 2026-03-27. For a paid customer whose first access or download came earlier, whether it was on a paid license is not known.',
				options: [
					{
						name: 'Leave Empty and Say Why',
						value: 'leaveEmpty',
						description: 'The paid date stays empty; its note says what happened when',
					},
					{
						name: 'Use Any License Type',
						value: 'anyLicenseType',
						description:
							'Take the date of any license type, labelled as such (basis anyLicenseTypeBeforeTracking)',
					},
				],
			},
			{
				displayName: 'Include Portal Users',
				name: 'includeUsers',
				type: 'boolean',
				default: false,
				description:
					'Whether to add each Enterprise Portal user with their invite and access dates',
			},
		],
	},
];

const params = {
	policy: param(z.enum(RECOGNITION_POLICIES), 'Revenue Recognition Policy'),
	recognitionLicenseType: param(z.enum(['paid', 'any']), 'Milestones Count On', {
		fallback: 'paid',
	}),
	options: param(
		collection({
			confirmedRunning: z.boolean().optional(),
			includeUsers: z.boolean().optional(),
			beforeTracking: z.enum(['leaveEmpty', 'anyLicenseType']).optional(),
		}),
		'Options',
		{ fallback: {} },
	),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const {
		policy,
		recognitionLicenseType: licenseType,
		options,
	} = readParams(this, itemIndex, params);
	const customer = customerItem(await resolveCustomer(this, itemIndex));
	const milestones = flattenMilestones(customer.enterprise_portal);
	const paid = paidMilestones(milestones, {
		isPaid: customer.licenseType === 'paid',
		beforeTracking: options.beforeTracking,
	});

	const wantRunning = policy === 'confirmedRunning' || options.confirmedRunning !== false;
	const running = wantRunning
		? await confirmedRunningAt(this, customerAppId(this, itemIndex, customer), customer.id)
		: undefined;
	const recognition = recognize(milestones, policy, {
		licenseType,
		confirmedRunningAt: running ?? null,
		paid,
	});

	const users =
		options.includeUsers && customer.appId
			? (await portalUsers(this, customer.appId, customer.id)).map((u) => ({
					email: u.emailAddress ?? u.email,
					role: u.role,
					invitedAt: u.invitedAt,
					firstAccessedAt: u.firstAccessedAt,
					lastAccessedAt: u.lastAccessedAt,
					pendingInvite: u.pendingInvite,
					viewCount: u.viewCount,
				}))
			: undefined;

	return [
		{
			json: toJson({
				customId: customer.customId,
				customerId: customer.id,
				customerName: customer.name,
				licenseType: customer.licenseType,
				appId: customer.appId,
				...recognition,
				...milestones,
				paidMilestones: paid,
				...(running !== undefined ? { confirmedRunningAt: running } : {}),
				...(users ? { users } : {}),
			}),
		},
	];
}
