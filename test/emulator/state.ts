import { DeliveryLog } from './delivery-log';
import { IdSource, ksuidFrom } from './ids';
import type {
	App,
	ChannelRelease,
	Channel,
	Customer,
	CustomerChannel,
	CustomerUser,
	CustomHostname,
	CustomHostnameKind,
	EnterprisePortalInfo,
	Instance,
	InstanceEvent,
	LicenseType,
	NotificationSubscription,
	TeamMember,
} from './model';
import { INSTALL_OPTION_FLAGS } from './model';
import { instancePreview } from './serialize';

const DAY = 86_400_000;
/** Stable's release history in every app the emulator creates (synthetic rows use these too). */
export const SEED_VERSIONS = ['1.9.9', '2.1.5', '2.2.0', '2.3.1', '2.3.2', '2.4.0'];
const SEED_EPOCH = Date.UTC(2026, 9, 1);

export const TEAM_ID = 'Dq6-SEzp_hIUBfpMe5cv0OzaFIb8IDpv';

/** The team member the emulator's API tokens belong to (both of them), and another one. */
const defaultTokenUser = (): TeamMember => ({
	id: 'emulator-user',
	email: 'vendor@acme.example',
	isAdmin: false,
});
const defaultTeammate = (): TeamMember => ({
	id: 'emulator-teammate',
	email: 'teammate@acme.example',
	isAdmin: false,
});

export type NewSubscription = Partial<Omit<NotificationSubscription, 'userId'>> & {
	/** Made by the tokens' user (default) or by another team member. */
	by?: 'token' | 'teammate';
};

export function emptyEnterprisePortal(): EnterprisePortalInfo {
	return {
		enabled: false,
		access_granted_at: null,
		access_granted_by: null,
		access_method: null,
		access_milestones: {},
		first_invite_sent_at: null,
		first_software_pulled_at: null,
		first_software_pulled_asset_type: null,
		first_software_pulled_asset_version: null,
		last_software_pulled_at: null,
		last_software_pulled_asset_type: null,
		last_software_pulled_asset_version: null,
		software_pull_milestones: {},
		total_active_users: 0,
	};
}

export interface NewCustomer {
	appId: string;
	name: string;
	email?: string;
	customId?: string;
	type?: LicenseType;
	/** When the customer was created (default now): a fleet staged with a history. */
	createdAt?: string;
	expiresAt?: string | null;
	channelIds?: string[];
	entitlements?: Array<{ name: string; value: string }>;
	flags?: Partial<
		Record<(typeof INSTALL_OPTION_FLAGS)[keyof typeof INSTALL_OPTION_FLAGS], boolean>
	>;
}

/** In-memory Vendor API state. Everything a test needs to stage is a plain method here. */
export class EmulatorState {
	readonly apps = new Map<string, App>();
	readonly channels = new Map<string, Channel>();
	readonly customers = new Map<string, Customer>();
	readonly instances = new Map<string, Instance>();
	readonly events: InstanceEvent[] = [];
	/** Each channel's releases, oldest first, by channel ID. */
	readonly releases = new Map<string, ChannelRelease[]>();
	readonly subscriptions = new Map<string, NotificationSubscription>();
	/** Secrets are stored apart from subscriptions: the API never returns them (SPEC note). */
	readonly subscriptionSecrets = new Map<string, string>();
	readonly customerUsers = new Map<string, CustomerUser>();
	/** Each customer's Download Portal password (SPEC postAirgapPassword): never served back. */
	readonly airgapPasswords = new Map<string, string>();
	/**
	 * Whose the API tokens are (not an admin unless a test says so: the stricter case) and another
	 * team member, who makes the subscriptions a test stages as someone else's.
	 */
	tokenUser: TeamMember = defaultTokenUser();
	teammate: TeamMember = defaultTeammate();
	/** Every notification delivery and its attempts, with the retry schedule running. */
	readonly deliveries: DeliveryLog = new DeliveryLog(this);
	private readonly ids: IdSource;

	constructor(seed = 'emulator') {
		this.ids = new IdSource(seed);
	}

	/** Empties every collection in place (route handlers keep a reference to this object). */
	clear(): void {
		for (const map of [
			this.apps,
			this.channels,
			this.customers,
			this.instances,
			this.subscriptions,
			this.subscriptionSecrets,
			this.customerUsers,
			this.releases,
			this.airgapPasswords,
		]) {
			map.clear();
		}
		this.events.length = 0;
		this.deliveries.clear();
		this.tokenUser = defaultTokenUser();
		this.teammate = defaultTeammate();
	}

