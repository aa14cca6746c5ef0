import {
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { findCustomerByCustomId, getCustomerById } from '../actions/customer/lookup';
import { channelListSchema } from '../schemas/app';
import { nullable } from '../schemas/common';
import { customerItem } from '../schemas/customer';
import { parseResponse } from '../schemas/parse';
import { apiRequest } from '../transport';

const licenseFieldsSchema = z.array(
	z.looseObject({
		name: z.string(),
		title: nullable(z.string()),
		type: nullable(z.string()),
		default: nullable(z.unknown()),
		hidden: nullable(z.boolean()),
	}),
);

/**
 * The app the dropdown belongs to: the node's App picker, or else the app of the chosen customer
 * (operations that work on an existing customer have no App field).
 */
async function currentAppId(ctx: ILoadOptionsFunctions): Promise<string> {
	// Read raw: with extractValue n8n throws for a parameter the operation does not show.
	const raw = ctx.getCurrentNodeParameter('appId') as { value?: unknown } | string | undefined;
	const app = String((typeof raw === 'object' && raw ? raw.value : raw) ?? '').trim();
	if (app && !app.startsWith('=')) return app;
	const locator = ctx.getCurrentNodeParameter('customer') as
		| { mode?: string; value?: string }
		| undefined;
	const value = String(locator?.value ?? '').trim();
	if (value && !value.startsWith('=')) {
		const customer =
			locator?.mode === 'customId'
				? await findCustomerByCustomId(ctx, value, { includeArchived: true })
				: await getCustomerById(ctx, value);
		const appId = customer ? customerItem(customer).appId : null;
		if (appId) return appId;
	}
	throw new NodeOperationError(ctx.getNode(), 'Choose the app (or the customer) first', {
		description:
			'This list depends on the app. When the app comes from an expression, type the value instead.',
	});
}

async function channels(ctx: ILoadOptionsFunctions) {
	const appId = await currentAppId(ctx);
	const body = await apiRequest(ctx, {
		method: 'GET',
		path: `/v3/app/${encodeURIComponent(appId)}/channels`,
		qs: { excludeDetail: 'true', pageSize: 100 },
	});
	return parseResponse(ctx.getNode(), channelListSchema, body, 'channel list').channels.filter(
		(c) => !c.isArchived,
	);
}

/** Channels of the app, by ID (what create and convert send). */
export async function getChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await channels(this)).map((c) => ({
		name: c.isDefault ? `${c.name} (default)` : c.name,
		value: c.id,
		description: c.channelSlug ?? undefined,
	}));
}

/** Channels of the app, by name (what search and export filter on). */
export async function getChannelNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return (await channels(this)).map((c) => ({ name: c.name, value: c.name }));
}

/** The app's license fields (entitlements), for entitlement name dropdowns. */
export async function getLicenseFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const appId = await currentAppId(this);
	const body = await apiRequest(this, {
		method: 'GET',
		path: `/v3/app/${encodeURIComponent(appId)}/license-fields`,
	});
	return parseResponse(this.getNode(), licenseFieldsSchema, body, 'license fields')
		.filter((f) => !f.hidden)
		.map((f) => ({
			name: f.title ? `${f.title} (${f.name})` : f.name,
			value: f.name,
			description: [
				f.type,
				f.default !== null && f.default !== '' ? `default ${String(f.default)}` : null,
			]
				.filter(Boolean)
				.join(', '),
		}));
}
