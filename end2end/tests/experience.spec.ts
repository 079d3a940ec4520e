import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  PASSWORD,
  chooseCinemaInVersailles,
  expectAccessible,
  fillIdentity,
  linkIn,
  mailsTo,
  signedInCandidate,
  uniqueEmail,
  waitForHydration,
  watchAddresses,
} from './helpers';

// Issue 11: forms that work (or refuse cleanly) before and without the client code and
// never put a password or a token in an address; pages that never die silently; a phone
// layout; the focus after a navigation.


test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('account creation, activation, sign-in and sign-out are plain posts the server answers', async ({ page }) => {
    const email = uniqueEmail('sans.js');
    const leaks = watchAddresses(page, [PASSWORD, 'Mauvais.Mot1']);

    // A refused creation: the page again, the error summary and the message beside the
    // field, everything typed kept but the passwords, "Erreur :" in the title.
    await page.goto('/creer-un-compte');
    // The password's rules are written out by the server too.
    await expect(page.locator('#password-aide li')).toHaveCount(6);
    await fillIdentity(page);
    await page.locator('#birth_commune').fill('Beuvry');
    await page.locator('#birth_name_confirm').fill('TALUT');
    await page.locator('#email').fill(email);
    await page.locator('#email_confirm').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password_confirm').fill(PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/\/creer-un-compte$/);
    await expect(page).toHaveTitle(/^Erreur : Créer un compte/);
    await expect(page.locator('#birth_name_confirm-erreur')).toHaveText('La confirmation ne correspond pas au nom de famille.');
    await expect(page.locator('.error-summary a[href="#birth_name_confirm"]')).toHaveText('La confirmation ne correspond pas au nom de famille.');
    await expect(page.locator('#email')).toHaveValue(email);
    await expect(page.locator('#birth_commune')).toHaveValue('Beuvry');
    await expect(page.locator('#password')).toHaveValue('');

    await page.locator('#birth_name_confirm').fill('TALU');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password_confirm').fill(PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('dialog', { name: 'MERCI !' })).toContainText(email);
    await page.getByRole('link', { name: 'Fermer' }).click();
    await expect(page).toHaveURL(/\/connexion$/);

    // The mailed link: the password chosen, posted.
    const link = linkIn((await mailsTo(email))[0], '/activer-mon-compte');
    await page.goto(link);
    await page.locator('#password').fill('Mauvais.Mot1');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await expect(page.locator('.error-summary, .alert-error').first()).toBeVisible();
    await expect(page.locator('#password')).toHaveValue('');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await expect(page).toHaveURL(/\/connexion\?compte=active$/);

    // Sign-in refused, then accepted: the address stays, the password never comes back.
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('Mauvais.Mot1');
    await page.locator('#password').press('Enter');
    await expect(page.getByText('Login ou mot de passe incorrect.')).toBeVisible();
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('#email')).toHaveValue(email);
    await expect(page.locator('#password')).toHaveValue('');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/espace-candidat$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();

    // Modifier mon compte: a refused password change says why, beside the field.
    await page.goto('/modifier-mon-compte');
    await page.locator('#current_password').fill('Mauvais.Mot1');
    await page.locator('#password').fill('Nouveau.Mot2');
    await page.locator('#password_confirm').fill('Autre.Mot3');
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await expect(page).toHaveURL(/\/modifier-mon-compte$/);
    await expect(page.locator('#password_confirm-erreur')).not.toBeEmpty();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Se connecter' })).toBeVisible();
    expect(leaks, 'addresses with a password or a token').toEqual([]);
  });
});

test.describe('without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });

  test('no page scrolls sideways, the menu stays open, a refused form too', async ({ page }) => {
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      await expectNoSidewaysScroll(page, `${path} at 375px without JavaScript`);
      await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Se connecter' })).toBeVisible();
    }
    await page.goto('/connexion');
    await page.locator('#email').fill('une.adresse.vraiment.tres.longue.pour.un.telephone@example.fr');
    await page.locator('#password').press('Enter');
    await expect(page.locator('#password-erreur')).not.toBeEmpty();
    await expectNoSidewaysScroll(page, 'a refused sign-in at 375px without JavaScript');
  });
});

test('what is typed before the client is ready is kept, and Enter then posts safely', async ({ page }) => {
  const email = uniqueEmail('presse');
  await signedInCandidate(page, email);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
  const leaks = watchAddresses(page, [PASSWORD]);
  // A slow phone: the client code arrives late, the processor is four times slower.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.route('**/pkg/cyclades.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 4000));
    await route.continue();
  });

  await page.goto('/creer-un-compte');
  await page.locator('#birth_name').fill('TALU');
  await page.locator('#first_names').fill('Jean');
  await page.locator('#email').fill(email);
  expect(await page.locator('body').getAttribute('data-hydrated'), 'typed before the client was ready').toBeNull();
  await waitForHydration(page);
  await expect(page.locator('#birth_name')).toHaveValue('TALU');
  await expect(page.locator('#email')).toHaveValue(email);
  // The form's state has them: submitting refuses the empty fields only.
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#birth_name_confirm-erreur')).not.toBeEmpty();
  await expect(page.locator('#birth_name-erreur')).toBeEmpty();
  await expect(page.locator('#email-erreur')).toBeEmpty();

  // Enter in Se connecter before the client is ready: a post the server answers.
  await page.goto('/connexion');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  expect(await page.locator('body').getAttribute('data-hydrated')).toBeNull();
  await page.locator('#password').press('Enter');
  await expect(page).toHaveURL(/\/espace-candidat$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  expect(leaks, 'addresses with a password or a token').toEqual([]);
});

