/** A value from Replicated or the user, made safe to put in a sentence of the node's output. */

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Control characters and line breaks as one space, at most `max` characters (… marks a cut). */
export function printable(value: string, max = 120): string {
	const flat = value.replace(CONTROL, ' ');
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `printable`, in double quotes (JSON's, so a quote inside cannot end it). */
export function quoteText(value: string, max = 120): string {
	return JSON.stringify(printable(value, max));
}
