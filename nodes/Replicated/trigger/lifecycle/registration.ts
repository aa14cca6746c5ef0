import { createHash, randomBytes } from 'crypto';

import type { IDataObject, IHookFunctions, IWebhookFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isFromN8n, type NotificationSubscription } from '../../schemas/notification';
import {
	createSubscriptionRequest,
	deleteSubscriptionRequest,
	getSubscription,
	listSubscriptions,
	updateSubscription,
} from '../../api/notifications';
import { asNodeError, isForbidden, replicatedSaid, saysWhatToDo } from '../../transport';
import { triggerLabel } from './label';

/** What the trigger keeps in the workflow's static data about its subscription. */
export interface RegistrationState {
	subscriptionId?: string;
	/** The signing secret generated for the subscription (Replicated never returns it). */
	webhookSecret?: string;
	/** Hash of URL, events, filters and custom header: a change means the subscription is updated. */
	configHash?: string;
	/**
	 * The n8n instance that registered it. A workflow exported with its static data and imported into
	 * another n8n carries the first one's subscription: that n8n must leave it alone.
	 */
	instanceId?: string;
	/** Raised by Options → Secret Version; a higher option value rotates the secret. */
	secretVersion?: number;
	/**
	 * Secrets rotated out (a raised Secret Version, or a publish that replaced the subscription), each
	 * still accepted until its `until` (epoch ms): a delivery signed before the change is not refused.
	 */
	retiredSecrets?: RetiredSecret[];
}

/**
 * The trigger's registration record, in the workflow's static data. The editor's test listener has
 * its own: n8n gives a test registration an empty static data of its own and keeps it until the
 * listener stops, so the production record is never seen (nor changed) by a test.
 */
export function registrationState(ctx: IHookFunctions | IWebhookFunctions): RegistrationState {
	return ctx.getWorkflowStaticData('node') as RegistrationState;
}

export interface RetiredSecret {
	secret: string;
	until: number;
}

/** A burst of publishes retires one secret each; more than this many at once is not a rotation. */
const MAX_RETIRED = 5;

/** The retired secrets still within their grace period. */
export function stillValid(state: RegistrationState, now = Date.now()): RetiredSecret[] {
	return (state.retiredSecrets ?? []).filter((r) => r.until > now);
}

/**
 * The retired secrets still within their grace period, plus `secret` retired now; none at all
 * without a grace period (Revoke Previous Secret Now): a leaked secret is not even kept.
 */
export function retire(
	state: RegistrationState,
	secret: string | undefined,
	graceMs: number,
	now = Date.now(),
): RetiredSecret[] {
	if (graceMs <= 0) return [];
	const kept = stillValid(state, now);
	if (secret) kept.unshift({ secret, until: now + graceMs });
	return kept.slice(0, MAX_RETIRED);
}

export interface SubscriptionConfig {
	name: string;
	webhookUrl: string;
	eventConfigs: Array<{ eventType: string; filters: IDataObject }>;
	customHeader?: { name: string; value: string };
	/** Options → Failure Alert Email (SPEC CreateNotificationSubscriptionRequest.failureContact). */
	failureContact?: string;
}

export interface Wanted {
	/** Options → Secret Version (1 unless the user rotates). */
	secretVersion: number;
	/** How long a rotated-out secret is still accepted; 0: not at all (Revoke Previous Secret Now). */
	graceMs: number;
}

/** What activation found and did, for the log and for catch-up. */
export interface Health {
	exists: boolean;
	/** Replicated had disabled the subscription and it was enabled again. */
	reEnabled?: boolean;
	/** An existing subscription for this URL was taken over instead of creating another. */
	adopted?: boolean;
}

