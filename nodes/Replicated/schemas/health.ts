import { z } from 'zod/v4';

import { nullable } from './common';
import { dict, keyedBy } from './keyed';
import { versionHistorySchema } from './instance';

const text = nullable(z.string());
const flag = nullable(z.boolean());

/**
 * The export columns (customer_instances, as typed by `instanceRowItem`) that health scoring
 * reads; documented in Replicated's data dictionary. Unknown columns pass through untouched.
 */
export const healthRowSchema = z.looseObject({
	customId: text,
	customerId: text,
	customerName: text,
	licenseType: text,
	instanceId: text,
	customer_created_date: text,
	customer_license_expiration_date: text,
	customer_channel_id: text,
	customer_channel_name: text,
	instance_is_active: flag,
	instance_first_reported_at: text,
	instance_first_ready_at: text,
	instance_last_reported_at: text,
	instance_is_airgap: flag,
	instance_last_app_status: text,
	instance_app_version: text,
	entitlements: keyedBy(z.unknown()).catch(() => dict()),
	customMetrics: keyedBy(z.unknown()).catch(() => dict()),
});
export type HealthRow = z.infer<typeof healthRowSchema>;

/** SPEC `KotsChannelRelease` (listChannelReleases), the parts read. */
export const channelReleaseSchema = z.looseObject({
	channelSequence: nullable(z.number()),
	sequence: nullable(z.number()),
	semver: text,
	created: text,
	releasedAt: text,
	isDemoted: flag,
});
export type ChannelRelease = z.infer<typeof channelReleaseSchema>;
export const channelReleasesPageSchema = z.looseObject({
	releases: z
		.array(channelReleaseSchema)
		.nullish()
		.transform((r) => r ?? []),
	matchedCount: nullable(z.number()),
});

/** One point of SPEC listAppInstanceEvents (`isCustom` arrives as a string there). */
export const instanceEventSchema = z.looseObject({
	customerId: text,
	instanceId: text,
	fieldName: text,
	isCustom: nullable(z.union([z.boolean(), z.string()])).transform(
		(v) => v === true || v === 'true',
	),
	newValue: nullable(z.unknown()),
	previousValue: nullable(z.unknown()),
	reportedAt: text,
});
export type InstanceEvent = z.infer<typeof instanceEventSchema>;
export type VersionHistory = z.infer<typeof versionHistorySchema>;

/** The thresholds a user tunes; the defaults are the ones the node's fields show. */
export const healthThresholdsSchema = z.object({
	/** Versions behind the channel's newest release that put an instance on watch (2× = at risk). */
	versionsBehind: z.number().int().min(1).default(3),
	/** Days without a check-in for an online instance (1 day = 6 missed 4-hourly check-ins). */
	checkInDays: z.number().min(0).default(1),
	/** Days without a new report from an air-gapped instance (support bundle / instance report). */
	airgapReportDays: z.number().min(0).default(45),
	/** Hours an instance may stay degraded, unavailable or missing before the customer is at risk. */
	unhealthyHours: z.number().min(0).default(24),
	/** Days before license expiry when renewal becomes a reason to watch. */
	licenseExpiryDays: z.number().min(0).default(30),
	/** The window, in days, over which metric trends and new instances are measured. */
	windowDays: z.number().min(1).default(30),
	/** A key metric falling by this percentage over the window puts the customer on watch. */
	metricDeclinePct: z.number().min(0).default(20),
	/** A key metric rising by this percentage over the window is an expansion signal. */
	metricGrowthPct: z.number().min(0).default(20),
	/** Usage at this percentage of an entitlement limit is an expansion signal. */
	entitlementUsagePct: z.number().min(0).default(80),
	/** New instances within the window (for a customer that had instances before) to signal growth. */
	newInstances: z.number().int().min(1).default(1),
});
export type HealthThresholds = z.infer<typeof healthThresholdsSchema>;

