/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import {
	asObject,
	BadRequest,
	type EmulatorRequest,
	NotFound,
	pageOf,
	requireString,
	sendEmpty,
	sendError,
	sendJson,
	sendText,
} from '../http';
import { licenseYaml } from '../license-file';
import { type Customer, INSTALL_OPTION_FLAGS, type LicenseType } from '../model';
import { customerView } from '../serialize';
import type { EmulatorState } from '../state';
import type { RouteContext } from './context';

const LICENSE_TYPES: readonly string[] = ['dev', 'trial', 'prod', 'paid', 'community', 'test'];

/** `paid` is accepted on input and stored/returned as `prod` (API.md §1.4). */
export function parseLicenseType(value: unknown, field = 'type'): LicenseType {
	if (typeof value !== 'string' || !LICENSE_TYPES.includes(value)) {
		throw new BadRequest(
			`${field} must be one of dev, trial, prod, paid, community, test`,
			'invalid_license_type',
		);
	}
	return (value === 'paid' ? 'prod' : value) as LicenseType;
}

/** Accepts RFC 3339 (what the CLI sends) and YYYY-MM-DD (what SPEC documents for PATCH). */
export function parseExpiry(value: unknown, field = 'expires_at'): string | null {
	if (value === null || value === '') return null;
	if (
		typeof value !== 'string' ||
		!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
	) {
		throw new BadRequest(`${field} must be an RFC 3339 date-time or YYYY-MM-DD`, 'invalid_date');
	}
	const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime()))
		throw new BadRequest(`${field} is not a valid date`, 'invalid_date');
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseEntitlements(value: unknown, field: string): Array<{ name: string; value: string }> {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw new BadRequest(`${field} must be an array`, 'invalid_entitlements');
	return value.map((entry, i) => {
		const e = entry as Record<string, unknown>;
		if (typeof e?.name !== 'string' || e.name === '') {
			throw new BadRequest(`${field}[${i}].name is required`, 'invalid_entitlements');
		}
		if (typeof e.value !== 'string') {
			throw new BadRequest(`${field}[${i}].value must be a string`, 'invalid_entitlements');
		}
		return { name: e.name, value: e.value };
	});
}

function parseFlags(body: Record<string, unknown>): Partial<Record<string, boolean>> {
	const flags: Record<string, boolean> = {};
	for (const [input, field] of Object.entries(INSTALL_OPTION_FLAGS)) {
		if (body[input] === undefined) continue;
		if (typeof body[input] !== 'boolean')
			throw new BadRequest(`${input} must be a boolean`, 'invalid_flag');
		flags[field] = body[input] as boolean;
	}
	return flags;
}

function channelIdsFrom(body: Record<string, unknown>): string[] | undefined {
	if (Array.isArray(body.channels) && body.channels.length) {
		const channels = body.channels as Array<Record<string, unknown>>;
		const sorted = [...channels].sort(
			(a, b) =>
				Number(Boolean(b.is_default_for_customer)) - Number(Boolean(a.is_default_for_customer)),
		);
		return sorted.map((c, i) => {
			if (typeof c.channel_id !== 'string')
				throw new BadRequest(`channels[${i}].channel_id is required`);
			return c.channel_id;
		});
	}
	if (typeof body.channel_id === 'string' && body.channel_id) return [body.channel_id];
	return undefined;
}

function checkChannels(state: EmulatorState, appId: string, ids: string[] | undefined): void {
	for (const id of ids ?? []) {
		const channel = state.channels.get(id);
		if (!channel || channel.appId !== appId) {
			throw new BadRequest(`channel ${id} does not belong to app ${appId}`, 'invalid_channel');
		}
	}
}

export function getCustomer(state: EmulatorState, id: string): Customer {
	const customer = state.customers.get(id);
	if (!customer) throw new NotFound('customer not found');
	return customer;
}

/** Search query language of POST /v3/customers/search (API.md §1.7). */
function matchesQuery(state: EmulatorState, customer: Customer, query: string): boolean {
	const tokens = query.trim().split(/\s+/).filter(Boolean);
	return tokens.every((token) => {
		const colon = token.indexOf(':');
		const key = colon > 0 ? token.slice(0, colon) : 'name';
		const value = colon > 0 ? token.slice(colon + 1) : token;
		switch (key) {
			case 'customId':
				return customer.customId === value;
			case 'email':
				return customer.email.toLowerCase() === value.toLowerCase();
			// SPEC: "Possible values are prod, trial, dev, and community": paid is not one of them.
			case 'type':
				return customer.type === value;
			case 'airgap':
				return String(customer.airgap) === value;
			case 'channels.name':
				return customer.channels.some((c) => c.name.toLowerCase() === value.toLowerCase());
			case 'name':
				return customer.name.toLowerCase().includes(value.toLowerCase());
			default:
				return false;
		}
	});
}

type View = (customer: Customer) => ReturnType<typeof customerView>;

