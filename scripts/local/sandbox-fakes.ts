/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- scripts: run beside n8n, never inside it */
import { startCrmProxy } from '../../test/fakes/crm-proxy';
import { FakeSlack } from '../../test/fakes/slack';
import { startSmtpSink } from '../../test/fakes/smtp-sink';
import { startInboxPage } from './inbox-page';

/**
 * The local stand-ins `npm start` gives the templates' mail and Slack nodes, until SIGTERM: the SMTP
 * sink (test/fakes/smtp-sink.ts) and the Slack fake (test/fakes/slack.ts), whose messages the inbox
 * page shows. n8n's Slack node calls https://slack.com/api (a fixed host), so n8n reaches the fake
 * as the e2e tests do: through the intercepting proxy (test/fakes/crm-proxy.ts), here intercepting
 * slack.com only and tunnelling every other host untouched. Fixed ports, so that start.sh can give
 * n8n its credentials and proxy while these start.
 *
 * usage: SLACK_TOKEN=… SMTP_PORT=… PROXY_PORT=… INBOX_PORT=… tsx sandbox-fakes.ts <folder for ca.pem>
 * Prints "sandbox fakes ready" once all listen and the proxy's CA is written.
 */
async function main(caDir: string): Promise<void> {
	const port = (name: string) => Number(process.env[name]);
	const smtp = await startSmtpSink(port('SMTP_PORT'));
	const slack = new FakeSlack(process.env.SLACK_TOKEN!);
	const proxy = await startCrmProxy([slack], {
		interceptOnly: true,
		port: port('PROXY_PORT'),
		caDir,
	});
	const inbox = await startInboxPage(port('INBOX_PORT'), {
		mails: smtp.messages,
		slack: slack.messages,
	});
	console.log('sandbox fakes ready');
	const stop = () =>
		void Promise.all([proxy.stop(), smtp.stop(), new Promise((r) => inbox.close(r))]).then(() =>
			process.exit(0),
		);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main(process.argv[2]).catch((error: Error) => {
	console.error(`sandbox fakes: ${error.message}`);
	process.exit(1);
});
