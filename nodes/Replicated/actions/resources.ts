import type { INodeProperties } from 'n8n-workflow';

import { app } from './app/App.resource';
import { channel } from './channel/Channel.resource';
import { customer } from './customer/Customer.resource';
import { insight } from './insight/Insight.resource';
import { instance } from './instance/Instance.resource';
import { license } from './license/License.resource';
import { milestone } from './milestone/Milestone.resource';
import { notification } from './notification/Notification.resource';
import { byName, type Operation, type Resource, resourceProperties } from './operation';

/** The action node's resources, in the order their fields appear in the node. */
export const RESOURCES: Resource[] = [
	customer,
	license,
	milestone,
	instance,
	insight,
	app,
	channel,
	notification,
];

/** The node's Resource list, then every resource's Operation list and fields. */
export const resourceListProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: byName(RESOURCES.map((r) => r.option)),
		default: 'customer',
	},
	...RESOURCES.flatMap(resourceProperties),
];

/** The operation `resource.operation` names, if it is one. */
export function findOperation(resource: string, operation: string): Operation | undefined {
	return RESOURCES.find((r) => r.option.value === resource)?.operations.find(
		(o) => o.option.value === operation,
	);
}

/** Every operation under its `resource.operation` key. */
export function operationsByKey(): Array<[key: string, operation: Operation]> {
	return RESOURCES.flatMap((r) =>
		r.operations.map((o): [string, Operation] => [`${r.option.value}.${o.option.value}`, o]),
	);
}
