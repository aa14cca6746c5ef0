import {
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	NodeOperationError,
} from 'n8n-workflow';

import { licenseFields as appLicenseFields } from '../api/apps';
import { channelPages } from '../api/channels';
import { findCustomerByCustomId, getCustomer } from '../api/customers';
import { customerItem } from '../schemas/customer';

/**
 * The app the dropdown belongs to: the node's App picker (the trigger's under Filters), or else the
 * app of the chosen customer (operations on an existing customer have no App field). Null while
 * neither is chosen, or when either comes from an expression the editor cannot resolve.
 */
async function currentAppId(ctx: ILoadOptionsFunctions): Promise<string | null> {
	for (const name of ['appId', 'filters.appId']) {
		// Read raw: with extractValue n8n throws for a parameter the operation does not show.
		const raw = ctx.getCurrentNodeParameter(name) as { value?: unknown } | string | undefined;
		const app = String((typeof raw === 'object' && raw ? raw.value : raw) ?? '').trim();
		if (app && !app.startsWith('=')) return app;
	}
	const locator = ctx.getCurrentNodeParameter('customer') as
		| { mode?: string; value?: string }
		| undefined;
	const value = String(locator?.value ?? '').trim();
	if (!value || value.startsWith('=')) return null;
	const customer =
		locator?.mode === 'customId'
			? await findCustomerByCustomId(ctx, value, { includeArchived: true })
			: await getCustomer(ctx, value);
	if (!customer)
		throw new NodeOperationError(ctx.getNode(), `No customer "${value}" in Replicated`, {
			description: 'Choose the customer from the list, or check its ID or Custom ID.',
		});
	return customerItem(customer).appId;
}

/** Until the app is known, a single-choice list offers its empty default, saying what to do. */
const WAITING = 'Choose the app (or the customer) above to list its channels';

/** The empty value of an optional single-choice field, as a real, selectable option. */
function emptyOption(name: string, description: string): INodePropertyOptions {
	return { name, value: '', description };
}

async function channels(ctx: ILoadOptionsFunctions, appId: string) {
	// The first page (100 channels): a dropdown, not a listing.
	for await (const page of channelPages(ctx, appId, { maxPages: 1 }))
		return page.filter((c) => !c.isArchived);
	return [];
}

type Channel = Awaited<ReturnType<typeof channels>>[number];

/** The app's channels as options (by ID or by name), after an optional empty choice. */
async function channelOptions(
	ctx: ILoadOptionsFunctions,
	toOption: (channel: Channel) => INodePropertyOptions,
	empty?: INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	const appId = await currentAppId(ctx);
	if (!appId) return empty ? [{ ...empty, description: WAITING }] : [];
	const list = (await channels(ctx, appId)).map(toOption);
	return empty ? [empty, ...list] : list;
}

const byId = (c: Channel): INodePropertyOptions => ({
	name: c.isDefault ? `${c.name} (default)` : c.name,
	value: c.id,
	description: c.channelSlug ?? undefined,
});
const byName = (c: Channel): INodePropertyOptions => ({ name: c.name, value: c.name });

/** Channels of the app, by ID (the trigger's channel filter). */
export async function getChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await channelOptions(this, byId);
}

/** Create's channel: empty means the app's default channel. */
export async function getChannelsOrAppDefault(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await channelOptions(
		this,
		byId,
		emptyOption("App's Default Channel", 'The channel the app marks as default'),
	);
}

/** Convert's channel: empty leaves the customer where it is. */
export async function getChannelsOrKeepCurrent(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await channelOptions(
		this,
		byId,
		emptyOption('Keep Current Channel', 'The customer stays on the channel it is on'),
	);
}

/** Channels of the app, by name (what search filters on, several at once). */
export async function getChannelNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await channelOptions(this, byName);
}

/** The export's channel filter: empty means every channel. */
export async function getChannelNamesOrAny(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await channelOptions(this, byName, emptyOption('Any Channel', 'No channel filter'));
}

async function licenseFields(ctx: ILoadOptionsFunctions, appId: string) {
	return (await appLicenseFields(ctx, appId))
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

/** The app's license fields (entitlements), several at once (fields to reset). */
export async function getLicenseFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const appId = await currentAppId(this);
	return appId ? await licenseFields(this, appId) : [];
}

/** One license field (an entitlement to set): until the app is known, the list says so. */
export async function getLicenseField(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const appId = await currentAppId(this);
	if (!appId)
		return [
			emptyOption('Choose the App (or the Customer) First', "The list is the app's license fields"),
		];
	return await licenseFields(this, appId);
}
