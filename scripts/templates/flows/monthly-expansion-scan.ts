import { type CrmAdapter, SUGGESTION_SOURCE } from '../crm/adapter';
import { failure, monthly, RUN_IT_NOW, scoreCustomers } from '../health/kit';
import {
	a,
	arrayIsNotEmpty,
	at,
	filterNode,
	isNotEmpty,
	setFields,
	sticky,
	type Template,
	workflow,
} from '../kit';
import { after } from './linked-customer-flow';
import { onceWhileOpen } from './once-while-open';

/**
 * On the 1st of each month: customers with expansion signals → a deal suggested on their account,
 * once while it is open.
 */
export function monthlyExpansionScan(crm: CrmAdapter): Template {
	const { health } = crm;
	const setup = health.suggestionSetup?.node(at(1));
	const c = setup ? 1 : 0;
	const once = onceWhileOpen(
		'Expansion Candidates',
		health.openSuggestions('Open Suggestions', at(c + 4)),
		'No Open Suggestion',
		at(c + 5),
	);
	const suggest = `Suggest ${health.deal}`;
	return {
		crm: crm.crm,
		slug: 'monthly-expansion-scan',
		summary: `On the 1st of each month: Score Customers → ${a(health.deal)} suggestion in ${crm.tag} for each ${health.account} with expansion signals (new instances, metrics up, usage near a limit), once while it is open`,
		prerequisites: health.suggestionPrerequisites,
		userSets: [
			...(health.suggestionSetup?.userSets ?? []),
			{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' },
		],
		workflow: workflow(
			`Replicated health → ${crm.tag}: monthly expansion scan`,
			[
				sticky(
					'About',
					[
						`## Monthly expansion scan → ${health.deal} suggestions`,
						`On the 1st of each month **Score Customers** looks for **expansion signals**: new instances beside older ones, a custom metric up 20 % or more over 30 days, usage at 80 % or more of an entitlement limit. Each paid customer with signals that is linked to ${a(health.account)} gets ${a(health.deal)} whose description lists them, unless one of ours is still open there.`,
						'',
						'### Configure',
						`1. Credentials: **Replicated account** and ${health.credential}.`,
						'2. Pick your app in **Score Customers**. Under **Options → Usage Limits**, pair each custom metric with the entitlement that caps it (names that match, e.g. `active_users` and `active-users`, pair themselves).',
						`3. In ${crm.tag}: ${health.suggestionPrerequisites.join('; ')}. Our open suggestions are found by \`${SUGGESTION_SOURCE}\`.`,
						...(setup
							? ['4. **Config**: the email of the workspace member who owns the suggested deals.']
							: []),
						'',
						...RUN_IT_NOW,
						'',
						failure('CRM write', crm.tag),
					].join('\n'),
					at(-1, -2.2),
					{ width: 520 },
				),
				monthly('Every Month', 8, at(0)),
				...(setup ? [setup] : []),
				scoreCustomers(['healthy', 'watch', 'at risk'], at(c + 1)),
				// Built-in nodes, not code: the customers with expansion signals and a Custom ID.
				filterNode('Signals and Linked', at(c + 2), [
					{ left: '={{ $json.customId }}', operator: isNotEmpty },
					{ left: '={{ $json.expansionSignals }}', operator: arrayIsNotEmpty },
				]),
				setFields('Expansion Candidates', at(c + 3), [
					['accountId', '={{ $json.customId }}', 'string'],
					['customerName', '={{ $json.customerName }}', 'string'],
					['signals', '={{ $json.expansionSignals }}', 'array'],
				]),
				...once.nodes,
				health.suggestDeal(suggest, at(c + 6), {
					accountId: '$json.accountId',
					name: "'Expansion: ' + $json.customerName",
					description: "'Signals from Replicated:\\n- ' + $json.signals.join('\\n- ')",
				}),
			],
			[
				...after('Every Month', setup, 'Score Customers'),
				['Score Customers', 'Signals and Linked'],
				['Signals and Linked', 'Expansion Candidates'],
				['Expansion Candidates', once.entry],
				...once.links,
				['No Open Suggestion', suggest],
			],
			['Health', crm.tag],
		),
	};
}
