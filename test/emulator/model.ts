/**
 * Shapes the emulator stores and serves, written from ../shared/replicated/API.md (SPEC names).
 * Deliberately independent of the node's zod schemas so that a mismatch between the two shows up
 * in tests instead of being hidden by shared code.
 */
export type LicenseType = 'dev' | 'trial' | 'prod' | 'community' | 'test';

export interface App {
	id: string;
	name: string;
	slug: string;
	teamId: string;
	isArchived: boolean;
	trialSignupEnabled: boolean;
	/** License fields (entitlement definitions) with their defaults. INFERRED shape. */
	licenseFields: Array<{ name: string; title: string; type: string; default: string }>;
	/** SPEC `listCustomHostnames`: the app's custom domains per service (none unless a test adds one). */
	customHostnames: Record<CustomHostnameKind, CustomHostname[]>;
	/**
	 * Whether the team's plan lets it download license files. Replicated's own client
	 * (replicated-lib src/customers.ts) ignores a 403 on license-download "as we could be using a
	 * trial license (on builders plan)": a plan limit. The message is INFERRED.
	 */
	licenseDownloadsOnPlan: boolean;
	/** Extra rows the export endpoint generates on the fly (deterministic), for large-export tests. */
	syntheticInstances: number;
	/** The moment the synthetic rows are relative to (default: a fixed date, for stable rows). */
	syntheticEpoch?: number;
}

export type CustomHostnameKind = 'registry' | 'proxy' | 'replicatedApp' | 'downloadPortal';

/** SPEC `KotsAppCustomHostname` (the fields served). */
export interface CustomHostname {
	app_id: string;
	team_id: string;
	hostname: string;
	is_default: boolean;
	created_at: string;
	domain_verification_status: string;
	tls_verification_status: string;
}

export interface Channel {
	id: string;
	appId: string;
	appSlug: string;
	name: string;
	channelSlug: string;
	isDefault: boolean;
	isArchived: boolean;
	/** SPEC `CustomHostnameOverrides`: the channel's own domains, over the app's defaults. */
	customHostnameOverrides?: HostnameOverrides;
	/**
	 * SPEC `Channel.chartReleases` (items `HelmChart`): the Helm charts of the channel's current
	 * release, which the CLI's `customer inspect` turns into one `helm install` each
	 * (cli/print/customer_attributes.go installCommand).
	 */
	chartReleases: HelmChart[];
	/**
	 * SPEC `Channel.replicatedRegistryDomain`: the CLI's registry host after the channel override and
	 * the app's default domain (cli/cmd/customer_inspect.go registryHostname). INFERRED value: the
	 * sources never show one; the emulator serves Replicated's registry unless a test sets another.
	 */
	replicatedRegistryDomain: string;
	/**
	 * SPEC `Channel.existingClusterInstallCommand` / `embeddedClusterInstallCommand`: their content is
	 * undocumented (INFERRED). Unset, the emulator builds them as the CLI's `channel inspect` prints a
	 * channel's commands (cli/print/channel_attributes.go); a test may stage any text instead.
	 */
	installCommands?: { existingCluster?: string; embeddedCluster?: string };
}

/** SPEC `HelmChart`. */
export interface HelmChart {
	name: string;
	version: string;
	weight: number;
	/** SPEC gives no meaning; INFERRED: Replicated could not read the chart of the release. */
	error: string;
	hasPreflightSpec: boolean;
	/** SPEC gives no meaning; INFERRED: a chart only Replicated's installers deploy (KOTS, Embedded Cluster). */
	isKotsInstallerOnly: boolean;
}

export type HostnameOverrides = Partial<
	Record<'registry' | 'proxy' | 'replicatedApp' | 'downloadPortal', { hostname: string }>
>;

/**
 * SPEC `CustomerChannelWithDetail`: what a customer keeps of each of its channels. The channel's
 * own details (charts, domains, install commands) are added when served (serialize.ts).
 */
export interface CustomerChannel {
	id: string;
	appId: string;
	appSlug: string;
	channelSlug: string;
	name: string;
	/** The channel's own flag: it is the app's default channel (as in SPEC `Channel`). */
	isDefault: boolean;
	/** The customer's default channel: the flag create and PATCH write (API.md Corrections 3). */
	is_default_for_customer: boolean;
	pinned_channel_sequence: number | null;
}

export interface Entitlement {
	name: string;
	value: string;
	isDefault: boolean;
}

export interface EnterprisePortalInfo {
	enabled: boolean;
	access_granted_at: string | null;
	access_granted_by: string | null;
	access_method: string | null;
	access_milestones: Record<string, { access_granted_at: string; access_method: string }>;
	first_invite_sent_at: string | null;
	first_software_pulled_at: string | null;
	first_software_pulled_asset_type: string | null;
	first_software_pulled_asset_version: string | null;
	last_software_pulled_at: string | null;
	last_software_pulled_asset_type: string | null;
	last_software_pulled_asset_version: string | null;
	software_pull_milestones: Record<
		string,
		{ first_pulled_at: string; asset_type: string; asset_version: string }
	>;
	total_active_users: number;
}

