import { createHash } from 'node:crypto';

import type { App, Customer } from './model';

/** A YAML scalar in double quotes: names and values are free text. */
function quoted(value: string): string {
	return JSON.stringify(value);
}

/**
 * A customer's license file as `license-download` serves it. SPEC says only "the license YAML ...
 * suitable for use with KOTS installations"; the layout follows KOTS' `kind: License`
 * (kots.io/v1beta1) and is INFERRED. The package never parses it, so the layout only has to be
 * plausible; tests compare the file byte for byte with this function's answer.
 */
export function licenseYaml(app: App, customer: Customer): string {
	const channel = customer.channels.find((c) => c.is_default_for_customer) ?? customer.channels[0];
	const entitlements = [
		...(customer.expiresAt
			? [{ name: 'expires_at', title: 'Expiration', value: customer.expiresAt }]
			: []),
		...customer.entitlements.map((e) => ({
			name: e.name,
			title: app.licenseFields.find((f) => f.name === e.name)?.title ?? e.name,
			value: e.value,
		})),
	];
	const lines = [
		'apiVersion: kots.io/v1beta1',
		'kind: License',
		'metadata:',
		`  name: ${customer.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		'spec:',
		`  appSlug: ${app.slug}`,
		`  channelID: ${channel?.id ?? ''}`,
		`  channelName: ${quoted(channel?.name ?? '')}`,
		`  customerName: ${quoted(customer.name)}`,
		`  customerEmail: ${quoted(customer.email)}`,
		'  endpoint: https://replicated.app',
		`  licenseID: ${customer.installationId}`,
		`  licenseType: ${customer.type}`,
		'  licenseSequence: 1',
		`  isAirgapSupported: ${customer.airgap}`,
		`  isEmbeddedClusterDownloadEnabled: ${customer.isEmbeddedClusterDownloadEnabled}`,
		`  isHelmInstallEnabled: ${customer.isHelmInstallEnabled}`,
		`  isKotsInstallEnabled: ${customer.isKotsInstallEnabled}`,
		`  isSnapshotSupported: ${customer.isSnapshotSupported}`,
		`  isSupportBundleUploadSupported: ${customer.isSupportBundleUploadEnabled}`,
		...(entitlements.length ? ['  entitlements:'] : []),
		...entitlements.flatMap((e) => [
			`    ${e.name}:`,
			`      title: ${quoted(e.title)}`,
			`      value: ${quoted(e.value)}`,
			'      valueType: String',
		]),
	];
	const body = `${lines.join('\n')}\n`;
	// A stand-in for Replicated's signature: it changes whenever the license does.
	const signature = createHash('sha256').update(body).digest('base64');
	return `${body}  signature: ${signature}\n`;
}
