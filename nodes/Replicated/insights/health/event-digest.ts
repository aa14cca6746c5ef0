/**
 * The instance event series (GET /v3/app/{app}/events) folded as it streams in: per instance and
 * custom metric a running least-squares fit, first and latest value; per instance its app-status
 * reports. Memory grows with instances × metrics, not with the number of points, so a month of
 * 4-hourly reports from a large fleet never sits in memory. Pure: no n8n, no HTTP.
 */
import type { InstanceEvent, MetricTrend } from '../../schemas/health';

const DAY = 86_400_000;

/**
 * Field names under which the event series may report app status. Not documented: INFERRED from
 * the export column `instance_last_app_status`; every spelling is read.
 */
export const APP_STATUS_FIELDS = ['appStatus', 'app_status', 'instance_app_status'];
const STATUS_FIELDS = new Set(APP_STATUS_FIELDS);

function numeric(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

/** Running sums for a least-squares line; times in days from the window start (keeps precision). */
interface Fit {
	n: number;
	st: number;
	sv: number;
	stv: number;
	stt: number;
	firstT: number;
	firstV: number;
	lastT: number;
	lastV: number;
}

const round = (n: number | null, digits: number) =>
	n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

function slope(f: Fit): number | null {
	const den = f.stt - (f.st * f.st) / f.n;
	return f.n < 2 || den <= 1e-12 ? null : (f.stv - (f.st * f.sv) / f.n) / den;
}

export class EventDigest {
	/** customerId → metric → instanceId → fit */
	private readonly fits = new Map<string, Map<string, Map<string, Fit>>>();
	private readonly statuses = new Map<string, Array<{ at: number; iso: string; value: string }>>();

	constructor(private readonly windowStart: number) {}

	static of(events: Iterable<InstanceEvent>, windowStart: number): EventDigest {
		const digest = new EventDigest(windowStart);
		for (const e of events) digest.add(e);
		return digest;
	}

	add(e: InstanceEvent): void {
		const at = Date.parse(e.reportedAt ?? '');
		if (Number.isNaN(at) || !e.fieldName) return;
		if (STATUS_FIELDS.has(e.fieldName) && e.instanceId && e.newValue !== null) {
			const list = this.statuses.get(e.instanceId);
			const report = { at, iso: e.reportedAt!, value: String(e.newValue) };
			if (list) list.push(report);
			else this.statuses.set(e.instanceId, [report]);
			return;
		}
		const v = numeric(e.newValue);
		if (!e.isCustom || v === null || at < this.windowStart) return;
		const t = (at - this.windowStart) / DAY;
		const byMetric = this.map(this.fits, e.customerId ?? '');
		const byInstance = this.map(byMetric, e.fieldName);
		const fit = byInstance.get(e.instanceId ?? '');
		if (!fit) {
			byInstance.set(e.instanceId ?? '', {
				n: 1,
				st: t,
				sv: v,
				stv: t * v,
				stt: t * t,
				firstT: t,
				firstV: v,
				lastT: t,
				lastV: v,
			});
			return;
		}
		fit.n++;
		fit.st += t;
		fit.sv += v;
		fit.stv += t * v;
		fit.stt += t * t;
		if (t < fit.firstT) [fit.firstT, fit.firstV] = [t, v];
		if (t >= fit.lastT) [fit.lastT, fit.lastV] = [t, v];
	}

	private map<K, V extends Map<unknown, unknown>>(parent: Map<K, V>, key: K): V {
		let child = parent.get(key);
		if (!child) parent.set(key, (child = new Map() as V));
		return child;
	}

	/**
	 * The customer's trend per metric over the window: each instance's series is fitted on its own
	 * (instances report independently), then first values, latest values and slopes are summed.
	 */
	trends(customerId: string): Record<string, MetricTrend> {
		const trends: Record<string, MetricTrend> = {};
		for (const [metric, byInstance] of this.fits.get(customerId) ?? []) {
			let start = 0;
			let latest = 0;
			let slopes: number | null = null;
			let points = 0;
			for (const fit of byInstance.values()) {
				start += fit.firstV;
				latest += fit.lastV;
				points += fit.n;
				const s = slope(fit);
				if (s !== null) slopes = (slopes ?? 0) + s;
			}
			trends[metric] = {
				start,
				latest,
				changePct: start === 0 ? null : round(((latest - start) / Math.abs(start)) * 100, 1),
				slopePerDay: round(slopes, 4),
				points,
			};
		}
		return trends;
	}

	/**
	 * Hours spent in each app status between `from` and `to` (ms), each report holding until the
	 * next; the time before the first report is not counted (its status is not known).
	 */
	statusHours(instanceId: string, from: number, to: number): Record<string, number> {
		const reports = (this.statuses.get(instanceId) ?? []).sort((a, b) => a.at - b.at);
		const hours: Record<string, number> = {};
		reports.forEach((r, i) => {
			const start = Math.max(r.at, from);
			const end = Math.min(reports[i + 1]?.at ?? to, to);
			if (end > start) hours[r.value] = (hours[r.value] ?? 0) + (end - start) / 3_600_000;
		});
		for (const k of Object.keys(hours)) hours[k] = Math.round(hours[k] * 10) / 10;
		return hours;
	}

	/**
	 * When the instance entered `status`: the first of the latest unbroken run of reports equal to
	 * it. Null when the series has no report of it (the export alone does not tell).
	 */
	statusSince(instanceId: string, status: string | null): string | null {
		const reports = this.statuses.get(instanceId);
		if (!status || !reports) return null;
		reports.sort((a, b) => a.at - b.at);
		let since: string | null = null;
		for (const r of reports) {
			if (r.value === status) since ??= r.iso;
			else since = null;
		}
		return since;
	}
}
