/**
 * A credential edited the way n8n's editor edits it, over the same REST calls:
 *
 * 1. the credential modal loads `GET /rest/credentials/:id?includeData=true`: n8n answers the
 *    stored data with every password-typed field (our hidden `sessionToken` included) replaced by
 *    a placeholder, `__n8n_BLANK_VALUE_…`;
 * 2. the user changes fields; Save sends `PATCH /rest/credentials/:id` with
 *    `{ id, name, type, data }`, where `data` is the form's values minus those equal to their
 *    default — `NodeHelpers.getNodeParameters(properties, credentialData, false, false, null,
 *    null)` in the editor's CredentialEdit.vue (persistCredential). The placeholders go back as
 *    they came;
 * 3. n8n puts the stored value back wherever it finds a placeholder (CredentialsService.unredact).
 *
 * So a session token stored by an earlier run survives an edit of the API key, password or base
 * URL: the node must not trust it for the edited account.
 */
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import type { N8nApi } from '../n8n';

export interface EditorCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/** What the credential modal shows: the stored data, password fields as placeholders. */
export async function openCredential(api: N8nApi, id: string): Promise<EditorCredential> {
	return await api.rest<EditorCredential>('GET', `/rest/credentials/${id}?includeData=true`);
}

/**
 * The PATCH body the editor's Save sends after `changes` were typed into the opened credential:
 * the form's values minus those equal to their default (the editor's own call), placeholders kept.
 */
export async function editorSaveBody(
	api: N8nApi,
	id: string,
	changes: Record<string, unknown>,
): Promise<EditorCredential> {
	const current = await openCredential(api, id);
	const types = (await api.request(
		'GET',
		'/types/credentials.json',
		undefined,
		'cookie',
	)) as Array<{
		name: string;
		properties: INodeProperties[];
	}>;
	const type = types.find((t) => t.name === current.type);
	if (!type) throw new Error(`n8n does not list the credential type ${current.type}`);
	const form = { ...current.data, ...changes } as INodeParameters;
	const data = NodeHelpers.getNodeParameters(type.properties, form, false, false, null, null) ?? {};
	// Fields n8n adds to a credential beyond its type's own properties (1.123: "Allowed HTTP
	// Request Domains") are in the form as loaded; the editor keeps them, so keep them too.
	for (const [key, value] of Object.entries(current.data)) {
		if (!(key in data) && !type.properties.some((p) => p.name === key)) data[key] = value as never;
	}
	return { id, name: current.name, type: current.type, data };
}

/**
 * Opens the credential, applies `changes` to its form and saves it as the editor's Save button
 * does. Returns the PATCH body that was sent (for assertions and the log).
 */
export async function editCredential(
	api: N8nApi,
	id: string,
	changes: Record<string, unknown>,
): Promise<EditorCredential> {
	const body = await editorSaveBody(api, id, changes);
	await api.rest('PATCH', `/rest/credentials/${id}`, body);
	return body;
}
