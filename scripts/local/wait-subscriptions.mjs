// Waits until the emulator holds <count> enabled notification subscriptions: the published triggers
// registered theirs (n8n does that in the background after its editor is up), so the first
// `npm run send-event` after the Ready banner reaches them. Gives up after <seconds> with a note.
//
// usage: EMULATOR_TOKEN=… node wait-subscriptions.mjs <emulator API base URL> <count> <seconds>
const [baseUrl, count, seconds] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
let enabled = 0;
while (Date.now() < deadline) {
	const response = await fetch(`${baseUrl}/v3/notification_subscriptions`, {
		headers: { authorization: process.env.EMULATOR_TOKEN },
	});
	if (response.ok) {
		const { subscriptions } = await response.json();
		enabled = subscriptions.filter((s) => s.isEnabled && !s.deletedAt).length;
		if (enabled >= Number(count)) process.exit(0);
	}
	await new Promise((resolve) => setTimeout(resolve, 300));
}
console.error(
	`note: ${enabled} of ${count} triggers registered their subscription within ${seconds} s; see the n8n log`,
);
