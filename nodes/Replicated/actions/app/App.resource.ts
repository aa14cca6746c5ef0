import type { Resource } from '../operation';
import * as getAll from './getAll.operation';

export const app: Resource = {
	option: { name: 'App', value: 'app', description: 'A Replicated application' },
	defaultOperation: 'getAll',
	operations: [getAll],
};
