import type { INodeProperties } from 'n8n-workflow';

/**
 * The App picker of the action and the trigger: a searchable list (listSearch.ts searchApps), or
 * an ID. Both nodes use it, so it lives with the method it calls, not in either node's folder.
 */
export const APP_PICKER: INodeProperties = {
	displayName: 'App',
	name: 'appId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchApps', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2C0OQyxiiA4pc3blK0cKs5VQS3N',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[A-Za-z0-9_-]{10,64}$', errorMessage: 'Not a Replicated app ID' },
				},
			],
		},
	],
};
