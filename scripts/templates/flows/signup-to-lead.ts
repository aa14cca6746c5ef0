import type { CrmAdapter } from '../crm/adapter';
import {
	at,
	ERROR_HANDLING,
	mapSignupFields,
	replicatedTrigger,
	sticky,
	type Template,
	tryItWith,
	workflow,
} from '../kit';

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
				sticky(
					'About',
					[...text.about, '', tryItWith([EVENT]), '', ERROR_HANDLING].join('\n'),
					at(-1, -2.4),
					{ height: text.stickyHeight },
				),
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
