/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';

import type { Template, Workflow } from '../../scripts/templates/kit';
import { type Emulator, startEmulator } from '../emulator/server';
import { type SampleContext, sampleDelivery } from '../emulator/samples';
import { type SendResult, sendDelivery } from '../emulator/sender';
import { type CrmProxy, type FakeCrm, startCrmProxy } from '../fakes/crm-proxy';
import { type N8nInstance, startN8n } from './n8n-process';
import { emulatorCredential } from './replicated-credential';

export interface Execution {
	id: string;
	status: string;
	mode: string;
	data: {
		resultData: {
			error?: { message: string };
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
		};
	};
}

/** Sets a value of the workflow's Config node, as the user does after importing (if it has one). */
export function setConfigValue(wf: Workflow, name: string, value: string): void {
	for (const node of wf.nodes.filter((n) => n.name === 'Config')) {
		const { assignments } = node.parameters.assignments as {
			assignments: Array<{ name: string; value: string }>;
		};
		const found = assignments.find((a) => a.name === name);
		if (found) found.value = value;
	}
}

export interface TemplateRig {
	n8n: N8nInstance;
	emulator: Emulator;
	proxy: CrmProxy;
	/** The n8n id of an imported template, by template slug. */
	id(slug: string): string;
	/** A signed delivery of `event` to the template's Replicated Trigger, as Replicated sends it. */
	deliver(
		slug: string,
		event: string,
		context?: SampleContext,
		data?: Record<string, unknown>,
	): Promise<SendResult>;
	executions(slug: string): Promise<Execution[]>;
	/** Waits until the template has `count` finished executions, and returns them newest first. */
	settled(slug: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	/** `success`, or the status with n8n's error message and the node it failed in. */
	outcome(execution: Execution): string;
	/** The items a node emitted in an execution. */
	output(execution: Execution, node: string): Array<Record<string, unknown>>;
	/** Runs the template now from the named trigger, as the editor's "Execute workflow" does. */
	run(slug: string, trigger: string): Promise<void>;
	/** Activates a template left inactive at start (see `startInactive`). */
	activate(slug: string): Promise<void>;
	deactivate(slug: string): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A real n8n with the given templates imported exactly as users import them (credentials resolved
 * by the names the templates carry) and activated, the Replicated API emulator, and the CRM fakes
 * behind the intercepting proxy.
 */
export async function startTemplateRig(options: {
	templates: Template[];
	fakes: FakeCrm[];
	credentials: object[];
	/** The user's configuration step (e.g. the Salesforce instance URL in a Config node). */
	configure?: (workflow: Workflow, emulator: Emulator) => Workflow;
	/**
	 * Templates imported but not activated: a polling CRM trigger runs every minute whatever a test
	 * is doing, so its test activates it for its own duration only.
	 */
	startInactive?: string[];
	logName: string;
}): Promise<TemplateRig> {
	const emulator = await startEmulator();
	// Replicated refuses loopback webhook URLs; the emulator lets the test register n8n's.
	emulator.allowPrivateWebhookUrls(true);
	const proxy = await startCrmProxy(options.fakes);
	try {
		return await start(options, emulator, proxy);
	} catch (error) {
		await proxy.stop();
		await emulator.close();
		throw error;
	}
}

async function start(
	options: Parameters<typeof startTemplateRig>[0],
	emulator: Emulator,
	proxy: CrmProxy,
): Promise<TemplateRig> {
	const workflows = options.templates.map((t) =>
		(options.configure ?? ((w) => w))(structuredClone(t.workflow), emulator),
	);
	const n8n = await startN8n({
		credentials: [emulatorCredential('tplReplicatedCred1', emulator), ...options.credentials],
		workflows,
		env: proxy.env(),
	});
	const ids = new Map<string, string>();
	const listed = await n8n.api<{ data: Array<{ id: string; name: string }> }>(
		'/workflows?limit=250',
	);
	for (const t of options.templates) {
		const found = listed.data.find((w) => w.name === t.workflow.name);
		if (!found) throw new Error(`template ${t.slug} was not imported`);
		ids.set(t.slug, found.id);
	}
	const setActive = async (slug: string, active: boolean) => {
		const answer = await n8n.api<{ active?: boolean; message?: string }>(
			`/workflows/${ids.get(slug)}/${active ? 'activate' : 'deactivate'}`,
			'POST',
		);
		if (answer.active !== active)
			throw new Error(
				`template ${slug} did not ${active ? '' : 'de'}activate: ${JSON.stringify(answer)}`,
			);
	};
	for (const t of options.templates)
		if (!options.startInactive?.includes(t.slug)) await setActive(t.slug, true);
	const triggerUrl = (slug: string) => {
		const t = options.templates.find((x) => x.slug === slug)!;
		const trigger = t.workflow.nodes.find(
			(n) => n.type === 'n8n-nodes-replicated.replicatedTrigger',
		)!;
		return `${n8n.origin}/webhook/${trigger.webhookId}/webhook`;
	};
	// Activation registers each trigger's subscription in the background: wait for all of them.
	const withTrigger = options.templates.filter(
		(t) =>
			!options.startInactive?.includes(t.slug) &&
			t.workflow.nodes.some((n) => n.type === 'n8n-nodes-replicated.replicatedTrigger'),
	);
	for (let i = 0; i < 300; i++) {
		const urls = [...emulator.state.subscriptions.values()].map((s) => s.webhookUrl);
		if (withTrigger.every((t) => urls.includes(triggerUrl(t.slug)))) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const secretFor = (slug: string) => {
		const sub = [...emulator.state.subscriptions.values()].find(
			(s) => s.webhookUrl === triggerUrl(slug),
		);
		if (!sub) throw new Error(`no subscription registered for ${slug}`);
		return emulator.state.subscriptionSecrets.get(sub.id)!;
	};
	// A trigger is ready once a delivery signed with its secret reaches the schema check ('{}' → 400):
	// n8n saves the secret the trigger generated only after the subscription exists.
	for (const t of withTrigger) {
		for (let i = 0; ; i++) {
			const probe = await sendDelivery(triggerUrl(t.slug), null, {
				rawBody: '{}',
				secret: secretFor(t.slug),
			});
			if (probe.status === 400) break;
			if (i > 300) throw new Error(`${t.slug}: trigger not ready (${probe.status} ${probe.body})`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const executions = async (slug: string) =>
		(
			await n8n.api<{ data: Execution[] }>(
				`/executions?workflowId=${ids.get(slug)}&includeData=true&limit=250`,
			)
		).data;
	return {
		n8n,
		emulator,
		proxy,
		id: (slug) => ids.get(slug)!,
		deliver: async (slug, event, context = {}, data = {}) => {
			const delivery = sampleDelivery(event, context);
			Object.assign(delivery.data, data);
			return await sendDelivery(triggerUrl(slug), delivery, { secret: secretFor(slug) });
		},
		executions,
		settled: async (slug, count, timeoutMs = 30_000) => {
			for (let i = 0; i < timeoutMs / 200; i++) {
				const list = await executions(slug);
				if (list.length >= count && list.every((e) => e.status !== 'running' && e.status !== 'new'))
					return list;
				await new Promise((r) => setTimeout(r, 200));
			}
			throw new Error(
				`${slug}: expected ${count} finished executions, have ${(await executions(slug)).length}`,
			);
		},
		outcome: (e) =>
			e.status === 'success'
				? 'success'
				: `${e.status}: ${JSON.stringify(e.data.resultData.error ?? {}).slice(0, 600)}`,
		output: (execution, node) =>
			(execution.data.resultData.runData[node]?.[0]?.data?.main ?? [])
				.flatMap((o) => o ?? [])
				.map((i) => i.json),
		run: async (slug, trigger) => {
			const answer = await n8n.rest<{ data?: unknown; message?: string }>(
				'POST',
				`/workflows/${ids.get(slug)}/run`,
				{ triggerToStartFrom: { name: trigger } },
			);
			if (answer.status >= 300)
				throw new Error(`${slug}: run refused (${answer.status} ${JSON.stringify(answer.body)})`);
		},
		activate: async (slug) => await setActive(slug, true),
		deactivate: async (slug) => await setActive(slug, false),
		stop: async () => {
			// Stopped whatever else fails: a process left running keeps Jest from exiting.
			try {
				if (process.env.E2E_LOG_DIR)
					writeFileSync(`${process.env.E2E_LOG_DIR}/${options.logName}-n8n.log`, n8n.log());
			} finally {
				await n8n.stop();
				await proxy.stop();
				await emulator.close();
			}
		},
	};
}
