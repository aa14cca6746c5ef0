import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import * as app from './actions/app/App.resource';
import * as channel from './actions/channel/Channel.resource';
import { router } from './actions/router';
import { listSearch } from './methods';

export class Replicated implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Replicated',
		name: 'replicated',
		icon: { light: 'file:replicated.svg', dark: 'file:replicated.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and manage Replicated apps and channels from the Vendor API',
		defaults: { name: 'Replicated' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'replicatedApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'App', value: 'app', description: 'A Replicated application' },
					{ name: 'Channel', value: 'channel', description: 'A release channel of an app' },
				],
				default: 'app',
			},
			...app.description,
			...channel.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
