import type { Template } from './kit';
import { HEALTH_TEMPLATES } from './health';
import { CRMS } from './crm';
import { crmTemplates } from './lifecycle';

export const TEMPLATES: Template[] = [...CRMS.flatMap(crmTemplates), ...HEALTH_TEMPLATES];

export const templatePath = (t: Template) => `workflows-templates/${t.crm}/${t.slug}.json`;

/** The JSON exactly as written to disk. */
export const templateJson = (t: Template) => `${JSON.stringify(t.workflow, null, '\t')}\n`;
