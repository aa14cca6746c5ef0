/** One line of the benchmark table and of bench/results.json. */
export interface Row {
	name: string;
	ours: number;
	baseline: number | null;
	unit: string;
	ratio: number | null;
	target: string;
	met: boolean;
}

/** Times ours and the baseline in alternating rounds (noise hits both) and keeps each median. */
export function interleaved(
	rounds: number,
	ours: () => void,
	baseline: () => void,
): { ours: number; baseline: number } {
	const a: number[] = [];
	const b: number[] = [];
	for (let r = 0; r < rounds; r++) {
		for (const [run, into] of [
			[ours, a],
			[baseline, b],
		] as const) {
			const t0 = performance.now();
			run();
			into.push(performance.now() - t0);
		}
	}
	const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
	return { ours: median(a), baseline: median(b) };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
