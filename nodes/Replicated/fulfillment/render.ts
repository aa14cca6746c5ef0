/** The install instructions as Markdown (CRM notes, chat) and as HTML (email). Pure. */
import type { InstallFacts, InstallInstructions } from './install-instructions';

function intro(f: InstallFacts): string {
	return `Your ${f.appName} license (${f.channelName} channel) is attached to this message as a YAML file. Keep it private: it grants access to the software.`;
}

export function instructionsMarkdown(f: InstallFacts, i: InstallInstructions): string {
	const lines = [`# Installing ${f.appName}`, '', intro(f)];
	for (const section of i.sections) {
		lines.push('', `## ${section.title}`, '');
		section.steps.forEach((step, n) => {
			lines.push(`${n + 1}. ${step.text}`);
			if (step.command) lines.push('', '   ```bash', `   ${step.command}`, '   ```');
		});
	}
	if (!i.sections.length)
		lines.push('', 'Your license enables no install method yet; we will be in touch.');
	return `${lines.join('\n')}\n`;
}

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline styles only: mail clients drop style sheets. */
export function instructionsHtml(f: InstallFacts, i: InstallInstructions): string {
	const code =
		'display:block;background:#f4f4f5;padding:8px 12px;border-radius:4px;font-family:monospace;white-space:pre-wrap;word-break:break-all';
	const parts = [
		`<h1 style="font-size:20px">Installing ${escape(f.appName)}</h1>`,
		`<p>${escape(intro(f))}</p>`,
	];
	for (const section of i.sections) {
		parts.push(`<h2 style="font-size:16px">${escape(section.title)}</h2>`, '<ol>');
		for (const step of section.steps)
			parts.push(
				`<li><p>${escape(step.text)}</p>${step.command ? `<code style="${code}">${escape(step.command)}</code>` : ''}</li>`,
			);
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
