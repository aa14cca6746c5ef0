import type { Template } from './kit';
import { ATTIO_TEMPLATES } from './attio';
import { HEALTH_TEMPLATES } from './health';
import { HUBSPOT_TEMPLATES } from './hubspot';
import { SALESFORCE_TEMPLATES } from './salesforce';

export const TEMPLATES: Template[] = [
	...SALESFORCE_TEMPLATES,
	...HUBSPOT_TEMPLATES,
	...ATTIO_TEMPLATES,
	...HEALTH_TEMPLATES,
];

export const templatePath = (t: Template) => `workflows-templates/${t.crm}/${t.slug}.json`;

/** The JSON exactly as written to disk. */
export const templateJson = (t: Template) => `${JSON.stringify(t.workflow, null, '\t')}\n`;
