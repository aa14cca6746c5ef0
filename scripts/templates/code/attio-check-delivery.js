// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Check Delivery (attio/deal-won-to-license, Run Once for All Items): Attio's webhook signature
 * compared in constant time with Verify Attio Signature's HMAC, and a repeat delivery dropped.
 */
function attioCheckDelivery() {
	const secret = String($('Verify Attio Signature').params.secret || '');
	if (!secret)
	  throw new Error('No Attio webhook secret is set, so every delivery is refused: put the secret Attio returned when the webhook was created in Verify Attio Signature.');
	const item = $input.first();
	const headers = item.json.headers || {};
	const given = Buffer.from(String(headers['attio-signature'] || headers['x-attio-signature'] || ''), 'utf8');
	const expected = Buffer.from(String(item.json.expectedSignature || ''), 'utf8');
	let difference = given.length === expected.length && expected.length > 0 ? 0 : 1;
	const same = given.length === expected.length ? given : expected;
	for (let i = 0; i < expected.length; i++) difference |= same[i] ^ expected[i];
	if (difference !== 0)
	  throw new Error('The delivery is not signed with the Attio webhook secret: refused.');

	// A repeat of a delivery already taken (Attio's retry, or a replay with its key) is dropped.
	const DAY = 24 * 60 * 60 * 1000;
	const seen = $getWorkflowStaticData('global');
	const now = Date.now();
	const kept = /** @type {Array<[string, number]>} */ (seen.attioDeliveries || []).filter(([, at]) => now - at < 4 * DAY);
	const key = String(headers['idempotency-key'] || '').slice(0, 200);
	if (key && kept.some(([k]) => k === key)) {
	  seen.attioDeliveries = kept;
	  return [];
	}
	if (key) kept.push([key, now]);
	seen.attioDeliveries = kept.slice(-2000);
	return [item];
}
