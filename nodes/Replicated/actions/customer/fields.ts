import type { INodeProperties } from 'n8n-workflow';

import { LICENSE_TYPES } from '../../schemas/license-type';

const LICENSE_TYPE_LABELS: Record<(typeof LICENSE_TYPES)[number], [string, string]> = {
	dev: ['Development', 'Internal development license'],
	trial: ['Trial', 'Time-limited evaluation'],
	paid: ['Paid', 'Production license of a paying customer (stored by Replicated as "prod")'],
	community: ['Community', 'Free community edition'],
	test: ['Test', 'Short-lived test license (expires within 48 hours)'],
};

export const licenseTypeOptions = LICENSE_TYPES.map((value) => ({
	name: LICENSE_TYPE_LABELS[value][0],
	value,
	description: LICENSE_TYPE_LABELS[value][1],
}));

/** The customer picker: a searchable list, the Replicated customer ID, or the CRM join key. */
export function customerLocator(show: {
	resource: string[];
	operation: string[];
}): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Replicated customer (license)',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2JBxR7eNpTA5vl2rkkmUbVozdLd',
			},
			{
				displayName: 'By Custom ID',
				name: 'customId',
				type: 'string',
				placeholder: 'e.g. 0015g00000XyZ12AAB (the CRM record ID)',
			},
		],
	};
}

/** Install options a license can enable (SPEC create/patch body booleans), as users name them. */
export const INSTALL_OPTIONS: Array<{ name: string; field: string; description: string }> = [
	{
		name: 'Airgap Download Enabled',
		field: 'is_airgap_enabled',
		description: 'Whether the customer may download air-gap bundles',
	},
	{
		name: 'Dev Mode Enabled',
		field: 'is_dev_mode_enabled',
		description: 'Whether the customer may use development mode',
	},
	{
		name: 'Disaster Recovery Supported',
		field: 'is_disaster_recovery_supported',
		description: 'Whether disaster recovery is enabled',
	},
	{
		name: 'Embedded Cluster Download Enabled',
		field: 'is_embedded_cluster_download_enabled',
		description: 'Whether the Embedded Cluster installer may be downloaded',
	},
	{
		name: 'Embedded Cluster Multi-Node Enabled',
		field: 'is_embedded_cluster_multinode_enabled',
		description: 'Whether Embedded Cluster may run multi-node',
	},
	{
		name: 'Enterprise Portal Enabled',
		field: 'is_enterprise_portal_enabled',
		description: 'Whether the customer may use the Enterprise Portal',
	},
	{
		name: 'GeoAxis Supported',
		field: 'is_geoaxis_supported',
		description: 'Whether GeoAxis identity is supported',
	},
	{
		name: 'GitOps Supported',
		field: 'is_gitops_supported',
		description: 'Whether GitOps is enabled',
	},
	{
		name: 'Helm Airgap Enabled',
		field: 'is_helm_airgap_enabled',
		description: 'Whether Helm air-gap installs are enabled',
	},
	{
		name: 'Helm Install Enabled',
		field: 'is_helm_install_enabled',
		description: 'Whether Helm CLI installs are enabled',
	},
	{
		name: 'Identity Service Supported',
		field: 'is_identity_service_supported',
		description: 'Whether the identity service is enabled',
	},
	{
		name: 'Installer Support Enabled',
		field: 'is_installer_support_enabled',
		description:
			'Whether installer support is enabled. Only when the customer is created: Replicated cannot change it later.',
	},
	{
		name: 'KOTS Install Enabled',
		field: 'is_kots_install_enabled',
		description: 'Whether KOTS installs are enabled',
	},
	{
		name: 'KURL Install Enabled',
		field: 'is_kurl_install_enabled',
		description: 'Whether kURL (the legacy embedded installer) installs are enabled',
	},
	{
		name: 'SAML Allowed',
		field: 'saml_allowed',
		description: 'Whether the customer may configure SAML single sign-on',
	},
	{
		name: 'Security Center Enabled',
		field: 'is_security_center_enabled',
		description: 'Whether the Security Center is enabled',
	},
	{
		name: 'Snapshot Supported',
		field: 'is_snapshot_supported',
		description: 'Whether snapshots (backup and restore) are enabled',
	},
	{
		name: 'Support Bundle Upload Enabled',
		field: 'is_support_bundle_upload_enabled',
		description: 'Whether support bundles may be uploaded',
	},
];

/** Install options SPEC's create body lacks (they exist on PATCH): set right after the create. */
export const PATCH_ONLY_OPTIONS: readonly string[] = [
	'is_enterprise_portal_enabled',
	'is_security_center_enabled',
];

/**
 * Install options only SPEC's create body has, with the SPEC `Customer` field that reads them back:
 * neither PATCH (patchCustomer) nor PUT (updateCustomer) takes them, so an existing customer's
 * value cannot be changed through the API.
 */
export const CREATE_ONLY_OPTIONS: Readonly<Record<string, string>> = {
	is_installer_support_enabled: 'isInstallerSupportEnabled',
};

/** The install options as panel fields: for a create, or for a PATCH (without the create-only). */
export function installOptionFields(on: 'create' | 'patch' = 'create'): INodeProperties[] {
	return INSTALL_OPTIONS.filter((o) => on === 'create' || !(o.field in CREATE_ONLY_OPTIONS)).map(
		(o) => ({
			displayName: o.name,
			name: o.field,
			type: 'boolean' as const,
			default: false,
			description: o.description,
		}),
	);
}

/** Entitlement values as name/value pairs; names offered from the app's license fields. */
export function entitlementValuesField(
	name: string,
	displayName: string,
	dependsOn: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add entitlement',
		default: {},
		description: "Values for the app's license fields (entitlements), e.g. seats = 250",
		options: [
			{
				displayName: 'Entitlement',
				name: 'values',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getLicenseField',
							loadOptionsDependsOn: [dependsOn],
						},
						default: '',
						description:
							'License field of the app. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value; Replicated stores every entitlement as text',
					},
				],
			},
		],
	};
}