export function registerCustomerRoutes({ router, state, readings }: RouteContext): void {
	const view: View = (customer) =>
		customerView(customer, state.channels, readings.customerChannels);
	router.on('POST', '/v3/customer', (req, res) => {
		const body = asObject(req.body);
		const name = requireString(body, 'name');
		const appId = requireString(body, 'app_id');
		if (!state.apps.has(appId)) throw new NotFound('app not found');
		const channelIds = channelIdsFrom(body);
		checkChannels(state, appId, channelIds);
		const customer = state.addCustomer({
			appId,
			name,
			email: typeof body.email === 'string' ? body.email : undefined,
			customId: typeof body.custom_id === 'string' ? body.custom_id : undefined,
			type: body.type === undefined ? undefined : parseLicenseType(body.type),
			expiresAt: body.expires_at === undefined ? null : parseExpiry(body.expires_at),
			channelIds,
			entitlements: parseEntitlements(body.entitlementValues, 'entitlementValues'),
			flags: parseFlags(body),
		});
		sendJson(res, 201, { customer: view(customer) });
	});

	router.on('GET', '/v3/customer/:customerId', (req, res) => {
		sendJson(res, 200, { customer: view(getCustomer(state, req.params.customerId)) });
	});

	router.on('PATCH', '/v3/customer/:customerId', (req, res) =>
		patchCustomer(state, req, res, view),
	);
	router.on('PUT', '/v3/customer/:customerId', (req, res) => putCustomer(state, req, res, view));

	// SPEC postAirgapPassword: "Generate a new password (or set a provided one) for accessing the
	// customer's airgap download portal", answered `{password}`. The old one stops working (docs
	// releases-share-download-portal: a saved password "cannot be retrieved again"). INFERRED: it is
	// answered whatever the customer's air gap options are.
	router.on('POST', '/v3/customer/:customerId/airgap/password', (req, res) => {
		const customer = getCustomer(state, req.params.customerId);
		const body = req.body === undefined || req.body === null ? {} : asObject(req.body);
		const given = typeof body.password === 'string' && body.password ? body.password : null;
		const password = given ?? randomBytes(15).toString('base64url');
		state.airgapPasswords.set(customer.id, password);
		sendJson(res, 200, { password });
	});

	router.on('POST', '/v3/customer/:customerId/archive', (req, res) => {
		getCustomer(state, req.params.customerId).isArchived = true;
		sendEmpty(res);
	});
	router.on('POST', '/v3/customer/:customerId/unarchive', (req, res) => {
		getCustomer(state, req.params.customerId).isArchived = false;
		sendEmpty(res);
	});

	router.on('GET', '/v3/app/:appId/customer/:customerId/license-download', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		const customer = getCustomer(state, req.params.customerId);
		if (customer.appId !== app.id) throw new NotFound('customer not found');
		if (customer.isArchived && readings.archivedLicense === 'refused')
			throw new BadRequest('customer is archived', 'customer_archived');
		if (!app.licenseDownloadsOnPlan)
			return sendError(
				res,
				403,
				"License file downloads are not included in your team's current plan",
				'plan_limit',
			);
		const yaml = licenseYaml(app, customer);
		if (readings.licenseAnswer === 'json') sendJson(res, 200, yaml);
		else sendText(res, 200, 'text/yaml', yaml);
	});

	// INFERRED: archived and test customers are left out unless asked for; the default page size is 20.
	router.on('GET', '/v3/app/:appId/customers', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const includeTest = /^true$/i.test(
			req.query.get('IncludeTest') ?? req.query.get('includeTest') ?? '',
		);
		const nameFilter = (req.query.get('customerName') ?? '').toLowerCase();
		const all = [...state.customers.values()].filter(
			(c) =>
				c.appId === req.params.appId &&
				!c.isArchived &&
				(includeTest || c.type !== 'test') &&
				c.name.toLowerCase().includes(nameFilter),
		);
		sendJson(res, 200, {
			customers: pageOf(all, req.query, 20).map(view),
			totalCustomers: all.length,
		});
	});

	router.on('POST', '/v3/customers/search', (req, res) => {
		const body = asObject(req.body);
		const pageSize = Math.min(Math.max(Number(body.page_size ?? 20) || 20, 1), 100);
		// SPEC: "the number of pages to skip" (and replicated-lib); the CLI sends records instead.
		const skip = Math.max(Number(body.offset ?? 0) || 0, 0);
		const offset = readings.searchOffset === 'pages' ? skip * pageSize : skip;
		// SPEC: every include_* flag defaults to false, so a client that sends none matches nothing.
		const types = (['paid', 'trial', 'dev', 'community', 'test'] as const).filter(
			(t) => body[`include_${t}`] === true,
		);
		const typeSet = new Set(types.map((t) => (t === 'paid' ? 'prod' : t)));
		const channelNames = Array.isArray(body.channel_names) ? (body.channel_names as string[]) : [];
		const hits = [...state.customers.values()].filter((c) => {
			if (typeof body.app_id === 'string' && body.app_id && c.appId !== body.app_id) return false;
			if (!typeSet.has(c.type)) return false;
			if (c.isArchived && body.include_archived !== true) return false;
			const active = c.activeInstances.totalCount > 0;
			if (active && body.include_active !== true) return false;
			if (!active && body.include_inactive !== true) return false;
			if (channelNames.length && !c.channels.some((ch) => channelNames.includes(ch.name)))
				return false;
			return typeof body.query !== 'string' || matchesQuery(state, c, body.query);
		});
		if (body.sort_field === 'name') {
			hits.sort((a, b) => a.name.localeCompare(b.name));
			if (body.sort_direction === 'desc') hits.reverse();
		}
		sendJson(res, 200, {
			customers: hits.slice(offset, offset + pageSize).map(view),
			query: typeof body.query === 'string' ? body.query : '',
			total_hits: hits.length,
		});
	});
}

