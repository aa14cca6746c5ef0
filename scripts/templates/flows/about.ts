import type { FlowText } from '../crm/adapter';
import { at, ERROR_HANDLING, sticky, type TemplateNode, tryItWith } from '../kit';

/**
 * The sticky note every flow opens with: what it does and how to configure it, then how to try it
 * with sample deliveries of `tryIt` (event-driven flows), then what happens when a write fails.
 */
export const about = (text: FlowText, tryIt?: string[], failure = ERROR_HANDLING): TemplateNode =>
	sticky(
		'About',
		[...text.about, '', ...(tryIt ? [tryItWith(tryIt), ''] : []), failure].join('\n'),
		at(-1, -2.4),
	);
