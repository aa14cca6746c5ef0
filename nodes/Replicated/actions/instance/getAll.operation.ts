import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customerInstances } from '../../api/instances';
import { customerItem } from '../../schemas/customer';
import { instanceItemSchema, instanceSchema } from '../../schemas/instance';
import { customerLocator } from '../customer/fields';
import { resolveCustomer } from '../customer/lookup';
import { toJson } from '../shared';
import { parseOrSkip, type Skip, warnSkipped } from '../skipped';
import { customerAppId } from '../validate';
import { licenseIdWanted } from '../license-id-option';
import { withoutLicenseIds } from '../../schemas/license-id';
import type { OperationOption } from '../operation';
import { param, toggle } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	description: "List a customer's instances with version, status, last check-in and air-gap flag",
	action: 'Get many instances',
};

export const output = instanceItemSchema;

const show = { resource: ['instance'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description: 'Whether to include archived instances',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { includeArchived } = readParams(this, itemIndex, {
		includeArchived: param(toggle, 'Include Archived', { fallback: false }),
	});
	const customer = customerItem(await resolveCustomer(this, itemIndex));
	const appId = customerAppId(this, itemIndex, customer);
	const listed = await customerInstances(this, appId, customer.id);
	const skipped: Skip[] = [];
	const instances = listed.flatMap(
		(instance, n) => parseOrSkip(instanceSchema, instance, `instance ${n + 1}`, skipped) ?? [],
	);
	warnSkipped(this, 'instances', skipped);
	const withLicenseId = licenseIdWanted(this, itemIndex);
	return instances
		.filter((i) => includeArchived || !i.isArchived)
		.map(({ instanceId, appStatus, active, isAirgap, licenseId, ...instance }) => {
			const latest = instance.versionHistory[0];
			return {
				json: toJson({
					customId: customer.customId,
					customerId: customer.id,
					customerName: customer.name,
					appId,
					instanceId,
					versionLabel: latest?.versionLabel ?? null,
					appStatus,
					active,
					lastCheckInAt: instance.lastActive,
					firstCheckInAt: instance.createdAt,
					isAirgap,
					...(withLicenseId ? { licenseId } : {}),
					...withoutLicenseIds(instance),
				}),
			};
		});
}
