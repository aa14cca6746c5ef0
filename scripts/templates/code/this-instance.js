// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * This Instance (Run Once for All Items): the instance the event is about, among the customer's.
 *
 * @param {any} __TRIGGER__ the trigger's first item's JSON
 */
function thisInstance(__TRIGGER__) {
	// The instance the event is about, among the customer's: the one it names, else (instance_id
	// is INFERRED) the customer's only one; unknown counts as online.
	const id = __TRIGGER__.instance?.id ?? null;
	const all = $input.all();
	const mine = id === null ? (all.length === 1 ? all[0] : undefined) : all.find((i) => i.json.instanceId === id);
	return [{ json: { instanceId: mine?.json.instanceId ?? id, isAirgap: mine?.json.isAirgap === true, lastCheckInAt: mine?.json.lastCheckInAt ?? null, versionLabel: mine?.json.versionLabel ?? null } }];
}
