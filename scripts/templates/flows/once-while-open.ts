import type { Fragment, OpenLookup } from '../crm/adapter';
import { code } from '../kit';

/**
 * Scheduled scans must not open the same task or deal every time they run: of the items of
 * `candidates` (`{ accountId, … }`), only those whose account has no open record of ours in the
 * CRM go on, as the items of the Code node `name`.
 */
export function onceWhileOpen(
	candidates: string,
	lookup: OpenLookup,
	name: string,
	position: [number, number],
): Fragment {
	return {
		entry: lookup.node.name,
		nodes: [
			lookup.node,
			code(
				name,
				position,
				[
					'// The candidates whose account has no open record of ours yet.',
					'const found = $input.all();',
					...lookup.isOpen,
					`return $('${candidates}').all().filter((c, index) => !isOpen(c.json, index)).map((c) => ({ json: c.json }));`,
				].join('\n'),
				'runOnceForAllItems',
			),
		],
		links: [[lookup.node.name, name]],
	};
}
