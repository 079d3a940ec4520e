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

/** The demo's session of Versailles: the year after the run's (Paris), as the demo
 * catalog places it; other sessions may exist (catalog.spec.ts creates one). */
export const DEMO_VERSAILLES = `ACADÉMIE DE VERSAILLES - (${Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date())) + 1})`;

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
  await page.getByRole('link', { name: DEMO_VERSAILLES }).click();
  await expect(page.getByText("Certifications proposées dans l'Académie de Versailles :")).toBeVisible();
  await expect(page.locator('.offer--chosen')).toContainText('ARTS CINEMA et AUDIOVISUEL ouvert du');
  await expectAccessible(page, "M'inscrire with an offer chosen");
  await page.getByRole('link', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/m-inscrire\/formulaire\?offre=/);
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
}

/** "Enregistrer" of the guide's Jean TALU, through the server function the wizard calls. */
export async function register(page: Page, offer: string): Promise<void> {
  const saved = await page.request.post('/api/save_candidature', {
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    data: {
      request: {
        offer,
        candidature: null,
        expected_version: null,
        idempotency_key: crypto.randomUUID(),
        form: {
          address_country: 'FR', address_1: 'Rue de la pluie', postal_code: '78270', locality: 'BLARU',
          nationality: 'FR', phone: '0123456789', corps: 'ACT1D', statut: 'TIT', position: 'ACT',
          work_country: 'FR', work_departement: '078', work_locality: '78000-VERSAILLES',
          etablissement: '0783371R', epreuves: [],
        },
      },
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
}

// The Espace gestionnaire (staff.spec.ts).

/**
 * `./cyclades staff add`: the server binary under test adds a staff member to the run's
 * database and prints their one-time enrolment link, which is returned.
 */
export async function addStaff(email: string, role: string, academies: string[] = []): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const { join, resolve } = await import('node:path');
  const root = resolve(__dirname, '../..');
  const port = Number(process.env.CYCLADES_E2E_PORT ?? 3100);
  const bin = process.env.CYCLADES_SERVER_BIN ?? join(root, 'target/cyclades-server-dev');
  const args = ['staff', 'add', email, '--role', role, ...academies.flatMap((a) => ['--academie', a])];
  const out = execFileSync(bin, args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CYCLADES_CONFIG: join(root, 'Leptos.toml'),
      DATABASE_URL: `sqlite://${process.env.CYCLADES_E2E_DATA_DIR}/cyclades.db?mode=rwc`,
      CYCLADES_DATA_DIR: process.env.CYCLADES_E2E_DATA_DIR,
      CYCLADES_MODE: 'development',
      CYCLADES_PUBLIC_URL: `http://127.0.0.1:${port}`,
      RUST_LOG: 'warn',
    },
  });
  const link = out.match(/https?:\/\/\S+\/gestion\/inscription\?jeton=[0-9a-f]+/);
  if (!link) throw new Error(`no enrolment link in: ${out}`);
  return link[0];
}

export const STAFF_PASSWORD = 'une phrase de passe pour le service';

/** "Activer mon accès" on the enrolment page: the password, its confirmation and a code of
 * the second factor computed from the page's secret. */
export async function activateAccess(page: Page, secret: string, confirm = STAFF_PASSWORD) {
  await page.locator('#password').fill(STAFF_PASSWORD);
  await page.locator('#password_confirm').fill(confirm);
  await page.locator('#code').fill(await totp(secret));
  await page.getByRole('button', { name: 'Activer mon accès' }).click();
}

/** A staff member added from the command line and enrolled, signed in to the Espace
 * gestionnaire in `page`. */
export async function enrolledStaff(page: Page, email: string, role: string, academies: string[] = []): Promise<void> {
  await page.goto(await addStaff(email, role, academies));
  await waitForHydration(page);
  const secret = (await page.locator('code.secret').textContent())!;
  await activateAccess(page, secret);
  await page.getByRole('link', { name: /accéder à l'Espace gestionnaire/ }).click();
  await expect(page).toHaveURL(/\/gestion\/candidats$/);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret, as an application shows it. */
export async function totp(secret: string, at = Date.now()): Promise<string> {
  const { createHmac } = await import('node:crypto');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/\s+/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

/** Every request URL the page makes that carries a password or a link's secret. */
export function watchAddresses(page: Page, secrets: string[]): string[] {
  const leaks: string[] = [];
  page.on('request', (r) => {
    const url = decodeURIComponent(r.url());
    // The mailed link itself, opened by the test, is the only address with a token.
    const opened = r.isNavigationRequest() && r.method() === 'GET' && r.frame() === page.mainFrame() && /[?&]jeton=/.test(url) && !r.redirectedFrom();
    if (/password=/i.test(url) || secrets.some((s) => url.includes(s)) || (!opened && /[?&]jeton=/.test(url))) {
      leaks.push(`${r.method()} ${url}`);
    }
  });
  return leaks;
}
