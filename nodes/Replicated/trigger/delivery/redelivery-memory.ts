/**
 * The stale redeliveries this trigger has let through. Replicated's log keeps a delivery it could
 * not make as undelivered until one of its own attempts is answered 2xx; a captured copy of it,
 * validly signed, therefore reads as a redelivery for as long as the log keeps it. Remembering each
 * one accepted makes every later copy a replay, in either acknowledge mode.
 *
 * Kept in the workflow's static data (queue mode: webhook processes share nothing else), keyed by a
 * digest of the delivery's event, timestamp and data (what Replicated's log is matched on, so that
 * catch-up can leave these out too), with the delivery's timestamp as the value.
 */
export interface RedeliveryMemory {
	/** Key (a prefix of the digest, see redeliveryKey) → the delivery's timestamp, epoch ms. */
	runs: Record<string, number>;
	/**
	 * Records dropped to keep the memory bounded: a stale delivery timestamped at or before this one
	 * cannot be told from a replay any more, and is refused.
	 */
	floor?: number;
}

/**
 * How long a redelivery is remembered: 30 days after the event, as far back as catch-up asks
 * (catch-up.ts CATCH_UP_HORIZON_MS). Older stale deliveries are refused outright, so a record can
 * be dropped once the event is this old without a copy ever running again.
 */
export const REDELIVERY_MEMORY_MS = 30 * 24 * 3600_000;
/**
 * At most this many records (about 0.6 MB of static data, which n8n writes whole). More accepted
 * redeliveries than this within 30 days (a month of catch-ups of a very busy trigger) raise the
 * floor: the oldest are dropped and anything as old is refused, never run twice.
 */
export const MAX_REDELIVERIES = 20_000;
/** 96 bits of the digest: a false match among 20,000 records has odds of about 1 in 10^20. */
export const REDELIVERY_KEY_CHARS = 16;

export type Recall =
	| { verdict: 'new' }
	| { verdict: 'remembered' }
	/** Older than the memory reaches: refused, since a copy of it may have run already. */
	| { verdict: 'forgotten'; reason: string };

/**
 * This process's recent acceptances, per trigger, merged into every write: n8n saves static data
 * whole, last writer wins, so a concurrent delivery's save can drop a record; and checked with the
 * stored ones, so two copies arriving together cannot both pass before either is saved.
 */
const recent = new Map<string, Map<string, number>>();
const MAX_TRIGGERS = 1000;
const MAX_RECENT = 1000;

function recentOf(scope: string): Map<string, number> {
	let mine = recent.get(scope);
	if (!mine) {
		if (recent.size >= MAX_TRIGGERS) recent.delete(recent.keys().next().value as string);
		mine = new Map();
		recent.set(scope, mine);
	}
	return mine;
}

/** Whether a stale delivery (its key, its timestamp) may run, judged without changing anything. */
export function recall(
	scope: string,
	memory: RedeliveryMemory | undefined,
	key: string,
	at: number,
	now = Date.now(),
): Recall {
	if (recent.get(scope)?.has(key) || (memory?.runs && key in memory.runs))
		return { verdict: 'remembered' };
	if (now - at > REDELIVERY_MEMORY_MS)
		return { verdict: 'forgotten', reason: 'delivery is older than 30 days (replay)' };
	if (memory?.floor !== undefined && at <= memory.floor)
		return {
			verdict: 'forgotten',
			reason: `delivery is older than the ${MAX_REDELIVERIES} redeliveries this trigger remembers (replay)`,
		};
	return { verdict: 'new' };
}

/** Drops what is past the memory's reach, then the oldest tenth at once when over `limit`. */
function bound(memory: RedeliveryMemory, limit: number, now: number): void {
	for (const [key, at] of Object.entries(memory.runs))
		if (now - at > REDELIVERY_MEMORY_MS) delete memory.runs[key];
	if (memory.floor !== undefined && now - memory.floor > REDELIVERY_MEMORY_MS) delete memory.floor;
	const keys = Object.keys(memory.runs);
	if (keys.length <= limit) return;
	keys.sort((a, b) => memory.runs[a] - memory.runs[b]);
	const dropped = keys.slice(0, keys.length - Math.floor(limit * 0.9));
	for (const key of dropped) {
		memory.floor = Math.max(memory.floor ?? -Infinity, memory.runs[key]);
		delete memory.runs[key];
	}
}

/**
 * `stored` with this process's recent acceptances put back (a concurrent write may have dropped
 * them); not those the bound dropped (at or before the floor: refused anyway).
 */
export function withRecent(
	scope: string,
	stored: RedeliveryMemory | undefined,
	now = Date.now(),
	limit = MAX_REDELIVERIES,
): RedeliveryMemory {
	const memory: RedeliveryMemory = stored?.runs ? stored : { runs: {} };
	let added = 0;
	for (const [key, at] of recent.get(scope) ?? [])
		if (!(key in memory.runs) && at > (memory.floor ?? -Infinity)) {
			memory.runs[key] = at;
			added++;
		}
	if (added) bound(memory, limit, now);
	return memory;
}

/** Whether this process has accepted redeliveries for the trigger lately (then every write carries them). */
export const hasRecent = (scope: string) => (recent.get(scope)?.size ?? 0) > 0;

/**
 * Decides and records at once (nothing awaited in between, so two copies handled together cannot
 * both be new): the verdict, and the memory to store when it is new.
 */
export function acceptRedelivery(
	scope: string,
	stored: RedeliveryMemory | undefined,
	key: string,
	at: number,
	now = Date.now(),
	limit = MAX_REDELIVERIES,
): { recall: Recall; memory: RedeliveryMemory } {
	const memory = withRecent(scope, stored, now, limit);
	const verdict = recall(scope, memory, key, at, now);
	if (verdict.verdict !== 'new') return { recall: verdict, memory };
	memory.runs[key] = at;
	const mine = recentOf(scope);
	mine.set(key, at);
	if (mine.size > MAX_RECENT)
		for (const old of [...mine.keys()].slice(0, MAX_RECENT / 2)) mine.delete(old);
	bound(memory, limit, now);
	return { recall: verdict, memory };
}
