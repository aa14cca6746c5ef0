/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */

/**
 * Polls `done` every `everyMs` until it holds; throws naming `what` after `timeoutMs`. For what
 * another process does in its own time: n8n, a worker, Replicated's emulator delivering.
 */
export async function eventually(
	what: string,
	done: () => boolean | Promise<boolean>,
	timeoutMs = 60_000,
	everyMs = 250,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`not after ${timeoutMs} ms: ${what}`);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}
