/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * The n8n editor in a real browser: playwright-core driving Debian's /usr/bin/chromium (no browser
 * download is possible here). Selectors are n8n 2.41.1's `data-test-id`s; see
 * shared/notes/n8n-toolchain.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { DEFAULT_OWNER, type Owner } from './n8n';
import { ARTIFACTS } from './paths';
import { CHROMIUM_PATH } from './runtime';

/**
 * Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
 * machine refuses; --no-sandbox because tests run as root; /dev/shm is small in containers.
 */
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export function chromiumAvailable(): boolean {
	return fs.existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<Browser> {
	return await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_FLAGS,
	});
}

/** A page sized like a laptop screen, so that the canvas and the node panel fit. */
export async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	return page;
}

/**
 * Signs in, landing on `redirectTo` (default: the editor's home). On a fresh instance n8n shows
 * the owner setup form instead, which is filled. Returns which of the two happened.
 * Landing straight on the target saves a page load: each costs 10+ s on a busy 2-core machine.
 */
export async function signIn(
	page: Page,
	baseUrl: string,
	owner: Owner = DEFAULT_OWNER,
	redirectTo?: string,
): Promise<'setup' | 'signin'> {
	const query = redirectTo ? `?redirect=${encodeURIComponent(redirectTo)}` : '';
	await page.goto(`${baseUrl}/signin${query}`);
	// The SPA decides after loading its settings: wait for whichever form it renders.
	await page.locator('input[name=firstName], input[name=emailOrLdapLoginId]').first().waitFor();
	if (await page.locator('input[name=firstName]').isVisible()) {
		await page.locator('input[name=email]').fill(owner.email);
		await page.locator('input[name=firstName]').fill(owner.firstName);
		await page.locator('input[name=lastName]').fill(owner.lastName);
		await page.locator('input[name=password]').fill(owner.password);
		await page.getByRole('button', { name: 'Next' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
		return 'setup';
	}
	await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
	await page.locator('input[name=password]').fill(owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return 'signin';
}

/** Opens an empty workflow (2.x answers /workflow/new with /workflow/<id>?new=true). */
export async function openNewWorkflow(page: Page, baseUrl: string): Promise<void> {
	if (!/\/workflow\/(new|[^/?]+\?new=true)/.test(page.url()))
		await page.goto(`${baseUrl}/workflow/new`);
	await page.locator('[data-test-id=canvas-add-button]').waitFor();
}

/**
 * Opens the node panel, types `query` into its search, and returns the names of the items it
 * lists (node creator items carry the display name as their text).
 */
export async function searchNode(page: Page, query: string): Promise<string[]> {
	// In 2.41.1 the attribute sits on the <input> itself; older editors put it on a wrapper.
	const search = page.locator(
		'input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input',
	);
	if (!(await search.isVisible())) await page.locator('[data-test-id=canvas-add-button]').click();
	await search.fill(query);
	// The panel answers with items or with an explicit "no results" block; wait for either.
	const items = page.locator('[data-test-id=node-creator-item-name]');
	await items.or(page.locator('[data-test-id=node-creator-no-results]')).first().waitFor();
	await page.waitForTimeout(300); // the list re-renders once more as the search debounces
	return (await items.allInnerTexts()).map((t) => t.trim());
}

/**
 * Clicks a node panel item (an app such as "CinetPay Transfer", which groups the package's trigger
 * and action nodes) and returns the names it lists inside, with every category expanded.
 * n8n opens "Triggers" or "Actions" collapsed depending on whether the canvas has a trigger.
 */
export async function openNodeItem(page: Page, displayName: string): Promise<string[]> {
	const items = page.locator('[data-test-id=node-creator-item-name]');
	await items.filter({ hasText: displayName }).first().click();
	const categories = page.locator('[data-test-id=node-creator-category-item]');
	await categories.first().waitFor();
	for (const category of await categories.all()) {
		const before = await items.count();
		await category.click();
		if ((await items.count()) < before) await category.click(); // it was open: reopen it
	}
	return (await items.allInnerTexts()).map((t) => t.trim());
}

/** The credential dialog's Save button (its test id, or the button named Save where it has none). */
export async function saveCredential(page: Page): Promise<void> {
	await page
		.locator('[data-test-id=credential-save-button]')
		.or(page.getByRole('button', { name: 'Save', exact: true }))
		.filter({ visible: true })
		.first()
		.click();
}

/**
 * Opens the open node's "new credential" dialog unless it is open already: without a credential
 * of the node's types n8n offers "Connect to <node>"; with some, the list's "Create new credential".
 */
export async function openNewCredentialDialog(page: Page, nodeName: string): Promise<Locator> {
	const dialog = page.locator('[data-test-id=credential-edit-dialog]');
	if (!(await dialog.isVisible())) {
		const ndv = page.locator('[data-test-id=ndv]');
		const connect = ndv.getByText(`Connect to ${nodeName}`);
		const select = ndv.locator('[data-test-id=node-credentials-select]');
		await connect.or(select).first().waitFor();
		if (await connect.isVisible()) await connect.click();
		else {
			await select.click();
			await page.locator('[data-test-id=node-credentials-select-item-new]').click();
		}
	}
	await dialog.waitFor();
	return dialog;
}

/** Saves a full-page PNG to e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const file = path.join(ARTIFACTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** The labels of the parameters the open node shows (its Parameters and Settings tabs). */
export async function parameterLabels(page: Page): Promise<string[]> {
	const labels = page.locator(
		'[data-test-id=ndv] [data-test-id=node-parameters] [data-test-id=input-label]',
	);
	await labels.first().waitFor();
	return (await labels.allInnerTexts()).map((t) =>
		t.replace(/\s*(Fixed|Expression)\s*/g, ' ').trim(),
	);
}

/** Picks `option` in the open node's `parameter` dropdown and waits until the choice shows. */
export async function pickOption(page: Page, parameter: string, option: string): Promise<void> {
	const input = page.locator(`[data-test-id=ndv] [data-test-id=parameter-input-${parameter}]`);
	await input.click();
	// An option shows its name, then its description on the next line.
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	const names = await items.evaluateAll((els) =>
		els.map((el) => (el as unknown as { innerText: string }).innerText.split('\n')[0].trim()),
	);
	const index = names.indexOf(option);
	if (index < 0) throw new Error(`"${parameter}" offers ${JSON.stringify(names)}, not "${option}"`);
	await items.nth(index).click();
	const deadline = Date.now() + 10_000;
	for (;;) {
		const shown = await input.evaluate(
			(el) => `${el.querySelector('input')?.value ?? ''} ${el.textContent ?? ''}`,
		);
		if (shown.includes(option)) return;
		if (Date.now() > deadline) throw new Error(`"${parameter}" shows "${shown}", not "${option}"`);
		await page.waitForTimeout(200);
	}
}
