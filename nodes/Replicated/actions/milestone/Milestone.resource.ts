import type { Resource } from '../operation';
import * as get from './get.operation';

export const milestone: Resource = {
	option: {
		name: 'Milestone',
		value: 'milestone',
		description: 'Enterprise Portal lifecycle dates and the revenue-recognition date',
	},
	defaultOperation: 'get',
	operations: [get],
};
