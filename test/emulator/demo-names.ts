/**
 * Names for the demo fleet (demo-fleet.ts): companies, people, emails and CRM IDs that read like a
 * vendor's real customer list. Every domain is under `.example` (RFC 2606: reserved, never anyone's),
 * so no mail or link in the sandbox can reach a real company.
 */

const COMPANY_WORDS = (
	'Northwind,Blue Harbor,Ironclad,Silverline,Redwood,Cobalt,Granite Peak,' +
	'Brightwater,Summit,Evergreen,Pinecrest,Crescent,Harborview,Lakeshore,Meridian,' +
	'Keystone,Beacon,Copperfield,Falcon Ridge,Oakmont,Riverbend,Sterling,Tidewater,' +
	'Westfield,Aurora,Bluebird,Cascade,Driftwood,Emberline,Foxglove,Goldleaf,Highland,' +
	'Juniper,Kestrel,Larkspur,Maple Grove,Nimbus,Orchard,Quartz,Ridgeway,Saffron,' +
	'Thornbury,Upland,Vantage,Willow Creek,Zephyr,Alder,Birchwood,Clearwater,Dunmore,' +
	'Easton,Fairhaven,Glenwood,Hollis,Ivybridge,Jasper,Kingsley,Lindenwood,Marlowe,' +
	'Northgate'
).split(',');
const COMPANY_KINDS = (
	'Logistics,Analytics,Health,Financial,Systems,Labs,Energy,Insurance,Manufacturing,' +
	'Robotics,Networks,Biotech,Retail Group,Capital,Media,Aerospace,Software,Telecom,' +
	'Foods,Pharma,Security,Mobility,Bank,Data,Holdings,Industries,Cloud,Research,' +
	'Partners,Semiconductor'
).split(',');
const FIRST_NAMES = (
	'Aisha,Ben,Carmen,Dmitri,Elena,Farid,Grace,Hiro,Ines,Jonas,Kavya,Liam,Mei,Noah,' +
	'Olga,Priya,Quentin,Rosa,Sanjay,Tomas,Uma,Victor,Wen,Yusuf,Zoe,Amara,Bruno,Chloe,' +
	'Diego,Freya'
).split(',');
const LAST_NAMES = (
	'Okafor,Schmidt,Tanaka,Novak,Garcia,Haddad,Kim,Larsen,Moreau,Nguyen,Patel,Rossi,' +
	'Silva,Chen,Kowalski,Andersen,Baptiste,Costa,Dubois,Evans,Fischer,Gupta,Hughes,' +
	'Ivanova,Jensen'
).split(',');
const ROLE_MAILBOXES = ['it', 'ops', 'platform', 'devops', 'infra'];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type Random = () => number;

export const pickOne = <T>(list: readonly T[], rand: Random): T =>
	list[Math.floor(rand() * list.length)];

/** The list in a seeded order (Fisher–Yates). */
export function shuffled<T>(list: readonly T[], rand: Random): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

export interface Company {
	name: string;
	/** The company's mail domain, e.g. `northwind-logistics.example`. */
	domain: string;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** `count` distinct companies (up to 1,800), in a seeded order. */
export function companies(count: number, rand: Random): Company[] {
	const all = COMPANY_WORDS.flatMap((word) => COMPANY_KINDS.map((kind) => `${word} ${kind}`));
	if (count > all.length) throw new Error(`at most ${all.length} demo companies`);
	return shuffled(all, rand)
		.slice(0, count)
		.map((name) => ({ name, domain: `${slug(name)}.example` }));
}

export function person(company: Company, rand: Random): { name: string; email: string } {
	const first = pickOne(FIRST_NAMES, rand);
	const last = pickOne(LAST_NAMES, rand);
	return { name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@${company.domain}` };
}

/** A customer's contact: a person most of the time, a team mailbox otherwise. */
export function contactEmail(company: Company, rand: Random): string {
	return rand() < 0.7
		? person(company, rand).email
		: `${pickOne(ROLE_MAILBOXES, rand)}@${company.domain}`;
}

/**
 * A CRM record ID shaped like Salesforce's 18-character IDs: `001` for an Account (a paying
 * customer), `00Q` for a Lead (a trial).
 */
export function crmId(prefix: '001' | '00Q', rand: Random): string {
	let id = `${prefix}Dn0000`;
	while (id.length < 18) id += BASE62[Math.floor(rand() * BASE62.length)];
	return id;
}
