import { credential, crmNode } from '../kit';

export const HUBSPOT = credential('hubspotAppToken', 'HubSpot service key');

/** A HubSpot node (v2.2): its default authentication is the API key HubSpot retired in 2022. */
export const hubspot = crmNode('n8n-nodes-base.hubspot', 2.2, 'appToken', HUBSPOT);

export const customProperties = (values: Array<[string, string]>) => ({
	customPropertiesUi: {
		customPropertiesValues: values.map(([property, value]) => ({ property, value })),
	},
});
