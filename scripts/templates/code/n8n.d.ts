/* eslint-disable @typescript-eslint/no-explicit-any -- items carry whatever JSON their nodes made: the Code reads it untyped, as n8n gives it */
/**
 * What n8n's Code node (v2) gives its JavaScript, as far as the templates' Code uses it: the
 * type-check of `code/*.js` (tsconfig.test.json) reads these instead of n8n's own runtime.
 */

/** An item: its JSON and, from a node that handles files, its binary data. */
interface N8nItem {
	json: any;
	binary?: any;
	pairedItem?: { item: number };
}

/** A node's output, as `$('Node')` gives it. */
interface N8nNodeOutput {
	all(): N8nItem[];
	first(): N8nItem;
	item: N8nItem;
	itemMatching(index: number): N8nItem;
	params: Record<string, any>;
}

/** The item this run of the node is for (mode "Run Once for Each Item"). */
declare const $json: any;
declare const $input: { all(): N8nItem[]; first(): N8nItem; item: N8nItem };
declare function $(node: string): N8nNodeOutput;
declare function $getWorkflowStaticData(scope: 'global' | 'node'): any;
