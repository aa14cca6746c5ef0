import type { Resource } from '../operation';
import * as getAll from './getAll.operation';

export const channel: Resource = {
	option: { name: 'Channel', value: 'channel', description: 'A release channel of an app' },
	defaultOperation: 'getAll',
	operations: [getAll],
};
