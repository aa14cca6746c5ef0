import { type CrmAdapter, linked, notLinked } from '../crm/adapter';
import { at, replicatedTrigger, type Template, workflow } from '../kit';
import { about } from './about';

const EVENT = 'instance.ready';

/** A customer's instance reports ready (first value) → an onboarding task on its CRM account. */
export function instanceReadyOnboarding(crm: CrmAdapter): Template {
	const text = crm.onboardingTask;
	const write = text.write(2, -0.4);
	return {
		crm: crm.crm,
		slug: 'instance-ready-onboarding',
		summary: text.summary,
		prerequisites: text.prerequisites,
		workflow: workflow(
			text.workflowName,
			[
				about(text, [EVENT]),
				replicatedTrigger(`${crm.crm}/instance-ready-onboarding`, [EVENT], at(0)),
				linked(crm, at(1)),
				notLinked(crm, at(2, 0.8)),
				...write.nodes,
			],
			[
				['Replicated Trigger', crm.linkedName],
				[crm.linkedName, write.entry, 0],
				[crm.linkedName, crm.notLinkedName, 1],
				...write.links,
			],
			[crm.tag],
		),
	};
}
