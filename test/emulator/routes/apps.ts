import { channelView } from '../channel-view';
import { NotFound, pageOf, sendJson } from '../http';
import type { App } from '../model';
import type { EmulatorState } from '../state';
import type { RouteContext } from './context';

/** SPEC `AppWithChannels`. */
function appView(state: EmulatorState, app: App) {
	return {
		id: app.id,
		name: app.name,
		slug: app.slug,
		teamId: app.teamId,
		isArchived: app.isArchived,
		trialSignupEnabled: app.trialSignupEnabled,
		channels: state.appChannels(app.id).map(channelView),
	};
}

export function registerAppRoutes({ router, state }: RouteContext): void {
	router.on('GET', '/v3/apps', (_req, res) => {
		sendJson(res, 200, { apps: [...state.apps.values()].map((a) => appView(state, a)) });
	});

	router.on('GET', '/v3/app/:appId', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		sendJson(res, 200, { app: appView(state, app) });
	});

	router.on('GET', '/v3/app/:appId/channels', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const filter = (
			req.query.get('channelName') ??
			req.query.get('channelNameFilter') ??
			''
		).toLowerCase();
		const channels = state
			.appChannels(req.params.appId)
			.filter((c) => c.name.toLowerCase().includes(filter));
		sendJson(res, 200, {
			channels: pageOf(channels, req.query, 100).map(channelView),
			totalCount: channels.length,
		});
	});

	// SPEC getChannelProperties: `{channel: Channel}`, as the CLI reads a customer's channel
	// (pkg/kotsclient/channel.go GetKotsChannel, cli/cmd/customer_inspect.go customerChannel).
	router.on('GET', '/v3/app/:appId/channel/:channelId', (req, res) => {
		const channel = state.channels.get(req.params.channelId);
		if (!channel || channel.appId !== req.params.appId) throw new NotFound('channel not found');
		sendJson(res, 200, { channel: channelView(channel) });
	});

	// SPEC listChannelReleases: newest first, paged (pageSize default 20, currentPage from 0).
	router.on('GET', '/v3/app/:appId/channel/:channelId/releases', (req, res) => {
		const channel = state.channels.get(req.params.channelId);
		if (!channel || channel.appId !== req.params.appId) throw new NotFound('channel not found');
		const label = (req.query.get('versionLabel') ?? '').toLowerCase();
		const releases = [...(state.releases.get(channel.id) ?? [])]
			.reverse()
			.filter((r) => !(req.query.get('excludeDemoted') === 'true' && r.isDemoted))
			.filter((r) => r.semver.toLowerCase().includes(label));
		sendJson(res, 200, {
			releases: pageOf(releases, req.query, 20),
			matchedCount: releases.length,
		});
	});

	// SPEC listCustomHostnames: grouped by service, each list empty until a domain is added.
	router.on('GET', '/v3/app/:appId/custom-hostnames', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		sendJson(res, 200, app.customHostnames);
	});

	// INFERRED endpoint shape: SPEC has license fields per app; the emulator serves them for entitlement dropdowns.
	router.on('GET', '/v3/app/:appId/license-fields', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		sendJson(res, 200, app.licenseFields);
	});
}
