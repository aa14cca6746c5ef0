import type { Resource } from '../operation';
import * as convert from './convert.operation';
import * as download from './download.operation';
import * as installInstructions from './installInstructions.operation';
import * as mapProducts from './mapProducts.operation';

export const license: Resource = {
	option: {
		name: 'License',
		value: 'license',
		description: "Change the type, expiry and entitlements of a customer's license",
	},
	defaultOperation: 'convert',
	operations: [convert, download, installInstructions, mapProducts],
};
