import type { Fragment, OpenLookup } from '../crm/adapter';
import { codeFile } from '../code/inline';
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
				codeFile('once-while-open', {
					__IS_OPEN__: lookup.isOpen,
					__CANDIDATES__: candidates,
				}),
				'runOnceForAllItems',
			),
		],
		links: [[lookup.node.name, name]],
	};
}
