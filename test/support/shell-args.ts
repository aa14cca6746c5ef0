/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test helper: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';

/**
 * The words a POSIX shell (`sh`) makes of a command line, found by letting the shell pass them to a
 * function that prints each one NUL-terminated instead of running the program. A value that escaped
 * its quoting shows up as extra words, an expansion, or output after the last NUL (e.g. `; echo`).
 */
export function shellArgs(command: string): string[] {
	const out = execFileSync('sh', ['-c', `f() { printf '%s\\0' "$@"; }; f ${command}`], {
		encoding: 'utf8',
	});
	if (!out.endsWith('\0')) throw new Error(`the shell printed more than the words: ${out}`);
	return out.slice(0, -1).split('\0');
}
