// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Order to Fulfil (salesforce/fulfill-license, Run Once for All Items): one item per Activated
 * Order, with its line items (OrderItem) and their products.
 *
 * @param {never} __LINE_OF__ lines defining `lineOf` (crm/product-fields.ts lineOfCode)
 * @param {(product: string, quantity: number, p: any) => object} lineOf defined by __LINE_OF__
 */
function salesforceOrderToFulfil(__LINE_OF__, lineOf) {
	__LINE_OF__

	// One item per Order, with its line items (OrderItem) and their products.
	const lines = $input.all().map((i) => i.json).filter((l) => l.OrderId);
	return $('Activated Orders').all().map(({ json: o }) => ({
	  json: {
	    recordId: o.Id,
	    recordName: 'Order ' + o.OrderNumber,
	    accountId: o.AccountId,
	    accountName: o.Account ? o.Account.Name : '',
	    contactEmail: (o.ShipToContact && o.ShipToContact.Email) || '',
	    contactName: (o.ShipToContact && o.ShipToContact.FirstName) || '',
	    contractStart: o.EffectiveDate || '',
	    contractEnd: o.EndDate || '',
	    lines: lines
	      .filter((l) => l.OrderId === o.Id)
	      .map((l) => lineOf(l.Product2 ? l.Product2.Name : '', l.Quantity, l.Product2 || {})),
	  },
	}));
}