/** The pages of the portal a candidate sees, signed in or not. */
const PUBLIC_PAGES = ['/', '/ouverture-des-services', '/creer-un-compte', '/connexion', '/mot-de-passe-oublie', '/verifier-un-document', '/accessibilite', '/donnees-personnelles', '/mentions-legales'];
const SIGNED_IN_PAGES = ['/espace-candidat', '/modifier-mon-compte', '/m-inscrire', '/mes-inscriptions', '/mes-documents', '/les-formulaires', '/mes-justificatifs'];

/** Tabs loading at once: each load is still a whole page load, cold, and the machine's
 * waits (network, compiling the client) overlap instead of adding up. */
const TABS = 3;

/** Each page loaded cold `times` times, spread over a few tabs of the same browser: the
 * fixture fails the test on any error one throws, in any tab. */
async function loadColdly(page: Page, pages: string[], times: number) {
  const tabs = [page, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => page.context().newPage())))];
  for (const path of pages) {
    await Promise.all(
      tabs.map(async (tab, k) => {
        for (let i = k; i < times; i += tabs.length) {
          await tab.goto(path);
          await expect(tab.locator('body')).toHaveAttribute('data-hydrated', 'true');
          await expect(tab.locator('#erreur-client')).toHaveCount(0);
        }
      }),
    );
  }
  await Promise.all(tabs.slice(1).map((tab) => tab.close()));
}

test('every page loads twenty times cold without an error', async ({ page }) => {
  test.setTimeout(600_000);
  await loadColdly(page, PUBLIC_PAGES, 20);
  await signedInCandidate(page, uniqueEmail('froid'));
  await chooseCinemaInVersailles(page);
  const wizard = new URL(page.url()).pathname + new URL(page.url()).search;
  await loadColdly(page, [...SIGNED_IN_PAGES, wizard], 20);
});

/** No page scrolls sideways on a phone. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

test('on a 320-375 px phone no page scrolls sideways, and the menu folds behind "Menu"', async ({ page }) => {
  test.setTimeout(180_000);
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 740 });
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSidewaysScroll(page, `${path} at ${width}px`);
    }
  }
  await page.setViewportSize({ width: 375, height: 740 });
  await signedInCandidate(page, uniqueEmail('telephone.avec.une.adresse.tres.longue'));
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(menu.getByRole('link', { name: 'Mes inscriptions' })).toBeHidden();
  await menu.getByRole('button', { name: 'Menu' }).click();
  await expect(menu.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, 'the open menu at 375px');
  await menu.getByRole('link', { name: "M'inscrire" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "M'inscrire" })).toBeFocused();
  await expect(menu.getByRole('link', { name: 'Mes inscriptions' })).toBeHidden();
  for (const path of SIGNED_IN_PAGES) {
    await page.goto(path);
    await waitForHydration(page);
    await expectNoSidewaysScroll(page, `${path} at 375px`);
  }
  // The wizard's address, chosen on a desktop (the cascade's own test is elsewhere).
  await page.setViewportSize({ width: 1280, height: 800 });
  await chooseCinemaInVersailles(page);
  const wizard = page.url();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(wizard);
  await waitForHydration(page);
  await expect(page.getByText('Étape 1 sur 6 : Identification')).toBeVisible();
  await expectNoSidewaysScroll(page, 'the wizard at 375px');
  // On an 812 px high phone the tab's first field is on the first screen.
  await page.setViewportSize({ width: 375, height: 812 });
  const first = await page.locator('#address_country').boundingBox();
  expect(first, 'the first field is shown').not.toBeNull();
  expect(first!.y + first!.height, 'the first field ends on the first screen').toBeLessThanOrEqual(812);
  await page.setViewportSize({ width: 375, height: 740 });
  await expectAccessible(page, 'the wizard at 375px');
});

test('after a navigation the focus is on the new page\'s title, or on the new level of a cascade', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await menu.getByRole('link', { name: 'Ouverture des services' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('link', { name: 'Autres examens' }).click();
  await expect(page).toHaveURL(/\?domaine=G01$/);
  await expect(page.locator('#choix-niveau')).toBeFocused();
  await menu.getByRole('link', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Veuillez vous identifier' })).toBeFocused();
  await expectAccessible(page, 'Se connecter after a navigation');
});