export const INSTALL_OPTION_FLAGS = {
	is_airgap_enabled: 'airgap',
	is_gitops_supported: 'isGitopsSupported',
	is_snapshot_supported: 'isSnapshotSupported',
	is_kots_install_enabled: 'isKotsInstallEnabled',
	is_helm_install_enabled: 'isHelmInstallEnabled',
	is_helm_airgap_enabled: 'isHelmAirgapEnabled',
	is_kurl_install_enabled: 'isKurlInstallEnabled',
	is_installer_support_enabled: 'isInstallerSupportEnabled',
	is_embedded_cluster_download_enabled: 'isEmbeddedClusterDownloadEnabled',
	is_embedded_cluster_multinode_enabled: 'isEmbeddedClusterMultiNodeEnabled',
	is_geoaxis_supported: 'isGeoaxisSupported',
	is_identity_service_supported: 'isIdentityServiceSupported',
	is_support_bundle_upload_enabled: 'isSupportBundleUploadEnabled',
	is_disaster_recovery_supported: 'isDisasterRecoverySupported',
	is_dev_mode_enabled: 'isDevModeEnabled',
	is_enterprise_portal_enabled: 'isEnterprisePortalEnabled',
	is_security_center_enabled: 'isSecurityCenterEnabled',
	saml_allowed: 'samlAllowed',
} as const;
export type InstallOptionInput = keyof typeof INSTALL_OPTION_FLAGS;
export type InstallOptionField = (typeof INSTALL_OPTION_FLAGS)[InstallOptionInput];

export type Customer = {
	id: string;
	teamId: string;
	appId: string;
	name: string;
	email: string;
	customId: string;
	type: LicenseType;
	createdAt: string;
	updatedAt: string;
	expiresAt: string | null;
	isArchived: boolean;
	installationId: string;
	/**
	 * SPEC `Customer.downloadPortalUrl`: the customer's own Download Portal link (docs
	 * releases-share-download-portal: "A unique Download Portal link is available for each
	 * customer"). INFERRED form: the portal host and a customer-specific path; '' for none.
	 */
	downloadPortalUrl: string;
	channels: CustomerChannel[];
	entitlements: Entitlement[];
	enterprise_portal: EnterprisePortalInfo;
	/** SPEC `InstancePreview`: up to three instances, and how many there are in all. */
	activeInstances: InstancePreview;
	inactiveInstances: InstancePreview;
	lastActive: string | null;
} & Record<InstallOptionField, boolean>;

export interface InstancePreview {
	instances: InstanceView[];
	moreAvailable: boolean;
	totalCount: number;
}

/** SPEC `CustomerInstance`: what the API returns for an instance. */
export type InstanceView = Omit<
	Instance,
	'customerId' | 'appId' | 'versionLabel' | 'customMetrics'
>;

export interface Instance {
	instanceId: string;
	licenseId: string;
	customerId: string;
	appId: string;
	clusterId: string;
	createdAt: string;
	lastActive: string;
	active: boolean;
	appStatus: string;
	cloud: string;
	isAirgap: boolean;
	isArchived: boolean;
	isEmbeddedCluster: boolean;
	k8sVersion: string;
	kotsVersion: string;
	replicatedSdkVersion: string;
	versionLabel: string;
	tags: Array<{ key: string; value: string }>;
	/** The latest custom metric values the instance reported (export `custom_metric__*`). */
	customMetrics: Record<string, number>;
	/** SPEC `CustomerInstanceVersionHistory`, stored in any order; served latest first (CLI types/instance.go). */
	versionHistory: Array<{
		instanceId: string;
		versionLabel: string;
		downstreamReleaseSequence: number;
		intervalStart: string;
		intervalLast: string;
	}>;
}

/** SPEC `KotsChannelRelease`: a release as promoted to one channel (the fields served). */
export interface ChannelRelease {
	channelId: string;
	channelName: string;
	channelSequence: number;
	sequence: number;
	semver: string;
	created: string;
	releasedAt: string;
	isDemoted: boolean;
	demotedAt: string | null;
	isRequired: boolean;
	releaseNotes: string;
}

/** One point of GET /v3/app/{appId}/events (SPEC item shape). */
export interface InstanceEvent {
	appId: string;
	customerId: string;
	instanceId: string;
	fieldName: string;
	isCustom: boolean;
	newValue: string;
	previousValue: string;
	reportedAt: string;
}

/**
 * A notification subscription as stored (SPEC NotificationSubscription). Custom headers keep their
 * value, which deliveries carry; answers mask it (SPEC CustomHeaderMasked, routes/subscriptions.ts).
 */
export interface NotificationSubscription {
	id: string;
	teamId: string;
	/** The team member who made it (SPEC NotificationSubscription.userId, createdBy). */
	userId: string;
	name: string;
	isEnabled: boolean;
	emailAddress: string | null;
	webhookUrl: string | null;
	customHeaders: Array<{ name: string; value: string }>;
	eventConfigs: Array<{ eventType: string; filters: Record<string, unknown> }>;
	failureContact: string | null;
	createdAt: string;
	updatedAt: string;
	/** Set when deleted and kept (SPEC NotificationSubscription.deletedAt; the `kept` reading). */
	deletedAt: string | null;
}

/** A Vendor Portal team member: who made a subscription, and who may change it. */
export interface TeamMember {
	id: string;
	email: string;
	/**
	 * A team admin may change any subscription; anyone else only their own. INFERRED from the docs,
	 * which name the creator and the team admins as a subscription's owners (failure emails,
	 * event-notifications-webhooks.mdx), and SPEC's per-subscription `readonly`.
	 */
	isAdmin: boolean;
}

export interface CustomerUser {
	id: string;
	appId: string;
	customerId: string;
	customerName: string;
	emailAddress: string;
	role: string;
	invitedAt: string | null;
	firstAccessedAt: string | null;
	lastAccessedAt: string | null;
	pendingInvite: boolean;
	viewCount: number;
}
