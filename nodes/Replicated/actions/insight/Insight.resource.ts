import type { Resource } from '../operation';
import * as healthDashboard from './healthDashboard.operation';
import * as renewalPrep from './renewalPrep.operation';
import * as scoreCustomers from './scoreCustomers.operation';

export const insight: Resource = {
	option: {
		name: 'Insight',
		value: 'insight',
		description: 'Customer health, risk and expansion signals computed from instance data',
	},
	defaultOperation: 'scoreCustomers',
	operations: [scoreCustomers, renewalPrep, healthDashboard],
};
