import { credential, crmNode, httpRequest, type TemplateNode } from '../kit';

export const SALESFORCE = credential('salesforceOAuth2Api', 'Salesforce account');

/** A Salesforce node (v1, OAuth2 credential). */
export const salesforce = crmNode('n8n-nodes-base.salesforce', 1, 'oAuth2', SALESFORCE);

export const customFields = (fields: Array<[string, string]>) => ({
	customFieldsUi: { customFieldsValues: fields.map(([fieldId, value]) => ({ fieldId, value })) },
});

const API = 'services/data/v59.0';

/** The Config value the HTTP Request nodes reach the org by (the credential keeps it to itself). */
export const INSTANCE_URL_PLACEHOLDER = 'https://YOUR-DOMAIN.my.salesforce.com';
export const INSTANCE_URL_WHAT = "your org's My Domain URL";
const INSTANCE = "{{ $('Config').first().json.salesforceInstanceUrl }}";

/** The Salesforce REST API through HTTP Request, with the Salesforce credential. */
export const salesforceApi = (
	name: string,
	position: [number, number],
	method: string,
	path: string,
	jsonBody: string,
): TemplateNode =>
	httpRequest(
		name,
		position,
		{
			method,
			url: `=${INSTANCE}/${API}/${path}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'salesforceOAuth2Api',
			jsonBody,
		},
		SALESFORCE,
	);
