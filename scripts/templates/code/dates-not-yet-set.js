// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Dates Not Yet Set (<crm>/milestones-to-revenue): the revenue dates Get Milestones has that the
 * won deal does not, and the note on the paid dates Replicated cannot tell.
 *
 * @param {never} __READ_DEAL__ lines defining `id`, `isSet` and `textOf` over the deal (the adapter's readDeal)
 * @param {any} __CANDIDATES__ lines `  <deal field>: m.<milestone> ?? null,`, one per revenue date
 * @param {[string, any, string]} __PAID__ lines `  [label, m.paidMilestones.<key>, <deal field>],`, one per paid milestone
 * @param {string} __NOTE_FIELD_JSON__ the note field's name as a JavaScript string
 * @param {string} id defined by __READ_DEAL__
 * @param {(field: string) => boolean} isSet defined by __READ_DEAL__
 * @param {(field: string) => string} textOf defined by __READ_DEAL__
 */
function datesNotYetSet(__READ_DEAL__, __CANDIDATES__, __PAID__, __NOTE_FIELD_JSON__, id, isSet, textOf) {
	// Recognition dates are set once: only __FIELDS_ON_DEAL__ still empty are written.
	const m = $('Get Milestones').item.json;
	void m; // check-only: the __CANDIDATES__ and __PAID__ lines read it
	__READ_DEAL__
	const candidates = {
	__CANDIDATES__
	};
	const dates = Object.fromEntries(Object.entries(candidates).filter(([field, at]) => at && !isSet(field)));
	// Why a paid date is empty, or labelled: written when it says something new (__NOTE_FIELD__).
	const notes = [
	__PAID__
	]
	  .filter(([, paid, field]) => paid.beforeTracking && paid.note && !isSet(field))
	  .map(([label, paid]) => label + ': ' + paid.note);
	const note = notes.join('\n');
	if (note && note !== textOf(__NOTE_FIELD_JSON__)) dates[__NOTE_FIELD_JSON__] = note;
	return { dealId: id, dates, count: Object.keys(dates).length };
}
