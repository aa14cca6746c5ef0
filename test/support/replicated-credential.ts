import type { Emulator } from '../emulator/server';

/**
 * The Replicated credential as `npm start` names it (the name the templates refer to), pointed at
 * the emulator and allowed to register loopback webhook URLs, for n8n's credential import.
 */
export function emulatorCredential(id: string, emulator: Pick<Emulator, 'token' | 'baseUrl'>) {
	return {
		id,
		name: 'Replicated account',
		type: 'replicatedApi',
		data: {
			apiToken: emulator.token,
			baseUrl: emulator.baseUrl,
			allowPrivateWebhookUrls: true,
		},
	};
}
