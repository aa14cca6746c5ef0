import { credential, crmNode } from '../kit';

export const SALESFORCE = credential('salesforceOAuth2Api', 'Salesforce account');

/** A Salesforce node (v1, OAuth2 credential). */
export const salesforce = crmNode('n8n-nodes-base.salesforce', 1, 'oAuth2', SALESFORCE);

export const customFields = (fields: Array<[string, string]>) => ({
	customFieldsUi: { customFieldsValues: fields.map(([fieldId, value]) => ({ fieldId, value })) },
});
