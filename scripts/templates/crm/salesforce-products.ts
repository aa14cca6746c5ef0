import { namedBy } from './product-naming';

/**
 * Salesforce's Product2 custom fields, the reference implementation's names where it has them
 * (`crdant/replicated-salesforce-fulfillment`).
 */
export const SALESFORCE_PRODUCTS = namedBy(
	{
		app: 'Application__c',
		channel: 'ReleaseChannel__c',
		isAddOn: 'IsAddOn__c',
		licenseType: 'License_Type__c',
		termMonths: 'Term_Months__c',
		quantityEntitlement: 'Quantity_Entitlement__c',
		entitlements: 'Replicated_Entitlements__c',
		is_helm_install_enabled: 'IsHelmInstallEnabled__c',
		// The reference implementation's "Admin Console" is KOTS.
		is_kots_install_enabled: 'IsAdminConsoleEnabled__c',
		is_embedded_cluster_download_enabled: 'IsEmbeddedClusterEnabled__c',
		is_airgap_enabled: 'IsAirgapEnabled__c',
		is_snapshot_supported: 'IsSnapshotSupported__c',
		is_support_bundle_upload_enabled: 'IsSupportBundleUploadEnabled__c',
	},
	'Long Text Area',
	true,
);
