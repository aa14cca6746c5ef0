/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- benchmark: runs beside n8n, never inside it */
import { createHmac } from 'node:crypto';

import { deliverySchema } from '../../nodes/Replicated/schemas/event';
import { eventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import { verifySignature } from '../../nodes/Replicated/trigger/delivery/verify';
import { sampleDelivery } from '../../test/emulator/samples';
import { signBody } from '../../test/emulator/sender';
import { interleaved, round, type Row } from '../row';

/** A realistic ~2 KB delivery: a customer update with changed entitlements and install options. */
function realisticBody(): string {
	const delivery = sampleDelivery('customer.updated');
	Object.assign(delivery.data, {
		changed_entitlements: Array.from({ length: 18 }, (_, i) => ({
			name: `entitlement_${i}`,
			old_value: String(i * 10),
			new_value: String(i * 12),
		})),
		changed_install_options: [{ name: 'isAirgapSupported', old_value: 'false', new_value: 'true' }],
	});
	return JSON.stringify(delivery);
}

/**
 * Row 1: verify + parse of one delivery (signature check, zod envelope, normalisation into the
 * typed item) against the bare floor (HMAC of the body and JSON.parse), one core, same process.
 */
export function verifyRows(): Row[] {
	const secret = 'whsec_bench_0123456789abcdef';
	const body = realisticBody();
	const raw = Buffer.from(body);
	const header = signBody(raw, secret);
	const batch = 2000;
	const ours = () => {
		for (let i = 0; i < batch; i++) {
			if (!verifySignature(raw, header, secret).ok) throw new Error('signature');
			const parsed = deliverySchema.safeParse(JSON.parse(raw.toString('utf8')));
			if (!parsed.success) throw new Error('schema');
			eventItem(parsed.data);
		}
	};
	const floor = () => {
		for (let i = 0; i < batch; i++) {
			createHmac('sha256', secret).update(raw).digest('hex');
			JSON.parse(raw.toString('utf8'));
		}
	};
	for (let i = 0; i < 5; i++) interleaved(1, ours, floor); // warm up the JIT
	const t = interleaved(31, ours, floor);
	const perEvent = (ms: number) => (ms * 1000) / batch;
	return [
		{
			name: `verify + parse one ${(raw.length / 1024).toFixed(1)} KB delivery`,
			ours: round(perEvent(t.ours)),
			baseline: round(perEvent(t.baseline)),
			unit: 'µs/event',
			ratio: round(t.ours / t.baseline),
			target: '≤ 2× floor (HMAC + JSON.parse)',
			met: t.ours <= 2 * t.baseline,
		},
		{
			name: 'verify + parse: events per second on one core',
			ours: Math.round((batch / t.ours) * 1000),
			baseline: Math.round((batch / t.baseline) * 1000),
			unit: 'events/s',
			ratio: round(t.baseline / t.ours),
			target: 'reported',
			met: true,
		},
	];
}
