import type { Resource } from '../operation';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as unarchive from './unarchive.operation';
import * as update from './update.operation';

export const customer: Resource = {
	option: { name: 'Customer', value: 'customer', description: 'A customer and its license' },
	defaultOperation: 'get',
	operations: [create, get, getAll, update, archive, unarchive],
};
