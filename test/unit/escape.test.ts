/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test: runs sh on the quoted words, and each helper from its own source as a Code node would */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';

import { escapeHtml, escapeMarkdown, escapeSlack, shellWord } from '../../nodes/Replicated/escape';

const HOSTILE = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"O'Brien & Sons",
	'[click](https://evil.example)',
	'# Heading',
	'1. list',
	'- item',
	'*bold* _it_ `code` ~strike~ | pipe',
	'<!channel> <@U123> <https://evil.example|here>',
	'line one\nline two\r\n> quote',
	'$(rm -rf ~) `id` ; echo pwned',
	'\u2028\u0000\u007f',
	'constructor',
	'',
];

describe('escapeHtml: text for HTML content and quoted attributes', () => {
	it.each(HOSTILE)('%j leaves no character HTML reads as markup', (text) => {
		expect(escapeHtml(text)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
	});
	it('writes the five entities', () => {
		expect(escapeHtml(`<a href="x">O'Neil & co</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;',
		);
	});
	it('reads null and numbers as text', () => {
		expect(escapeHtml(null)).toBe('');
		expect(escapeHtml(42)).toBe('42');
	});
	it('round-trips through an HTML decoder for any string', () => {
		const decode = (s: string) =>
			s
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&#39;/g, "'")
				.replace(/&amp;/g, '&');
		fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => decode(escapeHtml(s)) === s));
	});
});

describe('escapeMarkdown: text as inline Markdown prose', () => {
	it.each([
		['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
		['# Heading', '\\# Heading'],
		['1. list', '1\\. list'],
		['- item', '\\- item'],
		['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
		['<b>x</b>', '\\<b\\>x\\</b\\>'],
		['line one\n# two', 'line one # two'],
		['Acme (beta channel)', 'Acme (beta channel)'],
		['2.4.0', '2.4.0'],
		['+12%', '+12%'],
		['-', '\\-'],
		['## x', '\\## x'],
		['===', '\\==='],
	])('%j becomes %j', (text, expected) => {
		expect(escapeMarkdown(text)).toBe(expected);
	});
	it('keeps any string on one line, with every markup character escaped', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				const out = escapeMarkdown(s);
				return !/[\n\r\u2028\u2029]/.test(out) && !/(^|[^\\])(\\\\)*[`*_[\]<>|~]/.test(out);
			}),
		);
	});
});

describe('escapeSlack: text for Slack mrkdwn', () => {
	it('cannot open a mention, a link or a new line', () => {
		expect(escapeSlack('<!channel> & <https://evil.example|here>\n> quote')).toBe(
			'&lt;!channel&gt; &amp; &lt;https://evil.example|here&gt; &gt; quote',
		);
	});
	it('leaves no < or > and no line break in any string', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !/[<>\n\r]/.test(escapeSlack(s))));
	});
});

describe('shellWord: one POSIX shell word', () => {
	it('sh reads every hostile value back as exactly one argument, unchanged', () => {
		const values = HOSTILE.filter((v) => !v.includes('\u0000'));
		const script = `for a in ${values.map(shellWord).join(' ')}; do printf '%s\\0' "$a"; done`;
		const out = execFileSync('sh', ['-c', script]).toString('utf8').split('\0').slice(0, -1);
		expect(out).toEqual(values);
	});
});

describe('every helper can run from its own source, as a template Code node carries it', () => {
	it.each([
		['escapeHtml', escapeHtml],
		['escapeMarkdown', escapeMarkdown],
		['escapeSlack', escapeSlack],
	] as const)('%s', (name, fn) => {
		const copy = new Function(`${fn.toString()}; return ${name};`)() as (t: unknown) => string;
		for (const text of HOSTILE) expect(copy(text)).toBe(fn(text));
	});
});
