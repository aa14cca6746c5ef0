/**
 * The instance event series (SPEC listAppInstanceEvents) folded as it streams in: per instance and
 * custom metric a running least-squares fit, first and latest value; per instance its app-status
 * reports. Memory grows with instances × metrics, not with the number of points, so a month of
 * 4-hourly reports from a large fleet never sits in memory. Pure: no n8n, no HTTP.
 */
import type { InstanceEvent, MetricTrend } from '../../schemas/health';
import { dict } from '../../schemas/keyed';

const DAY = 86_400_000;

/**
 * Field names under which the event series may report app status. Not documented: INFERRED from
 * the export column `instance_last_app_status`; every spelling is read.
 */
export const APP_STATUS_FIELDS = ['appStatus', 'app_status', 'instance_app_status'];
const STATUS_FIELDS = new Set(APP_STATUS_FIELDS);

/**
 * An app status as compared and shown here: lowercase. Its case is not documented (INFERRED: the
 * filters doc writes `ready`, `degraded`; the Vendor Portal shows "Ready"), so "Ready" is `ready`.
 */
export function appStatusOf(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const status = String(value).trim().toLowerCase();
	return status || null;
}

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
	/** The day's latest report, by whole days from the window start: the sparkline's points. */
	days: Map<number, [t: number, v: number]>;
}

/** At most this many points in a trend's series: enough for a sparkline, little to carry. */
export const SERIES_POINTS = 31;

const round = (n: number | null, digits: number) =>
	n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

function slope(f: Fit): number | null {
	const den = f.stt - (f.st * f.st) / f.n;
	return f.n < 2 || den <= 1e-12 ? null : (f.stv - (f.st * f.sv) / f.n) / den;
}

/**
 * The customer's value per day over the window: each instance's latest report of the day, carried
 * forward to the days it did not report, summed over instances (an instance counts from its first
 * report). Thinned evenly to SERIES_POINTS, the last day always kept.
 */
function series(fits: Fit[]): number[] {
	const days = fits.flatMap((f) => [...f.days.keys()]);
	if (!days.length) return [];
	const first = Math.min(...days);
	const last = Math.max(...days);
	const carried = fits.map(() => null as number | null);
	const daily: number[] = [];
	for (let day = first; day <= last; day++) {
		let sum = 0;
		fits.forEach((f, i) => {
			const report = f.days.get(day);
			if (report) carried[i] = report[1];
			sum += carried[i] ?? 0;
		});
		daily.push(round(sum, 4)!);
	}
	if (daily.length <= SERIES_POINTS) return daily;
	const step = (daily.length - 1) / (SERIES_POINTS - 1);
	return Array.from({ length: SERIES_POINTS }, (_, i) => daily[Math.round(i * step)]);
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
			const report = { at, iso: e.reportedAt!, value: appStatusOf(e.newValue) ?? '' };
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
		const day = Math.floor(t);
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
				days: new Map([[day, [t, v]]]),
			});
			return;
		}
		const known = fit.days.get(day);
		if (!known || t >= known[0]) fit.days.set(day, [t, v]);
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
		// By metric name, which the instance chose: `constructor` is a metric like any other.
		const trends = dict<MetricTrend>();
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
				series: series([...byInstance.values()]),
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
		// By status as reported: `constructor` or `__proto__` is a status like any other.
		const hours = dict<number>();
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
		status = appStatusOf(status);
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
