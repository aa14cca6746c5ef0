// The registry reachable here does not serve every platform binary of some packages (for example
// @unrs/resolver-binding-android-arm-eabi), so `npm install` leaves them out of package-lock.json
// while still listing them as optional dependencies of their parent, and `npm ci` then refuses the
// lock as out of sync. This drops optional dependencies that have no entry in the lock.
// Run after changing dependencies: `npm install && node scripts/prune-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let removed = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
	if (!entry.optionalDependencies) continue;
	for (const name of Object.keys(entry.optionalDependencies)) {
		const nested = `${location ? location + '/' : ''}node_modules/${name}`;
		if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
			delete entry.optionalDependencies[name];
			removed += 1;
		}
	}
}
writeFileSync(file, JSON.stringify(lock, null, '\t') + '\n');
console.log(
	`package-lock.json: removed ${removed} optional dependencies the registry does not serve`,
);