export function configHash(config: SubscriptionConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

/**
 * A signing secret: 24 random bytes, prefixed `whsec_` as in Replicated's example
 * (DOCS event-notifications-create.mdx).
 */
const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

function body(config: SubscriptionConfig, secret: string): IDataObject {
	return {
		name: config.name,
		isEnabled: true,
		webhookUrl: config.webhookUrl,
		webhookSecret: secret,
		customHeaders: config.customHeader ? [config.customHeader] : [],
		eventConfigs: config.eventConfigs,
		// SPEC Create/UpdateNotificationSubscriptionRequest.failureContact (a string, format not
		// given). Sent only when set: whether Replicated takes "" as "no contact" is INFERRED either
		// way, so an emptied option leaves the address Replicated has (the option's description says so).
		...(config.failureContact ? { failureContact: config.failureContact } : {}),
	};
}

/** What registration keeps; the rest of the node's static data is the deliveries' record. */
const REGISTRATION_KEYS: Array<keyof RegistrationState> = [
	'subscriptionId',
	'webhookSecret',
	'configHash',
	'instanceId',
	'secretVersion',
	'retiredSecrets',
];

/**
 * Forgets the subscription, not the record of deliveries (duplicates, redeliveries run): the same
 * events keep arriving, signed with a retired secret for a while, after a publish replaces it.
 */
function forget(state: RegistrationState): void {
	for (const key of REGISTRATION_KEYS) delete state[key];
}

/** False when the static data came with a workflow from another n8n. Older records have no owner. */
export function ownedHere(ctx: IHookFunctions, state: RegistrationState): boolean {
	return !state.instanceId || state.instanceId === ctx.getInstanceId();
}

function rotate(state: RegistrationState, wanted: Wanted): void {
	state.retiredSecrets = retire(state, state.webhookSecret, wanted.graceMs);
	state.webhookSecret = newSecret();
	state.secretVersion = wanted.secretVersion;
}

/**
 * Reads the stored subscription on every activation (n8n re-activates on each start) and brings it
 * back to health: false when it has to be created (never registered here, deleted in the Vendor
 * Portal, or registered by another n8n); enabled again when Replicated disabled it; updated (PUT)
 * when the node's events, filters or URL changed or the secret is rotated.
 */
export async function checkSubscription(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
	wanted: Wanted,
): Promise<Health> {
	const label = triggerLabel(ctx);
	if (!ownedHere(ctx, state)) {
		ctx.logger.info(
			`${label}: its saved subscription ${state.subscriptionId ?? ''} was registered by another n8n (imported with the workflow); leaving it to that n8n and registering this one's own`,
		);
		forget(state);
		return { exists: false };
	}
	if (!state.subscriptionId || !state.webhookSecret) return { exists: false };
	if (wanted.graceMs <= 0) delete state.retiredSecrets;
	const subscription = await getSubscription(ctx, state.subscriptionId);
	if (!subscription) {
		ctx.logger.warn(
			`${label}: its notification subscription ${state.subscriptionId} no longer exists in Replicated (deleted in the Vendor Portal?); registering it again`,
		);
		forget(state);
		return { exists: false };
	}
	const disabled = subscription.isEnabled === false;
	const rotating = wanted.secretVersion > (state.secretVersion ?? 1);
	const hash = configHash(config);
	if (!disabled && !rotating && hash === state.configHash) {
		state.instanceId = ctx.getInstanceId();
		return { exists: true };
	}
	const before = { ...state };
	if (rotating) rotate(state, wanted);
	try {
		await updateSubscription(ctx, state.subscriptionId, body(config, state.webhookSecret!));
	} catch (error) {
		Object.assign(state, before);
		if (!disabled) throw asNodeError(ctx.getNode(), error);
		const cause = (error as Error).message.replace(/\.$/, '');
		const fix = saysWhatToDo(error as Error)
			? 'Then publish the workflow again'
			: 'Enable it in the Vendor Portal (Notifications) or give the API token the team permission team/notifications/subscriptions/update, then publish the workflow again';
		throw new NodeOperationError(
			ctx.getNode(),
			`Replicated disabled the notification subscription "${subscription.name ?? state.subscriptionId}" (it does so after 10 consecutive permanently failed deliveries) and enabling it again failed: ${cause}. ${fix}; what failed meanwhile is redelivered then.`,
		);
	}
	state.configHash = hash;
	state.instanceId = ctx.getInstanceId();
	if (disabled)
		ctx.logger.warn(
			`${label}: Replicated had disabled its notification subscription ${state.subscriptionId} (after 10 consecutive permanently failed deliveries); enabled it again`,
		);
	if (rotating)
		ctx.logger.info(
			`${label}: rotated the signing secret of subscription ${state.subscriptionId}; ${state.retiredSecrets?.length ? `the previous one is accepted until ${new Date(state.retiredSecrets[0].until).toISOString()}` : 'the previous one is refused from now on (Revoke Previous Secret Now)'}`,
		);
	return { exists: true, reEnabled: disabled };
}

/** Who made a subscription (SPEC createdBy, userId), as the log names them. */
const maker = (s: NotificationSubscription) => s.createdBy?.description || s.userId || '';

/** A subscription at the trigger's URL that this API token may not change, and why. */
interface LeftAlone {
	subscription: NotificationSubscription;
	why: string;
}

/**
 * Takes over the first subscription at the URL this token may change (the workflow's own name
 * first): the new secret and configuration are written to it. One marked `readonly` (SPEC: only its
 * creator or a team admin may change it) is not tried; one whose update Replicated refuses (403) is
 * left too. Returns the one taken, if any, and those left alone.
 */
async function adopt(
	ctx: IHookFunctions,
	atThisUrl: NotificationSubscription[],
	config: SubscriptionConfig,
	secret: string,
): Promise<{ kept?: NotificationSubscription; leftAlone: LeftAlone[] }> {
	const leftAlone: LeftAlone[] = [];
	const byName = [...atThisUrl].sort(
		(a, b) => Number(b.name === config.name) - Number(a.name === config.name),
	);
	for (const subscription of byName) {
		if (subscription.readonly === true) {
			const who = maker(subscription) || 'another team member';
			leftAlone.push({
				subscription,
				why: `${who} made it and this API token cannot change it (only its creator or a team admin can)`,
			});
			continue;
		}
		try {
			await updateSubscription(ctx, subscription.id, body(config, secret));
			return { kept: subscription, leftAlone };
		} catch (error) {
			if (!isForbidden(error)) throw asNodeError(ctx.getNode(), error);
			leftAlone.push({
				subscription,
				why: `Replicated refused to let this API token change it (${replicatedSaid(error as NodeApiError)})`,
			});
		}
	}
	return { leftAlone };
}

/**
 * Registers the subscription with a secret generated here. One that already delivers to this exact
 * URL (re-import, restore from a backup, a second activation) is adopted instead of adding another,
 * when this token may change it; further copies of ours at that URL are deleted. Another n8n has
 * another URL, so never matches. Deleted subscriptions Replicated still lists are never considered.
 */
export async function createSubscription(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
	wanted: Wanted,
): Promise<Health> {
	const label = triggerLabel(ctx);
	const secret = newSecret();
	const atThisUrl = (await listSubscriptions(ctx)).filter(
		(s) => s.webhookUrl === config.webhookUrl,
	);
	const { kept, leftAlone } = await adopt(ctx, atThisUrl, config, secret);
	for (const { subscription: s, why } of leftAlone)
		ctx.logger.warn(
			`${label}: subscription ${s.id} ("${s.name ?? ''}") also delivers to its URL, but ${why}; left alone${kept ? '' : ', and one of its own registered'}. Its deliveries are refused (signed with a secret this trigger does not have): have ${maker(s) || 'its creator'} or a team admin delete it in the Vendor Portal`,
		);
	if (kept) {
		ctx.logger.info(
			`${label}: adopted the notification subscription ${kept.id} ("${kept.name ?? ''}") that already delivers to its URL, instead of creating another`,
		);
		const settled = new Set([kept, ...leftAlone.map((l) => l.subscription)]);
		for (const other of atThisUrl.filter((s) => !settled.has(s)))
			await removeDuplicate(ctx, label, other);
	}
	const id = kept ? kept.id : (await createSubscriptionRequest(ctx, body(config, secret))).id;
	const retiredSecrets = wanted.graceMs > 0 ? stillValid(state) : [];
	forget(state);
	Object.assign(state, {
		...(retiredSecrets.length ? { retiredSecrets } : {}),
		subscriptionId: id,
		webhookSecret: secret,
		configHash: configHash(config),
		instanceId: ctx.getInstanceId(),
		secretVersion: wanted.secretVersion,
	});
	return { exists: true, adopted: Boolean(kept) };
}

/** Another subscription at the URL once one is adopted: ours is deleted, anyone else's named. */
async function removeDuplicate(
	ctx: IHookFunctions,
	label: string,
	other: NotificationSubscription,
): Promise<void> {
	const foreign = `${label}: subscription ${other.id} ("${other.name ?? ''}") also delivers to its URL, signed with a secret this trigger does not have, so its deliveries are refused: delete it in the Vendor Portal`;
	if (!isFromN8n(other)) return ctx.logger.warn(foreign);
	try {
		await deleteSubscriptionRequest(ctx, other.id);
		ctx.logger.info(`${label}: deleted ${other.id}, a duplicate subscription for its URL`);
	} catch (error) {
		if (!isForbidden(error)) throw asNodeError(ctx.getNode(), error);
		ctx.logger.warn(foreign);
	}
}

/**
 * Deletes the subscription, unless it belongs to another n8n (then it is only forgotten here).
 * n8n 2.x also removes and re-adds a trigger when a changed workflow is published again, which
 * replaces the subscription and its secret: the old secret stays accepted for the grace period, so
 * a delivery already signed with it is not refused.
 */
export async function deleteSubscription(
	ctx: IHookFunctions,
	state: RegistrationState,
	graceMs: number,
): Promise<void> {
	const owned = ownedHere(ctx, state);
	if (state.subscriptionId && owned) {
		try {
			await deleteSubscriptionRequest(ctx, state.subscriptionId);
		} catch (error) {
			throw asNodeError(ctx.getNode(), error);
		}
	}
	const retiredSecrets = owned ? retire(state, state.webhookSecret, graceMs) : [];
	forget(state);
	if (retiredSecrets.length) state.retiredSecrets = retiredSecrets;
}
