/**
 * The text as bytes (or as a string) cut at the given points, as a network delivers it: bytes may
 * be cut inside a multi-byte character, as on the wire; strings only between code units.
 */
export async function* chunked(
	text: string,
	cuts: number[],
	asBuffers: boolean,
): AsyncGenerator<Buffer | string> {
	const whole: Buffer | string = asBuffers ? Buffer.from(text) : text;
	const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
	let last = 0;
	for (const p of [...points, whole.length]) {
		if (p <= last) continue;
		yield whole.slice(last, p);
		last = p;
	}
}
