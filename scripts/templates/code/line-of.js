// @ts-check

/**
 * `lineOf(product, quantity, p)` (crm/product-fields.ts lineOfCode): one line item in Map Products'
 * shape from the product record `p`. Each placeholder is the CRM's expression reading that product
 * field over `p` (its ProductNaming; crm/product-fields.ts lists the fields): a field missing here
 * stops the build. An entitlements text that is not JSON is passed on as it is, for Map Products to
 * name.
 *
 * @param {any} __APP__
 * @param {any} __CHANNEL__
 * @param {any} __IS_ADD_ON__
 * @param {any} __LICENSE_TYPE__
 * @param {any} __TERM_MONTHS__
 * @param {any} __QUANTITY_ENTITLEMENT__
 * @param {any} __ENTITLEMENTS__
 * @param {any} __IS_HELM_INSTALL_ENABLED__
 * @param {any} __IS_KOTS_INSTALL_ENABLED__
 * @param {any} __IS_EMBEDDED_CLUSTER_DOWNLOAD_ENABLED__
 * @param {any} __IS_AIRGAP_ENABLED__
 * @param {any} __IS_SNAPSHOT_SUPPORTED__
 * @param {any} __IS_SUPPORT_BUNDLE_UPLOAD_ENABLED__
 */
function productLine(__APP__, __CHANNEL__, __IS_ADD_ON__, __LICENSE_TYPE__, __TERM_MONTHS__, __QUANTITY_ENTITLEMENT__, __ENTITLEMENTS__, __IS_HELM_INSTALL_ENABLED__, __IS_KOTS_INSTALL_ENABLED__, __IS_EMBEDDED_CLUSTER_DOWNLOAD_ENABLED__, __IS_AIRGAP_ENABLED__, __IS_SNAPSHOT_SUPPORTED__, __IS_SUPPORT_BUNDLE_UPLOAD_ENABLED__) {
	// The product's Replicated fields (docs/product-mapping.md); Map Products checks them.
	const entitlementsOf = (/** @type {any} */ text) => {
	  if (text === undefined || text === null || String(text).trim() === '') return {};
	  try { return JSON.parse(text); } catch { return String(text); }
	};
	const lineOf = (/** @type {string} */ product, /** @type {number} */ quantity, /** @type {any} */ p) => ({
	  product,
	  quantity,
	  app: __APP__,
	  channel: __CHANNEL__,
	  isAddOn: __IS_ADD_ON__,
	  licenseType: __LICENSE_TYPE__,
	  termMonths: __TERM_MONTHS__,
	  quantityEntitlement: __QUANTITY_ENTITLEMENT__,
	  entitlements: entitlementsOf(__ENTITLEMENTS__),
	  installOptions: {
	    is_helm_install_enabled: __IS_HELM_INSTALL_ENABLED__,
	    is_kots_install_enabled: __IS_KOTS_INSTALL_ENABLED__,
	    is_embedded_cluster_download_enabled: __IS_EMBEDDED_CLUSTER_DOWNLOAD_ENABLED__,
	    is_airgap_enabled: __IS_AIRGAP_ENABLED__,
	    is_snapshot_supported: __IS_SNAPSHOT_SUPPORTED__,
	    is_support_bundle_upload_enabled: __IS_SUPPORT_BUNDLE_UPLOAD_ENABLED__,
	  },
	});
	void lineOf; // check-only: the Code nodes that inline it call it
}