export const RISK_LEVELS = ['healthy', 'watch', 'at risk'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const finding = z.object({
	/** Stable code for filtering in a workflow, e.g. `versions_behind`. */
	code: z.string(),
	severity: z.enum(['watch', 'at risk']),
	/** The reason in words a CSM understands. */
	message: z.string(),
	instanceId: z.string().nullable(),
});
const signal = z.object({ code: z.string(), message: z.string() });
const days = z.number().nullable();

export const metricTrendSchema = z.object({
	/** Sum over the customer's instances of each one's first value in the window. */
	start: z.number().nullable(),
	/** Sum of each instance's latest value. */
	latest: z.number().nullable(),
	changePct: z.number().nullable(),
	/** Least-squares slope, units per day, summed over instances. */
	slopePerDay: z.number().nullable(),
	points: z.number(),
	/** The value per day over the window (summed over instances), at most 31 points: a sparkline. */
	series: z.array(z.number()),
});

export const instanceHealthSchema = z.object({
	instanceId: z.string(),
	active: z.boolean().nullable(),
	airgapped: z.boolean(),
	appVersion: z.string().nullable(),
	versionsBehind: z.number().nullable(),
	latestVersion: z.string().nullable(),
	lastCheckInAt: z.string().nullable(),
	daysSinceCheckIn: days,
	appStatus: z.string().nullable(),
	/** When the current app status began (from the event series), null when it does not tell. */
	appStatusSince: z.string().nullable(),
	hoursInAppStatus: z.number().nullable(),
	firstReportedAt: z.string().nullable(),
});

/** What Insight → Score Customers emits, one per customer: the health templates' contract. */
export const customerHealthSchema = z.object({
	customId: z.string().nullable(),
	customerId: z.string(),
	customerName: z.string().nullable(),
	licenseType: z.string().nullable(),
	channel: z.string().nullable(),
	riskLevel: z.enum(RISK_LEVELS),
	/** Every finding's message, most severe first. */
	reasons: z.array(z.string()),
	findings: z.array(finding),
	expansionSignals: z.array(z.string()),
	expansion: z.array(signal),
	instanceCount: z.number(),
	activeInstances: z.number(),
	inactiveInstances: z.number(),
	newInstancesInWindow: z.number(),
	airgapped: z.boolean(),
	versionsBehind: z.number().nullable(),
	daysSinceLastCheckIn: days,
	daysSinceLastAirgapReport: days,
	licenseExpiresAt: z.string().nullable(),
	daysToLicenseExpiry: days,
	/** Median days from a release reaching the channel to an instance running it. */
	upgradeVelocityDays: days,
	upgradesMeasured: z.number(),
	/** By custom metric name, as the instances report it (any name: a `dict`, see keyed.ts). */
	metrics: keyedBy(metricTrendSchema),
	instances: z.array(instanceHealthSchema),
	scoredAt: z.string(),
});
export type CustomerHealth = z.infer<typeof customerHealthSchema>;
export type InstanceHealth = z.infer<typeof instanceHealthSchema>;
export type MetricTrend = z.infer<typeof metricTrendSchema>;
export type Finding = z.infer<typeof finding>;
export type Signal = z.infer<typeof signal>;

const at = z.string().nullable();

/** What Insight → Renewal Prep emits: a renewal brief for one customer. */
export const renewalBriefSchema = z.object({
	customId: at,
	customerId: z.string(),
	customerName: z.string().nullable(),
	licenseType: z.string().nullable(),
	channel: z.string().nullable(),
	period: z.object({ days: z.number(), from: z.string(), to: z.string() }),
	customerSince: at,
	daysOnPlatform: days,
	license: z.object({
		expiresAt: at,
		daysToExpiry: days,
		entitlements: keyedBy(z.unknown()),
	}),
	health: z.object({
		riskLevel: z.enum(RISK_LEVELS),
		reasons: z.array(z.string()),
		expansionSignals: z.array(z.string()),
		/** Share of the reported time the app was ready across instances, in the period (%). */
		readyPct: z.number().nullable(),
		hoursByStatus: keyedBy(z.number()),
	}),
	versions: z.object({
		latestVersion: at,
		current: z.array(
			z.object({
				instanceId: z.string(),
				version: at,
				versionsBehind: z.number().nullable(),
				active: z.boolean().nullable(),
			}),
		),
		upgradesInPeriod: z.array(
			z.object({ instanceId: z.string(), from: at, to: at, at: z.string() }),
		),
		upgradeVelocityDays: days,
	}),
	instances: z.object({
		total: z.number(),
		active: z.number(),
		airgapped: z.number(),
		newInPeriod: z.number(),
	}),
	metrics: keyedBy(metricTrendSchema),
	usage: z.array(
		z.object({
			metric: z.string(),
			entitlement: z.string(),
			used: z.number(),
			limit: z.number(),
			pct: z.number(),
		}),
	),
	milestones: z.object({
		invitedAt: at,
		accessGrantedAt: at,
		firstDownloadAt: at,
		confirmedRunningAt: at,
	}),
	/** The brief as Markdown, ready for an email, a CRM note or Slack. */
	markdown: z.string(),
});
export type RenewalBrief = z.infer<typeof renewalBriefSchema>;

/** What Insight → Health Dashboard emits: one item for all the scored customers. */
export const healthDashboardItemSchema = z.object({
	filters: z.object({ riskLevel: z.enum(RISK_LEVELS).nullable(), channel: z.string().nullable() }),
	counts: z.object({
		total: z.number(),
		healthy: z.number(),
		watch: z.number(),
		'at risk': z.number(),
	}),
	instances: z.number(),
	/** Customer IDs of the at-risk customers on the page's channel. */
	atRisk: z.array(z.string()),
	/** Customer IDs whose license expires within the window, soonest first. */
	expiring: z.array(z.string()),
	/** The whole page: answer it with Respond to Webhook (Content-Type text/html). */
	html: z.string(),
	/** The distribution and the at-risk and watch lists for an email's HTML part. */
	summaryHtml: z.string(),
	/** Input items left out because they are not scored customers (each named in a warning). */
	skipped: z.number(),
});
export type HealthDashboardItem = z.infer<typeof healthDashboardItemSchema>;
