/** Replicated's apps: the list, one app, its custom hostnames and its license fields. */
import { type App, appEnvelopeSchema, appListSchema, licenseFieldsSchema } from '../schemas/app';
import { type CustomHostnames, customHostnamesSchema } from '../schemas/install';
import { parseResponse } from '../schemas/parse';
import { apiRequest, type ReplicatedContext } from '../transport';
import { operation, route, target } from './route';

/** SPEC `apps`: every app the token sees. SPEC gives it no query (the CLI's `excludeChannels` is not in it): channels always come. */
export const listApps = operation(
	route('GET', '/apps', 'apps'),
	async (ctx: ReplicatedContext): Promise<App[]> => {
		const body = await apiRequest(ctx, target(listApps.route));
		return parseResponse(ctx.getNode(), appListSchema, body, 'app list').apps;
	},
);

/** SPEC getAppProperties: one app (`{app}` envelope). */
export const getApp = operation(
	route('GET', '/app/{app_id}', 'getAppProperties'),
	async (ctx: ReplicatedContext, appId: string): Promise<App> => {
		const body = await apiRequest(ctx, {
			...target(getApp.route, { app_id: appId }),
		});
		return parseResponse(ctx.getNode(), appEnvelopeSchema, body, 'app').app;
	},
);

/** SPEC listCustomHostnames: the app's custom domains per service (registry, proxy, download …). */
export const customHostnames = operation(
	route('GET', '/app/{app_id}/custom-hostnames', 'listCustomHostnames'),
	async (ctx: ReplicatedContext, appId: string): Promise<CustomHostnames> => {
		const body = await apiRequest(ctx, {
			...target(customHostnames.route, { app_id: appId }),
		});
		return parseResponse(ctx.getNode(), customHostnamesSchema, body, 'custom hostnames');
	},
);

/** SPEC listLicenseFields: the app's custom license fields (entitlements). */
export const licenseFields = operation(
	route('GET', '/app/{app_id}/license-fields', 'listLicenseFields'),
	async (ctx: ReplicatedContext, appId: string) => {
		const body = await apiRequest(ctx, {
			...target(licenseFields.route, { app_id: appId }),
		});
		return parseResponse(ctx.getNode(), licenseFieldsSchema, body, 'license fields');
	},
);
