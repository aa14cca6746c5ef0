// Writes the credentials `npm start` imports into n8n (n8n-up.sh IMPORT_CREDENTIALS): each named as
// the templates refer to it, so n8n links the templates' nodes to it when it imports them (by type
// and name), and pointed at the sandbox's local stand-ins. Fixed IDs: importing again on the next
// start updates them (n8n's import keeps the ID) instead of adding another.
//
// usage: node sandbox-credentials.mjs <out.json>
// Environment: EMULATOR_PORT EMULATOR_TOKEN DASHBOARD_USER DASHBOARD_PASSWORD SMTP_PORT SLACK_TOKEN
import { writeFileSync } from 'node:fs';

const env = (name) => {
	if (!process.env[name]) throw new Error(`sandbox-credentials: ${name} is not set`);
	return process.env[name];
};
const credentials = [
	{
		id: 'replicatedLocalEmu',
		name: 'Replicated account',
		type: 'replicatedApi',
		data: {
			apiToken: env('EMULATOR_TOKEN'),
			baseUrl: `http://127.0.0.1:${env('EMULATOR_PORT')}/vendor`,
			allowPrivateWebhookUrls: true,
		},
	},
	// The customer health dashboard's login (its Webhook node's Basic Auth).
	{
		id: 'sandboxDashLogin',
		name: 'Dashboard login',
		type: 'httpBasicAuth',
		data: { user: env('DASHBOARD_USER'), password: env('DASHBOARD_PASSWORD') },
	},
	// The SMTP sink (scripts/local/sandbox-fakes.ts): plain SMTP on loopback, no login.
	{
		id: 'sandboxSmtpSink',
		name: 'SMTP account',
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: '127.0.0.1',
			port: Number(env('SMTP_PORT')),
			secure: false,
		},
	},
	// The Slack fake, which accepts this bot token only.
	{
		id: 'sandboxSlackFake',
		name: 'Slack account',
		type: 'slackApi',
		data: { accessToken: env('SLACK_TOKEN') },
	},
];
writeFileSync(process.argv[2], JSON.stringify(credentials, null, '\t'));
