import { archiveState } from './archive-state';
import { archiveStateItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Unarchive',
	value: 'unarchive',
	description: 'Bring back an archived customer, e.g. a returning customer who signs again',
	action: 'Unarchive a customer',
};

export const output = archiveStateItemSchema;

export const { description, execute } = archiveState('unarchive');

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;