	member(id: string): TeamMember | undefined {
		return [this.tokenUser, this.teammate].find((m) => m.id === id);
	}

	/** Whether the tokens' user may change the subscription: its creator, or a team admin. */
	canEdit(subscription: NotificationSubscription): boolean {
		return this.tokenUser.isAdmin || subscription.userId === this.tokenUser.id;
	}

	/** A webhook subscription staged as the Vendor Portal would have it (no API request). */
	addSubscription(input: NewSubscription = {}): NotificationSubscription {
		const subscription = this.newSubscription(input);
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	/** A new subscription's record, not stored yet. */
	newSubscription(input: NewSubscription = {}): NotificationSubscription {
		const { by, ...fields } = input;
		const now = this.now();
		return {
			id: this.newId('subscription'),
			teamId: TEAM_ID,
			name: '',
			isEnabled: true,
			emailAddress: null,
			webhookUrl: null,
			customHeaders: [],
			eventConfigs: [{ eventType: 'customer.created', filters: {} }],
			failureContact: null,
			createdAt: now,
			updatedAt: now,
			deletedAt: null,
			...fields,
			userId: by === 'teammate' ? this.teammate.id : this.tokenUser.id,
		};
	}

	now(): string {
		return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	}

	newId(kind: string): string {
		return this.ids.next(kind);
	}

	addApp(name: string, slug: string, channelNames = ['Stable', 'Beta', 'Unstable']): App {
		const app: App = {
			id: ksuidFrom(`app:${slug}`),
			name,
			slug,
			teamId: TEAM_ID,
			isArchived: false,
			trialSignupEnabled: true,
			licenseFields: [
				{ name: 'seats', title: 'Seats', type: 'Integer', default: '10' },
				{ name: 'tier', title: 'Support tier', type: 'String', default: 'standard' },
				{ name: 'sso_enabled', title: 'SSO enabled', type: 'Boolean', default: 'false' },
			],
			customHostnames: { registry: [], proxy: [], replicatedApp: [], downloadPortal: [] },
			licenseDownloadsOnPlan: true,
			syntheticInstances: 0,
		};
		this.apps.set(app.id, app);
		channelNames.forEach((channelName, index) => {
			const channel: Channel = {
				id: ksuidFrom(`channel:${slug}:${channelName}`),
				appId: app.id,
				appSlug: slug,
				name: channelName,
				channelSlug: channelName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
				isDefault: index === 0,
				isArchived: false,
				// INFERRED seed: each channel's release holds one chart named after the app, the common
				// layout; tests stage others (several charts, an `error`, an installer-only one).
				chartReleases: [
					{
						name: slug,
						version: SEED_VERSIONS[SEED_VERSIONS.length - 1],
						weight: 0,
						error: '',
						hasPreflightSpec: false,
						isKotsInstallerOnly: false,
					},
				],
				// INFERRED value (see model.ts): Replicated's registry unless a test sets another.
				replicatedRegistryDomain: 'registry.replicated.com',
			};
			this.channels.set(channel.id, channel);
		});
		// The Stable channel's history: addInstance's default version is its newest release.
		const stable = this.appChannels(app.id)[0];
		SEED_VERSIONS.forEach((semver, i) =>
			this.addRelease(stable.id, {
				semver,
				releasedAt: new Date(SEED_EPOCH - (SEED_VERSIONS.length - 1 - i) * 30 * DAY).toISOString(),
			}),
		);
		return app;
	}

	/** A verified custom domain for one of the app's services; the first of a kind is its default. */
	addCustomHostname(appId: string, kind: CustomHostnameKind, hostname: string): CustomHostname {
		const app = this.apps.get(appId);
		if (!app) throw new Error(`unknown app ${appId}`);
		const entry: CustomHostname = {
			app_id: appId,
			team_id: app.teamId,
			hostname,
			is_default: app.customHostnames[kind].length === 0,
			created_at: this.now(),
			domain_verification_status: 'verified',
			tls_verification_status: 'verified',
		};
		app.customHostnames[kind].push(entry);
		return entry;
	}

	/** Promotes a new release to the channel (next channel sequence), or records a past one. */
	addRelease(
		channelId: string,
		release: { semver: string; releasedAt?: string; isDemoted?: boolean; isRequired?: boolean },
	): ChannelRelease {
		const channel = this.channels.get(channelId);
		if (!channel) throw new Error(`unknown channel ${channelId}`);
		const list = this.releases.get(channelId) ?? [];
		this.releases.set(channelId, list);
		const appReleases = [...this.releases.values()].flat().filter((r) => {
			return this.channels.get(r.channelId)?.appId === channel.appId;
		});
		const at = release.releasedAt ?? this.now();
		const created: ChannelRelease = {
			channelId,
			channelName: channel.name,
			channelSequence: list.length,
			sequence: appReleases.length + 1,
			semver: release.semver,
			created: at,
			releasedAt: at,
			isDemoted: release.isDemoted ?? false,
			demotedAt: release.isDemoted ? at : null,
			isRequired: release.isRequired ?? false,
			releaseNotes: `Release ${release.semver}`,
		};
		list.push(created);
		return created;
	}

	appChannels(appId: string): Channel[] {
		return [...this.channels.values()].filter((c) => c.appId === appId);
	}

	addCustomer(input: NewCustomer): Customer {
		const app = this.apps.get(input.appId);
		if (!app) throw new Error(`unknown app ${input.appId}`);
		const channels = (
			input.channelIds?.length ? input.channelIds : [this.defaultChannel(app.id).id]
		).map((id, index) => this.customerChannel(id, index === 0));
		const now = input.createdAt ?? this.now();
		const customerId = this.newId('customer');
		const portalHost =
			app.customHostnames.downloadPortal.find((h) => h.is_default)?.hostname ??
			'get.replicated.com';
		const customer = {
			id: customerId,
			teamId: TEAM_ID,
			appId: app.id,
			name: input.name,
			email: input.email ?? '',
			customId: input.customId ?? '',
			type: input.type ?? 'dev',
			createdAt: now,
			updatedAt: now,
			expiresAt: input.expiresAt ?? null,
			isArchived: false,
			installationId: this.newId('license'),
			// INFERRED form (model.ts): the portal host, the app, a customer-specific path.
			downloadPortalUrl: `https://${portalHost}/${app.slug}/${customerId}`,
			channels,
			entitlements: this.entitlementsFor(app, input.entitlements ?? []),
			enterprise_portal: emptyEnterprisePortal(),
			activeInstances: instancePreview([]),
			inactiveInstances: instancePreview([]),
			lastActive: null,
			...Object.fromEntries(Object.values(INSTALL_OPTION_FLAGS).map((f) => [f, false])),
			...input.flags,
		} as Customer;
		this.customers.set(customer.id, customer);
		return customer;
	}

	defaultChannel(appId: string): Channel {
		const channels = this.appChannels(appId);
		const channel = channels.find((c) => c.isDefault) ?? channels[0];
		if (!channel) throw new Error(`app ${appId} has no channels`);
		return channel;
	}

	customerChannel(channelId: string, isDefaultForCustomer: boolean): CustomerChannel {
		const channel = this.channels.get(channelId);
		if (!channel) throw new Error(`unknown channel ${channelId}`);
		return {
			id: channel.id,
			appId: channel.appId,
			appSlug: channel.appSlug,
			channelSlug: channel.channelSlug,
			name: channel.name,
			isDefault: channel.isDefault,
			is_default_for_customer: isDefaultForCustomer,
			pinned_channel_sequence: null,
		};
	}

	/** Every license field of the app, with the given values over the defaults. */
	entitlementsFor(app: App, values: Array<{ name: string; value: string }>) {
		const given = new Map(values.map((v) => [v.name, v.value]));
		const fields = app.licenseFields.map((f) => ({
			name: f.name,
			value: given.get(f.name) ?? f.default,
			isDefault: !given.has(f.name),
		}));
		for (const [name, value] of given) {
			if (!fields.some((f) => f.name === name)) fields.push({ name, value, isDefault: false });
		}
		return fields;
	}

	/**
	 * A license field added to the app (a Vendor Portal edit): every customer gets its default until
	 * given a value of its own.
	 */
	addLicenseField(appId: string, field: App['licenseFields'][number]): void {
		const app = this.apps.get(appId);
		if (!app) throw new Error(`unknown app ${appId}`);
		if (app.licenseFields.some((f) => f.name === field.name)) return;
		app.licenseFields.push(field);
		for (const customer of this.customers.values())
			if (customer.appId === appId && !customer.entitlements.some((e) => e.name === field.name))
				customer.entitlements.push({ name: field.name, value: field.default, isDefault: true });
	}

	/** Customers gone with everything they had: instances, their events, portal users, passwords. */
	removeCustomers(customerIds: Iterable<string>): void {
		const gone = new Set(customerIds);
		for (const id of gone) {
			this.customers.delete(id);
			this.airgapPasswords.delete(id);
		}
		for (const [id, instance] of this.instances)
			if (gone.has(instance.customerId)) this.instances.delete(id);
		for (const [id, user] of this.customerUsers)
			if (gone.has(user.customerId)) this.customerUsers.delete(id);
		let kept = 0;
		for (const event of this.events) if (!gone.has(event.customerId)) this.events[kept++] = event;
		this.events.length = kept;
	}

	/** An Enterprise Portal user of the customer: an invite not yet accepted, unless overridden. */
	addCustomerUser(customerId: string, overrides: Partial<CustomerUser> = {}): CustomerUser {
		const customer = this.customers.get(customerId)!;
		const id = overrides.id ?? this.newId('customer-user');
		const user: CustomerUser = {
			id,
			appId: customer.appId,
			customerId,
			customerName: customer.name,
			emailAddress: `user-${id.toLowerCase()}@example.com`,
			role: 'member',
			invitedAt: this.now(),
			firstAccessedAt: null,
			lastAccessedAt: null,
			pendingInvite: true,
			viewCount: 0,
			...overrides,
		};
		this.customerUsers.set(id, user);
		return user;
	}

	addInstance(customerId: string, overrides: Partial<Instance> = {}): Instance {
		const customer = this.customers.get(customerId);
		if (!customer) throw new Error(`unknown customer ${customerId}`);
		const now = this.now();
		const instance: Instance = {
			instanceId: this.newId('instance'),
			licenseId: customer.installationId,
			customerId,
			appId: customer.appId,
			clusterId: this.newId('cluster'),
			createdAt: now,
			lastActive: now,
			active: true,
			appStatus: 'ready',
			cloud: 'aws',
			isAirgap: false,
			isArchived: false,
			isEmbeddedCluster: false,
			k8sVersion: 'v1.31.2',
			kotsVersion: '',
			replicatedSdkVersion: '1.5.0',
			versionLabel: '2.4.0',
			tags: [],
			customMetrics: {},
			versionHistory: [],
			...overrides,
		};
		if (!overrides.versionHistory) {
			instance.versionHistory = [
				{
					instanceId: instance.instanceId,
					versionLabel: instance.versionLabel,
					downstreamReleaseSequence: 42,
					intervalStart: instance.createdAt,
					intervalLast: instance.lastActive,
				},
			];
		}
		this.instances.set(instance.instanceId, instance);
		this.refreshInstanceCounts(customer);
		return instance;
	}

	refreshInstanceCounts(customer: Customer): void {
		const own = [...this.instances.values()].filter(
			(i) => i.customerId === customer.id && !i.isArchived,
		);
		customer.activeInstances = instancePreview(own.filter((i) => i.active));
		customer.inactiveInstances = instancePreview(own.filter((i) => !i.active));
		customer.lastActive =
			own
				.map((i) => i.lastActive)
				.sort()
				.pop() ?? null;
	}

	/** A small, realistic starting point: one app with three channels and a few customers. */
	seed(): this {
		const app = this.addApp('Acme Platform', 'acme-platform');
		const [stable, beta] = this.appChannels(app.id);
		const paid = this.addCustomer({
			appId: app.id,
			name: 'The Airplane Company',
			email: 'ops@airplane.example',
			customId: '001Dn00000AirplaneCo',
			type: 'prod',
			channelIds: [stable.id],
			entitlements: [{ name: 'seats', value: '250' }],
			flags: { airgap: true, isEnterprisePortalEnabled: true, isHelmInstallEnabled: true },
		});
		this.addInstance(paid.id, { cloud: 'gcp' });
		this.addCustomer({
			appId: app.id,
			name: 'Globex Trial',
			email: 'it@globex.example',
			type: 'trial',
			expiresAt: '2027-01-31T00:00:00Z',
			channelIds: [beta.id],
		});
		this.addCustomer({
			appId: app.id,
			name: 'Initech Dev',
			email: 'dev@initech.example',
			type: 'dev',
		});
		return this;
	}
}
