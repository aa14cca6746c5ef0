import type { Resource } from '../operation';
import * as exportOperation from './export.operation';
import * as getAll from './getAll.operation';

export const instance: Resource = {
	option: {
		name: 'Instance',
		value: 'instance',
		description: 'An installation of the app at a customer',
	},
	defaultOperation: 'getAll',
	operations: [getAll, exportOperation],
};