function patchCustomer(
	state: EmulatorState,
	req: EmulatorRequest,
	res: ServerResponse,
	view: View,
): void {
	const customer = getCustomer(state, req.params.customerId);
	const body = asObject(req.body);
	const app = state.apps.get(customer.appId)!;
	if (body.name !== undefined) customer.name = requireString(body, 'name');
	if (typeof body.email === 'string') customer.email = body.email;
	if (typeof body.custom_id === 'string') customer.customId = body.custom_id;
	if (body.type !== undefined) customer.type = parseLicenseType(body.type);
	if (body.remove_expires_at === true) customer.expiresAt = null;
	else if (body.expires_at !== undefined) customer.expiresAt = parseExpiry(body.expires_at);
	Object.assign(customer, parseFlags(body));
	if (Array.isArray(body.add_channels)) {
		const ids = (body.add_channels as Array<Record<string, unknown>>).map((c) =>
			String(c.channel_id),
		);
		checkChannels(state, customer.appId, ids);
		for (const [i, id] of ids.entries()) {
			const isDefault =
				(body.add_channels as Array<Record<string, unknown>>)[i].is_default_for_customer === true;
			if (isDefault) customer.channels.forEach((c) => (c.is_default_for_customer = false));
			// INFERRED: adding a channel the customer has updates its default flag.
			const present = customer.channels.find((c) => c.id === id);
			if (present) present.is_default_for_customer ||= isDefault;
			else customer.channels.push(state.customerChannel(id, isDefault));
		}
	}
	if (Array.isArray(body.remove_channels)) {
		customer.channels = customer.channels.filter(
			(c) => !(body.remove_channels as string[]).includes(c.id),
		);
		// INFERRED: a customer whose default channel was removed falls back to its first channel.
		if (customer.channels.length && !customer.channels.some((c) => c.is_default_for_customer))
			customer.channels[0].is_default_for_customer = true;
	}
	const add = parseEntitlements(body.add_entitlements, 'add_entitlements');
	const remove = Array.isArray(body.remove_entitlements)
		? (body.remove_entitlements as string[])
		: [];
	if (add.length || remove.length) {
		// INFERRED: adding an existing name overwrites its value; removing restores the default.
		const current = customer.entitlements.filter((e) => !e.isDefault && !remove.includes(e.name));
		const merged = new Map(current.map((e) => [e.name, e.value]));
		for (const e of add) merged.set(e.name, e.value);
		customer.entitlements = state.entitlementsFor(
			app,
			[...merged].map(([name, value]) => ({ name, value })),
		);
	}
	customer.updatedAt = state.now();
	sendJson(res, 200, { customer: view(customer) });
}

/** PUT resets every omitted field to its default (SPEC updateCustomer); kept so tests can show why we avoid it. */
function putCustomer(
	state: EmulatorState,
	req: EmulatorRequest,
	res: ServerResponse,
	view: View,
): void {
	const customer = getCustomer(state, req.params.customerId);
	const body = asObject(req.body);
	const name = requireString(body, 'name');
	const appId = requireString(body, 'app_id');
	if (appId !== customer.appId)
		throw new BadRequest('app_id does not match the customer', 'invalid_app');
	const channelIds = channelIdsFrom(body) ?? [state.defaultChannel(appId).id];
	checkChannels(state, appId, channelIds);
	const app = state.apps.get(appId)!;
	for (const field of Object.values(INSTALL_OPTION_FLAGS)) customer[field] = false;
	Object.assign(customer, parseFlags(body), {
		name,
		email: typeof body.email === 'string' ? body.email : '',
		customId: typeof body.custom_id === 'string' ? body.custom_id : '',
		type: body.type === undefined ? 'dev' : parseLicenseType(body.type),
		expiresAt: body.expires_at === undefined ? null : parseExpiry(body.expires_at),
		channels: channelIds.map((id, i) => state.customerChannel(id, i === 0)),
		entitlements: state.entitlementsFor(
			app,
			parseEntitlements(body.entitlementValues, 'entitlementValues'),
		),
		updatedAt: state.now(),
	});
	sendJson(res, 200, { customer: view(customer) });
}
