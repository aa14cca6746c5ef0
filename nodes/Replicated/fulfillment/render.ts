/** The install instructions as Markdown (CRM notes, chat) and as HTML (email). Pure. */
import { escapeHtml as escape } from '../escape/html';
import { escapeMarkdown as md } from '../escape/markdown';
import type { InstallFacts, InstallInstructions, Step } from './install-instructions';

function intro(f: InstallFacts): string {
	return `Your ${f.appName} license (${f.channelName} channel) is attached to this message as a YAML file. Keep it private: it grants access to the software.`;
}

/** The longest run of backticks in a text: a code fence or span must be longer. */
const longestTicks = (text: string) =>
	Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));

/** A value as a Markdown code span, whatever backticks it holds (CommonMark code spans). */
function codeSpan(value: string): string {
	// Every line ending Markdown knows (a lone CR too) as a space: a break would end the line.
	const flat = value.replace(/\r\n|\r|\n/g, ' ');
	const ticks = '`'.repeat(longestTicks(flat) + 1);
	// CommonMark strips one space from each end when both ends have one (and it is not all spaces),
	// and a backtick at an end would join the fence: one space each side keeps the value exact.
	const stripped = /^ [^]* $/.test(flat) && /[^ ]/.test(flat);
	const pad = stripped || /^`|`$/.test(flat) ? ' ' : '';
	return `${ticks}${pad}${flat}${pad}${ticks}`;
}

function markdownStep(step: Step, n: number): string[] {
	let line = `${n}. ${md(step.text)}`;
	// The link is a checked https URL (install-hosts.ts): nothing in it can end an autolink.
	if (step.link) line += ` <${step.link}>`;
	if (step.value) line += ` ${codeSpan(step.value)}`;
	if (!step.command) return [line];
	// A quoted argument may span lines: each line stays in the block, under a fence it cannot close.
	const fence = '`'.repeat(Math.max(3, longestTicks(step.command) + 1));
	return [
		line,
		'',
		`   ${fence}bash`,
		...step.command.split('\n').map((l) => `   ${l}`),
		`   ${fence}`,
	];
}

export function instructionsMarkdown(f: InstallFacts, i: InstallInstructions): string {
	const lines = [`# Installing ${md(f.appName)}`, '', md(intro(f))];
	for (const section of i.sections) {
		lines.push('', `## ${md(section.title)}`, '');
		section.steps.forEach((step, n) => lines.push(...markdownStep(step, n + 1)));
	}
	if (!i.sections.length)
		lines.push('', 'Your license enables no install method yet; we will be in touch.');
	return `${lines.join('\n')}\n`;
}

/** Inline styles only: mail clients drop style sheets. */
const CODE_BLOCK =
	'display:block;background:#f4f4f5;padding:8px 12px;border-radius:4px;font-family:monospace;white-space:pre-wrap;word-break:break-all';

function htmlStep(step: Step): string {
	const link = step.link ? ` <a href="${escape(step.link)}">${escape(step.link)}</a>` : '';
	const value = step.value
		? ` <code style="font-family:monospace">${escape(step.value)}</code>`
		: '';
	const command = step.command ? `<code style="${CODE_BLOCK}">${escape(step.command)}</code>` : '';
	return `<li><p>${escape(step.text)}${link}${value}</p>${command}</li>`;
}

export function instructionsHtml(f: InstallFacts, i: InstallInstructions): string {
	const parts = [
		`<h1 style="font-size:20px">Installing ${escape(f.appName)}</h1>`,
		`<p>${escape(intro(f))}</p>`,
	];
	for (const section of i.sections) {
		parts.push(`<h2 style="font-size:16px">${escape(section.title)}</h2>`, '<ol>');
		for (const step of section.steps) parts.push(htmlStep(step));
		parts.push('</ol>');
	}
	if (!i.sections.length)
		parts.push('<p>Your license enables no install method yet; we will be in touch.</p>');
	return `${parts.join('\n')}\n`;
}

/** The HTML instructions as a file of their own: a whole page, which browsers open as UTF-8. */
export function instructionsDocument(f: InstallFacts, html: string): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		`<head><meta charset="utf-8"><title>Installing ${escape(f.appName)}</title></head>`,
		'<body style="font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem">',
		html.trimEnd(),
		'</body>',
		'</html>',
		'',
	].join('\n');
}
