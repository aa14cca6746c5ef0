/**
 * A value as exactly one POSIX shell word (sh, bash, zsh): as it is when every character is one no
 * shell treats specially, so commands read as Replicated's docs print them; otherwise in single
 * quotes, inside which nothing is special (`$(…)`, backticks, spaces, newlines, `?`), each `'`
 * closed, escaped and reopened (`'\''`). A leading `=` is quoted too: zsh expands `=word`.
 */
const PLAIN = /^(?!=)[A-Za-z0-9@%+=:,./_-]+$/;

export function shellWord(value: string): string {
	return PLAIN.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
