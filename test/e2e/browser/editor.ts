/**
 * Driving n8n's editor in Debian's Chromium with playwright-core (no browser download): a fresh profile per run,
 * one screenshot per step under test/e2e/browser/screenshots/ (git-ignored), and the few editor gestures the
 * browser suite repeats. Selectors are n8n 2.41's `data-test-id`s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/n8n-runtime';
import { CHROMIUM_PATH } from './chromium';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'browser', 'screenshots');

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--headless',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export class Editor {
	private shots = 0;

	private constructor(
		readonly context: BrowserContext,
		readonly page: Page,
		readonly baseUrl: string,
		private readonly profile: string,
	) {}

	static async launch(baseUrl: string): Promise<Editor> {
		const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fitbit-plus-chromium-'));
		fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS,
			headless: true,
			viewport: { width: 1440, height: 900 },
		});
		context.setDefaultTimeout(30_000);
		const page = context.pages()[0] ?? (await context.newPage());
		// Leaving a workflow with unsaved changes asks first: the suite reloads pages between checks.
		page.on('dialog', (dialog) => void dialog.accept());
		return new Editor(context, page, baseUrl, profile);
	}

	async close(): Promise<void> {
		await this.context.close();
		fs.rmSync(this.profile, { recursive: true, force: true });
	}

	/** Saves a screenshot of the whole window as NN-<name>.png. */
	async shot(name: string): Promise<string> {
		const file = path.join(SCREENSHOT_DIR, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	byTestId(id: string): Locator {
		return this.page.locator(`[data-test-id="${id}"]`);
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.fill('input[type=email]', email);
		await this.page.fill('input[type=password]', password);
		await this.shot('sign-in');
		await this.page.keyboard.press('Enter');
		await this.page.waitForURL(/\/home\//);
	}

	/** Opens a workflow (or `new`) and waits for its canvas. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.byTestId(id === 'new' ? 'canvas-add-button' : 'canvas-node')
			.first()
			.waitFor({ timeout: 60_000 });
	}

	/** Double-clicks a canvas node by its name: its parameters panel (NDV) opens. */
	async openNode(name: string): Promise<void> {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await this.byTestId('node-parameters').waitFor();
	}

	/** Closes the open node's panel (Escape from a modal above it may have closed it already). */
	async closeNode(): Promise<void> {
		const close = this.byTestId('ndv-close-button');
		if (await close.isVisible()) await close.click();
		await this.byTestId('ndv').waitFor({ state: 'hidden' });
	}

	async chooseCredential(credentialId: string): Promise<void> {
		await this.byTestId('node-credentials-select').click();
		await this.byTestId(`node-credentials-select-item-${credentialId}`).click();
	}

	/** A resource locator of the open node, by its parameter name. */
	locator(parameter: string): Locator {
		return this.byTestId(`resource-locator-${parameter}`);
	}

	/** Opens a From-list locator's list and returns the entries' labels once loaded. */
	async openList(parameter: string): Promise<string[]> {
		await this.locator(parameter).locator('[data-test-id="rlc-input"]').click();
		const item = this.byTestId('rlc-item').first();
		await item.waitFor({ timeout: 30_000 });
		return await this.byTestId('rlc-item').allInnerTexts();
	}

	/** Opens an options / multi-options dropdown of the open node and returns its entries once loaded. */
	async openOptions(parameter: string): Promise<string[]> {
		const field = this.byTestId(`parameter-input-${parameter}`);
		const option = this.page.locator('.el-select-dropdown__item:visible');
		// Element Plus opens the list from its trigger; a click on the field's frame may only focus it.
		for (const target of [
			field,
			field.locator('input').first(),
			field.locator('.el-input__inner'),
		]) {
			await target.click({ force: true });
			const opened = await option
				.first()
				.waitFor({ timeout: 8_000 })
				.then(() => true)
				.catch(() => false);
			if (opened) break;
		}
		await option.first().waitFor({ timeout: 5_000 });
		return (await option.allInnerTexts()).map((text) => text.trim());
	}

	/** Types into the open list's search box. */
	async searchList(text: string): Promise<void> {
		await this.page.locator('input[data-test-id="rlc-search"]').fill(text);
	}

	/** Waits for a toast whose text matches and returns its text. */
	async toast(text: RegExp): Promise<string> {
		const toast = this.page.locator('[role="alert"], .el-notification').filter({ hasText: text });
		await toast.first().waitFor();
		return await toast.first().innerText();
	}
}
