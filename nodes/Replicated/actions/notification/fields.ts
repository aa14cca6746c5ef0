import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['notification'], operation } });

/** A subscription: picked from the team's list, or by ID. */
export function subscriptionLocator(operation: string[]): INodeProperties {
	return {
		displayName: 'Subscription',
		name: 'subscriptionId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'A notification subscription of the team (Vendor Portal → Notifications)',
		displayOptions: show(operation),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2Hp4KofWx4kzzzUE6cZEAUj95Dj',
			},
		],
	};
}

export const notificationShow = show;
