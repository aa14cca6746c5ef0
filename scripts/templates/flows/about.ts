import type { FlowText } from '../crm/adapter';
import { at, ERROR_HANDLING, sticky, type TemplateNode, tryItWith } from '../kit';

/** The sticky note every event-driven flow opens with: what it does, configure, try it, failures. */
export const about = (text: FlowText, events: string[]): TemplateNode =>
	sticky(
		'About',
		[...text.about, '', tryItWith(events), '', ERROR_HANDLING].join('\n'),
		at(-1, -2.4),
		{ height: text.stickyHeight },
	);
