// Prints the secret kept in <file>, generating it (<prefix> + 24 hex digits) the first time: the
// sandbox's emulator token, dashboard password and Slack token stay the same across restarts, so
// the credentials imported into n8n keep working and a browser's saved login too.
//
// usage: node secret.mjs <file> <prefix>
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [file, prefix] = process.argv.slice(2);
if (!existsSync(file) || !readFileSync(file, 'utf8').trim())
	writeFileSync(file, `${prefix}${randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
console.log(readFileSync(file, 'utf8').trim());
