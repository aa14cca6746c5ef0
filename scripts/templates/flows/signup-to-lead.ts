import type { CrmAdapter } from '../crm/adapter';
import { at, mapSignupFields, replicatedTrigger, type Template, workflow } from '../kit';
import { about } from './about';

const EVENT = 'customer.pending_signup';

/** A self-serve trial signup → the CRM's lead (found by email and updated, or created). */
export function signupToLead(crm: CrmAdapter): Template {
	const text = crm.leadFromSignup;
	const write = text.write(2);
	return {
		crm: crm.crm,
		slug: 'signup-to-lead',
		summary: text.summary,
		prerequisites: text.prerequisites,
		workflow: workflow(
			text.workflowName,
			[
				about(text, [EVENT]),
				replicatedTrigger(`${crm.crm}/signup-to-lead`, [EVENT], at(0)),
				mapSignupFields(at(1)),
				...write.nodes,
			],
			[
				['Replicated Trigger', 'Map Signup Fields'],
				['Map Signup Fields', write.entry],
				...write.links,
			],
			[crm.tag],
		),
	};
}
