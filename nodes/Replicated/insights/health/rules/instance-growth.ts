import { type ExpansionRule, plural } from './rule';

/** New instances in the window beside ones from before it (a first instance is not growth). */
export const instanceGrowth: ExpansionRule = (
	{ instances, windowStart, newInWindow, active },
	t,
) => {
	const before = instances.filter((i) => Date.parse(i.firstReportedAt ?? '') < windowStart).length;
	if (newInWindow < t.newInstances || before === 0) return [];
	return [
		{
			code: 'instances_growing',
			message: `${plural(newInWindow, 'new instance')} in the last ${plural(t.windowDays, 'day')} (${instances.length} in all, ${active} active)`,
		},
	];
};
