/**
 * Fault injection: tests (or the sandbox's control API) queue faults that the next matching
 * requests receive instead of a normal answer.
 */
export interface FaultRule {
	/** HTTP method to match; any when omitted. */
	method?: string;
	/** Substring or pattern the request path must match; any when omitted. */
	path?: string | RegExp;
	/** Answer with this status (429, 500, 502, 503, 504 …). */
	status?: number;
	/**
	 * The message of a status answer, in the status's documented error shape (default: a generic
	 * one): a server that echoes what it was sent, say.
	 */
	message?: string;
	/** Value of the Retry-After header, in seconds or as an HTTP date. Omitted: no header. */
	retryAfter?: string | number;
	/** Close the socket without answering. */
	drop?: boolean;
	/** Handle the request, then close the socket instead of answering: done, but the answer is lost. */
	loseAnswer?: boolean;
	/** Answer 200 with an HTML page: a proxy or a captive portal in the way. */
	htmlPage?: boolean;
	/** Answer 200 with this JSON text: an answer of a shape no source foresees. */
	jsonBody?: string;
	/**
	 * The normal JSON answer with these top-level fields replaced: a hostile or broken server's
	 * totals (`{"totalCustomers": 1e12}`), for instance.
	 */
	answerPatch?: Record<string, unknown>;
	/**
	 * The request handled as if its query (or JSON body) had these values: `{currentPage: '0'}`
	 * makes a server that ignores the page asked for and serves the same page again.
	 */
	queryPatch?: Record<string, string>;
	bodyPatch?: Record<string, unknown>;
	/** The normal answer with these headers replaced (a hostile `Content-Disposition`, say). */
	headers?: Record<string, string>;
	/**
	 * Answer 200 with `head`, then `chunk` `repeat` times, streamed (never held whole): a huge
	 * or malformed file, a CSV with an unterminated quote, a license file of gigabytes.
	 */
	streamBody?: { contentType: string; head?: string; chunk: string; repeat: number };
	/** Delay before answering (or before the normal answer when no status is given). */
	delayMs?: number;
	/** How many requests this rule applies to; Infinity to keep it. Default 1. */
	times?: number;
}

interface ActiveRule extends FaultRule {
	remaining: number;
}

export class Faults {
	private rules: ActiveRule[] = [];
	/** Added to every request, on top of per-rule delays. */
	latencyMs = 0;

	add(rule: FaultRule): this {
		this.rules.push({ ...rule, remaining: rule.times ?? 1 });
		return this;
	}

	/** Like add, but matched before every rule already queued. */
	prepend(rule: FaultRule): this {
		this.rules.unshift({ ...rule, remaining: rule.times ?? 1 });
		return this;
	}

	clear(): void {
		this.rules = [];
		this.latencyMs = 0;
	}

	/** Takes the first rule that matches, consuming one use of it. */
	take(method: string, path: string): FaultRule | null {
		const index = this.rules.findIndex(
			(r) =>
				(!r.method || r.method === method) &&
				(!r.path || (typeof r.path === 'string' ? path.includes(r.path) : r.path.test(path))),
		);
		if (index < 0) return null;
		const rule = this.rules[index];
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.rules.splice(index, 1);
		return rule;
	}

	get pending(): number {
		return this.rules.length;
	}

	/** Uses left across all queued rules. */
	get unused(): number {
		return this.rules.reduce((n, r) => n + r.remaining, 0);
	}
}

/** Fixed-window rate limit per token, answered with 429 and Retry-After like a real gateway would. */
export class RateLimit {
	private windowStart = 0;
	private count = 0;
	/** Highest number of requests seen in flight at once (to check a client's concurrency). */
	maxInFlight = 0;
	inFlight = 0;
	rejected = 0;

	constructor(
		public limit: number,
		public windowMs: number,
	) {}

	/** Returns seconds to wait when over the limit, or 0 when the request may pass. */
	check(now = Date.now()): number {
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now;
			this.count = 0;
		}
		if (this.count >= this.limit) {
			this.rejected += 1;
			return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
		}
		this.count += 1;
		return 0;
	}
}
