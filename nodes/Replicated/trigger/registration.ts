import { createHash, randomBytes } from 'crypto';

import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { parseResponse } from '../schemas/parse';
import { apiRequest, asNodeError } from '../transport';

/** What the trigger keeps in the workflow's static data about its subscription. */
export interface RegistrationState {
	subscriptionId?: string;
	/** The signing secret generated for the subscription (Replicated never returns it). */
	webhookSecret?: string;
	/** Hash of URL, events, filters and custom header: a change means the subscription is updated. */
	configHash?: string;
}

export interface SubscriptionConfig {
	name: string;
	webhookUrl: string;
	eventConfigs: Array<{ eventType: string; filters: IDataObject }>;
	customHeader?: { name: string; value: string };
}

const subscriptionSchema = z.looseObject({ id: z.string() });

export function configHash(config: SubscriptionConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

function body(config: SubscriptionConfig, secret: string): IDataObject {
	return {
		name: config.name,
		isEnabled: true,
		webhookUrl: config.webhookUrl,
		webhookSecret: secret,
		customHeaders: config.customHeader ? [config.customHeader] : [],
		eventConfigs: config.eventConfigs,
	};
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * True when the stored subscription still exists; brought up to date (PUT) when the node's events,
 * filters or URL changed since it was created.
 */
export async function subscriptionExists(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
): Promise<boolean> {
	if (!state.subscriptionId || !state.webhookSecret) return false;
	try {
		await apiRequest(ctx, {
			method: 'GET',
			path: `/v3/notification_subscription/${encodeURIComponent(state.subscriptionId)}`,
		});
	} catch (error) {
		if (isNotFound(error)) {
			delete state.subscriptionId;
			delete state.configHash;
			return false;
		}
		throw asNodeError(ctx.getNode(), error);
	}
	const hash = configHash(config);
	if (hash !== state.configHash) {
		await apiRequest(ctx, {
			method: 'PUT',
			path: `/v3/notification_subscription/${encodeURIComponent(state.subscriptionId)}`,
			body: body(config, state.webhookSecret),
		});
		state.configHash = hash;
	}
	return true;
}

/** Creates the subscription with a secret generated here, and remembers both. */
export async function createSubscription(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
): Promise<void> {
	const secret = `whsec_${randomBytes(24).toString('base64url')}`;
	const response = await apiRequest(ctx, {
		method: 'POST',
		path: '/v3/notification_subscription',
		body: body(config, secret),
	});
	const created = parseResponse(
		ctx.getNode(),
		subscriptionSchema,
		response,
		'notification subscription',
	);
	state.subscriptionId = created.id;
	state.webhookSecret = secret;
	state.configHash = configHash(config);
}

/** Deletes the subscription; one already gone counts as deleted. */
export async function deleteSubscription(
	ctx: IHookFunctions,
	state: RegistrationState,
): Promise<void> {
	if (state.subscriptionId) {
		try {
			await apiRequest(ctx, {
				method: 'DELETE',
				path: `/v3/notification_subscription/${encodeURIComponent(state.subscriptionId)}`,
			});
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(ctx.getNode(), error);
		}
	}
	delete state.subscriptionId;
	delete state.webhookSecret;
	delete state.configHash;
}
