import { archiveState } from './archive-state';
import { archiveStateItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Archive',
	value: 'archive',
	description: 'Archive a customer (its license stops working for new installs)',
	action: 'Archive a customer',
};

export const output = archiveStateItemSchema;

export const { description, execute } = archiveState('archive');

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;
