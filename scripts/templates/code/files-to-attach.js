// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Files to Attach (<crm>/fulfill-license, Run Once for All Items): one item per file to upload,
 * the license and the install instructions of each order.
 */
function filesToAttach() {
	// One item per file, for the upload: the license and the instructions of each order.
	return $input.all().flatMap((item, i) => {
	  const order = $('__ORDER_NODE__').itemMatching(i).json;
	  return ['license', 'instructions'].map((kind) => ({
	    json: {
	      recordId: order.recordId,
	      kind,
	      fileName: item.binary[kind].fileName,
	      title: item.binary[kind].fileName.replace(/\.[^.]+$/, ''),
	    },
	    binary: { file: item.binary[kind] },
	    pairedItem: { item: i },
	  }));
	});
}
