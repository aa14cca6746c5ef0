import fc from 'fast-check';

import {
	LICENSE_ID_KEYS,
	licenseIdsIn,
	redacted,
	WITHHELD,
	withoutLicenseIds,
} from '../../nodes/Replicated/schemas/license-id';

const LICENSE_ID = '2Hjuks3wVxBjTQ35nIXwjkKcY7n';

/** Any JSON value, with license IDs planted under each of their names at any depth. */
const planted = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		fc.constantFrom(null, true, 1.5, 'text', `install with --password ${LICENSE_ID}`),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(
			fc.oneof(fc.string(), fc.constantFrom(...LICENSE_ID_KEYS, '__proto__', 'constructor')),
			fc.oneof(tie('value'), fc.constant(LICENSE_ID)),
			{ maxKeys: 4 },
		),
	),
})).value;

describe('license IDs kept out of items', () => {
	it('withoutLicenseIds drops every license ID field at any depth and keeps the rest', () => {
		expect(
			withoutLicenseIds({
				id: 'c1',
				installationId: LICENSE_ID,
				activeInstances: { instances: [{ instanceId: 'i1', licenseId: LICENSE_ID }] },
				rows: [{ license_id: LICENSE_ID, installation_id: LICENSE_ID, seats: 3 }],
			}),
		).toEqual({
			id: 'c1',
			activeInstances: { instances: [{ instanceId: 'i1' }] },
			rows: [{ seats: 3 }],
		});
	});

	it('keeps a `__proto__` key as data, never as the prototype', () => {
		const out = withoutLicenseIds(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as {
			polluted?: boolean;
		};
		expect(out.polluted).toBeUndefined();
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true},"a":1}');
	});

	it('redacts a license ID found under its name wherever its value appears in text', () => {
		const item = {
			licenseId: LICENSE_ID,
			note: `helm registry login --password ${LICENSE_ID}`,
			nested: [{ text: `-H 'Authorization: ${LICENSE_ID}'` }],
		};
		const secrets = licenseIdsIn(item);
		expect([...secrets]).toEqual([LICENSE_ID]);
		expect(redacted(withoutLicenseIds(item), secrets)).toEqual({
			note: `helm registry login --password ${WITHHELD}`,
			nested: [{ text: `-H 'Authorization: ${WITHHELD}'` }],
		});
		// Too short to be Replicated's (27 characters): not taken for one.
		expect(licenseIdsIn({ licenseId: 'a' }).size).toBe(0);
	});

	it('property: after both steps no license ID field, nor any value found under one, is left', () => {
		fc.assert(
			fc.property(planted, (value) => {
				const secrets = licenseIdsIn(value);
				const text = JSON.stringify(redacted(withoutLicenseIds(value), secrets)) ?? '';
				for (const key of LICENSE_ID_KEYS) expect(text).not.toContain(`"${key}":`);
				// Each value found under a license ID's name, the planted ID among them, is gone.
				for (const secret of secrets) expect(text).not.toContain(secret);
			}),
			{ numRuns: 500 },
		);
	});
});
