import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core on the page as it is now and expects no violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe-core violations on ${what}`).toEqual([]);
}

/** Waits until the WASM client has hydrated the page. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  // Forms inside suspended content hydrate a moment later: wait until each is live, or
  // text typed before would be replaced by the form's (empty) state.
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.form-alert-region')].every((e) => e.dataset.ready === 'true'),
  );
}

/** A mail as the SMTP sink saved it. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Waits for the `count`-th mail to `address` (the newest first is returned last). */
export async function mailsTo(address: string, count = 1): Promise<Mail[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = process.env.CYCLADES_E2E_MAIL_DIR;
  if (!dir) throw new Error('CYCLADES_E2E_MAIL_DIR is not set (see playwright.config.ts)');
  for (let i = 0; i < 150; i++) {
    const mails = readdirSync(dir)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail)
      .filter((m) => m.to.includes(address.toLowerCase()));
    if (mails.length >= count) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${count} mail(s) for ${address}`);
}

/** The link of a mail to a page of the portal (`/activer-mon-compte?jeton=…`). */
export function linkIn(mail: Mail, path: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path.replace(/[-/]/g, '\\$&')}\\?jeton=[0-9a-f]+`));
  if (!match) throw new Error(`no link to ${path} in: ${mail.text}`);
  return match[0];
}

export const PASSWORD = 'Rivière.Bleue7';

/** The guide's Jean TALU, born in the Pas-de-Calais, in "Créez votre compte" (no commune). */
export async function fillIdentity(page: Page) {
  await page.locator('#civility').selectOption('MONSIEUR');
  await page.locator('#birth_name').fill('TALU');
  await page.locator('#birth_name_confirm').fill('TALU');
  await page.locator('#first_names').fill('Jean');
  await page.locator('#birth_country').selectOption({ label: 'FRANCE (DONT OUTRE-MER)' });
  await page.locator('#birth_date').fill('01/01/2002');
  await page.locator('#birth_date_confirm').fill('01/01/2002');
  await page.locator('#birth_departement').selectOption({ label: '062 - PAS DE CALAIS' });
}

/** Follows the activation link of `mail` and types the password chosen at creation. */
export async function activate(page: Page, mail: Mail, password = PASSWORD): Promise<void> {
  await page.goto(linkIn(mail, '/activer-mon-compte'));
  await waitForHydration(page);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(page).toHaveURL(/\/connexion\?compte=active$/);
}

/** An address of this run only (the database lives as long as the server). */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now()}@example.fr`;
}

/**
 * The guide's Jean TALU gets an activated account through the portal's own server
 * functions and its mailed link (the account pages have their own journey), then signs in.
 */
export async function signedInCandidate(page: Page, email: string): Promise<void> {
  const created = await page.request.post('/api/create_account', {
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    data: {
      form: {
        civility: 'MONSIEUR',
        birth_name: 'TALU',
        birth_name_confirm: 'TALU',
        usage_name: '',
        first_names: 'Jean',
        birth_country: 'FR',
        birth_date: '01/01/2001',
        birth_date_confirm: '01/01/2001',
        birth_departement: '062',
        birth_commune: 'Beuvry',
        email,
        email_confirm: email,
        password: PASSWORD,
        password_confirm: PASSWORD,
      },
    },
  });
  expect(created.status()).toBe(200);
  await activate(page, (await mailsTo(email))[0]);
  await waitForHydration(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace-candidat$/);
}

/** Presses Tab until `target` has the focus (keyboard-only journeys). */
export async function tabTo(page: Page, target: import('@playwright/test').Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

// The wizard (registration.spec.ts, documents.spec.ts).

export const tabs = (page: Page) => page.getByRole('tablist', { name: "Étapes de l'inscription" });

export async function currentTab(page: Page, name: string) {
  await expect(tabs(page).getByRole('tab', { name, selected: true })).toBeVisible();
  await expect(page.getByRole('tabpanel')).toBeVisible();
}

/** M'inscrire down to the académie, as the guide shows it; "Valider" opens the wizard. */
export async function chooseCinemaInVersailles(page: Page) {
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await menu.getByRole('link', { name: "M'inscrire" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "M'inscrire" })).toBeVisible();
  await expect(page.getByText('Sur quoi et où voulez-vous vous inscrire ?')).toBeVisible();
  await expectAccessible(page, "M'inscrire");
  await page.getByRole('link', { name: 'Autres Certifications' }).click();
  await page.getByRole('link', { name: 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE' }).click();
  await page.getByRole('link', { name: 'ARTS CINEMA et AUDIOVISUEL' }).click();
  await page.getByRole('link', { name: /ACADÉMIE DE VERSAILLES - \(\d{4}\)/ }).click();
  await expect(page.getByText("Certifications proposées dans l'Académie de Versailles :")).toBeVisible();
  await expect(page.locator('.offer--chosen')).toContainText('ARTS CINEMA et AUDIOVISUEL ouvert du');
  await expectAccessible(page, "M'inscrire with an offer chosen");
  await page.getByRole('link', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/m-inscrire\/formulaire\?offre=/);
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
}
