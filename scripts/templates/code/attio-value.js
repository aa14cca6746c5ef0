// @ts-check

/**
 * Attio's `value(record, slug)`, for the Code nodes that read Attio records (attio-not-yet-fulfilled,
 * attio-order-to-fulfil): an attribute's first value as text, a number or a flag, whatever its type
 * (Attio reads arrays).
 */
function attioValue() {
	const value = (/** @type {any} */ record, /** @type {string} */ slug) => {
	  const v = ((record && record.values) || {})[slug];
	  const first = v && v[0];
	  if (!first) return undefined;
	  return first.value ?? first.email_address ?? (first.status && first.status.title) ?? first.target_record_id;
	};
	void value; // check-only: the Code nodes that inline it call it
}
