import { z } from 'zod/v4';

import { customerItemSchema } from './customer';
import { eventItemSchema } from './event-item';
import { eventTypeItemSchema } from './event-type';
import { customerHealthSchema, healthDashboardItemSchema, renewalBriefSchema } from './health';
import { installInstructionsItemSchema, licenseFileItemSchema } from './install';
import { instanceItemSchema } from './instance';
import { instanceRowSchema } from './instance-row';
import { licenseConversionSchema } from './license-conversion';
import { milestoneItemSchema } from './milestone-item';
import { licenseTermsItemSchema } from './product-line';

/** Customer → Create: the customer, whether it was made now or found by Custom ID, and the invite. */
export const createdCustomerSchema = customerItemSchema.extend({
	outcome: z.enum(['created', 'found', 'updated']),
	invite: z
		.object({
			email: z.string(),
			status: z.enum(['invited', 'alreadyInvited']),
			invitedAt: z.string().nullable(),
		})
		.optional(),
});

/**
 * The item each of our nodes emits, by `resource.operation` (the trigger as `trigger`): the fields
 * templates may read. Tests hold the nodes to these and check the templates' expressions against them.
 */
export const NODE_OUTPUTS = {
	trigger: eventItemSchema,
	'customer.create': createdCustomerSchema,
	'customer.get': customerItemSchema,
	'customer.getAll': customerItemSchema,
	'customer.update': customerItemSchema,
	'license.convert': licenseConversionSchema,
	'license.download': licenseFileItemSchema,
	'license.installInstructions': installInstructionsItemSchema,
	'license.mapProducts': licenseTermsItemSchema,
	'milestone.get': milestoneItemSchema,
	'instance.getAll': instanceItemSchema,
	'instance.export': instanceRowSchema,
	'insight.scoreCustomers': customerHealthSchema,
	'insight.renewalPrep': renewalBriefSchema,
	'insight.healthDashboard': healthDashboardItemSchema,
	'notification.getEventTypes': eventTypeItemSchema,
} as const satisfies Record<string, z.ZodType>;
export type NodeOutputKey = keyof typeof NODE_OUTPUTS;
