// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Files per Deal (hubspot/fulfill-license, Run Once for All Items): the uploaded files grouped
 * by Deal, for one note each.
 */
function hubspotFilesPerDeal() {
	// The uploaded files of each Deal, for one note that attaches them.
	const files = $('Files to Attach').all();
	const deals = new Map();
	$input.all().forEach((upload, i) => {
	  const recordId = files[i].json.recordId;
	  if (!deals.has(recordId)) deals.set(recordId, { json: { recordId, fileIds: [], fileNames: [] }, pairedItem: { item: i } });
	  deals.get(recordId).json.fileIds.push(String(upload.json.id));
	  deals.get(recordId).json.fileNames.push(files[i].json.fileName);
	});
	return [...deals.values()];
}
