import { request } from 'undici';

import type { Emulator } from '../emulator/server';

export interface EmulatorAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** The parsed body when the answer is JSON. */
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One raw request to the emulator's API, with the token (or none, for `null`). */
export async function callEmulator(
	emulator: Emulator,
	method: string,
	path: string,
	body?: unknown,
	token: string | null = emulator.token,
): Promise<EmulatorAnswer> {
	const res = await request(`${emulator.baseUrl}${path}`, {
		method: method as 'GET',
		headers: {
			...(token === null ? {} : { authorization: token }),
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	return {
		status: res.statusCode,
		headers: res.headers,
		text,
		json:
			text && String(res.headers['content-type']).includes('json') ? JSON.parse(text) : undefined,
	};
}
