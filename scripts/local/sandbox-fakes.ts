/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- scripts: run beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

import { startCrmProxy } from '../../test/fakes/crm-proxy';
import { FakeSlack } from '../../test/fakes/slack';
import { startSmtpSink } from '../../test/fakes/smtp-sink';
import { startInboxPage } from './inbox-page';

/**
 * The local stand-ins `npm start` gives the templates' mail and Slack nodes, until SIGTERM: the SMTP
 * sink (test/fakes/smtp-sink.ts) and the Slack fake (test/fakes/slack.ts), whose messages the inbox
 * page shows. n8n's Slack node calls https://slack.com/api (a fixed host), so n8n reaches the fake
 * as the e2e tests do: through the intercepting proxy (test/fakes/crm-proxy.ts), here intercepting
 * slack.com only and tunnelling every other host untouched.
 *
 * usage: SLACK_TOKEN=… INBOX_PORT=… tsx sandbox-fakes.ts <env file>
 * Writes the env file (SMTP_PORT, INBOX_PORT, and the proxy environment for n8n), then prints
 * "sandbox fakes ready".
 */
async function main(envFile: string): Promise<void> {
	const smtp = await startSmtpSink();
	const slack = new FakeSlack(process.env.SLACK_TOKEN!);
	const proxy = await startCrmProxy([slack], { interceptOnly: true });
	const inbox = await startInboxPage(Number(process.env.INBOX_PORT ?? 5681), {
		mails: smtp.messages,
		slack: slack.messages,
	});
	const { HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS } = proxy.env();
	// HTTPS only: the Slack API is https, and plain-http hosts are none of the proxy's business.
	const env = {
		SMTP_PORT: smtp.port,
		INBOX_PORT: (inbox.address() as AddressInfo).port,
		SANDBOX_HTTPS_PROXY: HTTPS_PROXY,
		SANDBOX_NO_PROXY: NO_PROXY,
		SANDBOX_CA: NODE_EXTRA_CA_CERTS,
	};
	writeFileSync(
		envFile,
		Object.entries(env)
			.map(([k, v]) => `${k}=${v}\n`)
			.join(''),
	);
	console.log('sandbox fakes ready');
	const stop = () =>
		void Promise.all([proxy.stop(), smtp.stop(), new Promise((r) => inbox.close(r))]).then(() =>
			process.exit(0),
		);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main(process.argv[2]);
