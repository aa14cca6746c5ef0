import { scoreCustomers } from './kit';
import { at, credential, replicated, stableUuid, sticky, type Template, workflow } from '../kit';

export const DASHBOARD_SLUG = 'customer-health-dashboard';
export const DASHBOARD_PATH = 'replicated-health';
const REQUEST = "$('Dashboard Request').item.json.query";

/** A live customer-health page answered by n8n: a GET with a login → Score Customers → HTML. */
export const customerHealthDashboard: Template = {
	crm: 'health',
	slug: DASHBOARD_SLUG,
	summary:
		'Browser GET (basic auth) → Score Customers → an HTML dashboard answered by n8n: risk distribution, at-risk and watch lists with reasons and CRM links, versions behind, check-ins, metric sparklines, license expiries; filters by risk level and channel',
	prerequisites: ['A login for the page (user and password: the Basic Auth credential)'],
	userSets: [
		{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' },
		{
			node: 'Health Dashboard',
			parameter: 'crmUrl',
			what: "your CRM's record URL with {customId}",
		},
	],
	workflow: workflow(
		'Replicated health: customer health dashboard',
		[
			sticky(
				'About',
				[
					'## Customer health dashboard',
					"Open this workflow's production URL (`…/webhook/replicated-health`) in a browser: n8n asks for the login, **Score Customers** rates every paid customer from its instances, and **Health Dashboard** answers one page: the risk distribution, the **at-risk** and **watch** customers with their reasons, metric trends and CRM links, how far behind and how recently instances checked in, and the licenses expiring in the next 90 days. The filters are links (`?risk=at-risk`, `?channel=Stable`).",
					'',
					'The page is self-contained (no script, font or image from anywhere; n8n serves webhook HTML in its sandbox as well) and prints cleanly.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account**, and a **Basic Auth** credential with the user and password people will sign in with (browsers remember it for the page and its filter links).',
					'2. Pick your app in **Score Customers**; tune its thresholds there.',
					"3. **Health Dashboard** → *CRM Record URL*: your CRM's record page with `{customId}`, e.g. `https://acme.lightning.force.com/lightning/r/Account/{customId}/view` or `https://app.hubspot.com/contacts/<portal>/company/{customId}`.",
					'4. Publish the workflow, then share the production URL.',
					'',
					"A proxy or portal that signs requests itself can use **Header Auth** instead: set the Webhook node's *Authentication* to it (a browser cannot send a custom header, so people then reach the page through that proxy).",
					'',
					'### Test it',
					'Publish, then open the URL. Each visit scores anew: a large fleet takes a few seconds (see the benchmarks).',
					'',
					'### When a Replicated request fails',
					"Score Customers retries Replicated's transient errors. If it still fails, n8n answers the visit with an error (500) and keeps the execution under **Executions**; the next visit scores again. A wrong login is refused (401) before anything runs.",
				].join('\n'),
				at(-1, -2),
				{ width: 520 },
			),
			{
				name: 'Dashboard Request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: at(0),
				webhookId: stableUuid('health/customer-health-dashboard/webhook'),
				parameters: {
					httpMethod: 'GET',
					path: DASHBOARD_PATH,
					authentication: 'basicAuth',
					responseMode: 'responseNode',
					options: {},
				},
				credentials: credential('httpBasicAuth', 'Dashboard login'),
			},
			scoreCustomers(['healthy', 'watch', 'at risk'], at(1)),
			replicated('Health Dashboard', at(2), {
				resource: 'insight',
				operation: 'healthDashboard',
				riskLevel: `={{ ${REQUEST}.risk || 'all' }}`,
				channel: `={{ ${REQUEST}.channel || '' }}`,
				crmUrl: '',
				options: {},
			}),
			{
				name: 'Show Page',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: at(3),
				parameters: {
					respondWith: 'text',
					responseBody: '={{ $json.html }}',
					options: {
						responseHeaders: {
							entries: [
								{ name: 'Content-Type', value: 'text/html; charset=utf-8' },
								{ name: 'Cache-Control', value: 'no-store' },
							],
						},
					},
				},
			},
		],
		[
			['Dashboard Request', 'Score Customers'],
			['Score Customers', 'Health Dashboard'],
			['Health Dashboard', 'Show Page'],
		],
		['Health', 'Dashboard'],
	),
};
