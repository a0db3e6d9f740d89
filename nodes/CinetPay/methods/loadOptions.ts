/**
 * Lists the editor fills from the chosen credential (the node's `methods.loadOptions`).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { paymentMethodOptions2026 } from '../helpers/paymentMethods';
import { CREDENTIAL_TYPE_2026 } from '../transport/platform2026';

/**
 * The 2026 Payment Method list: the codes of the credential's country account (only those can be
 * paid from it), or every known code while no credential is chosen; always with "Custom…".
 * Only the credential's country is read, nothing is called.
 */
export async function getPaymentMethods2026(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	let country: string | undefined;
	try {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE_2026);
		country = typeof credentials.country === 'string' ? credentials.country : undefined;
	} catch {
		// No 2026 credential chosen yet: offer every known code.
	}
	return paymentMethodOptions2026(country);
}
