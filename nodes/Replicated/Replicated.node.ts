import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import * as app from './actions/app/App.resource';
import * as channel from './actions/channel/Channel.resource';
import * as customer from './actions/customer/Customer.resource';
import * as insight from './actions/insight/Insight.resource';
import * as instance from './actions/instance/Instance.resource';
import * as license from './actions/license/License.resource';
import * as milestone from './actions/milestone/Milestone.resource';
import * as notification from './actions/notification/Notification.resource';
import { includeLicenseIdProperty } from './actions/license-id-option';
import { router } from './actions/router';
import { toolModeProperties } from './actions/tool-mode';
import { listSearch, loadOptions } from './methods';

export class Replicated implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Replicated',
		name: 'replicated',
		icon: { light: 'file:replicated.svg', dark: 'file:replicated.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and convert Replicated customer licenses, read Enterprise Portal milestones and revenue-recognition dates, list or export instances, and score customer health',
		defaults: { name: 'Replicated' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'replicatedApi', required: true }],
		properties: [
			...toolModeProperties,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'App', value: 'app', description: 'A Replicated application' },
					{ name: 'Channel', value: 'channel', description: 'A release channel of an app' },
					{ name: 'Customer', value: 'customer', description: 'A customer and its license' },
					{
						name: 'Insight',
						value: 'insight',
						description: 'Customer health, risk and expansion signals computed from instance data',
					},
					{
						name: 'Instance',
						value: 'instance',
						description: 'An installation of the app at a customer',
					},
					{
						name: 'License',
						value: 'license',
						description: "Change the type, expiry and entitlements of a customer's license",
					},
					{
						name: 'Milestone',
						value: 'milestone',
						description: 'Enterprise Portal lifecycle dates and the revenue-recognition date',
					},
					{
						name: 'Notification',
						value: 'notification',
						description:
							"Event-notification subscriptions and Replicated's delivery log: clean up, catch up, test",
					},
				],
				default: 'customer',
			},
			...customer.description,
			...license.description,
			...milestone.description,
			...instance.description,
			...insight.description,
			...app.description,
			...channel.description,
			...notification.description,
			includeLicenseIdProperty,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
