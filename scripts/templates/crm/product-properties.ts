import { namedBy } from './product-naming';

/** HubSpot's product properties and Attio's product attributes: one snake_case name for both. */
export const PRODUCT_PROPERTIES = namedBy(
	{
		app: 'replicated_app',
		channel: 'replicated_channel',
		isAddOn: 'is_add_on',
		licenseType: 'license_type',
		termMonths: 'term_months',
		quantityEntitlement: 'quantity_entitlement',
		entitlements: 'replicated_entitlements',
		is_helm_install_enabled: 'is_helm_install_enabled',
		// The reference implementation's "Admin Console" is KOTS.
		is_kots_install_enabled: 'is_admin_console_enabled',
		is_embedded_cluster_download_enabled: 'is_embedded_cluster_enabled',
		is_airgap_enabled: 'is_airgap_enabled',
		is_snapshot_supported: 'is_snapshot_supported',
		is_support_bundle_upload_enabled: 'is_support_bundle_upload_enabled',
	},
	'Text',
	false,
);
