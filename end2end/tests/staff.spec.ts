import { expect, test } from './fixtures';
import {
  addStaff,
  chooseCinemaInVersailles,
  expectAccessible,
  register,
  signedInCandidate,
  tabTo,
  totp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// The Espace gestionnaire (REQUIREMENTS S1, S4): an administrator added from the command
// line enrols from the printed link with a code of their application (computed here from
// the secret the page shows), finds the guide's TALU Jean in "Candidats", signs out, and
// signs in again with the keyboard only, using a recovery code.

const STAFF_PASSWORD = 'une phrase de passe pour le service';

test('an administrator enrols from the link, finds TALU Jean in Candidats, and signs in again with a recovery code', async ({ page }) => {
  // A candidate registered to the guide's certification.
  const candidate = uniqueEmail('talu-gestion');
  await signedInCandidate(page, candidate);
  await chooseCinemaInVersailles(page);
  await register(page, new URL(page.url()).searchParams.get('offre')!);

  // The staff pages are not the candidate's.
  await page.goto('/gestion/candidats');
  await expect(page.getByRole('alert')).toContainText('réservée aux personnels habilités');

  // Enrolment from the link `./cyclades staff add` printed.
  const staff = uniqueEmail('administrateur');
  const link = await addStaff(staff, 'administrateur');
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Activer mon accès à l'Espace gestionnaire");
  await expect(page.getByRole('img', { name: 'Code QR de la clé secrète' })).toBeVisible();
  await expectAccessible(page, 'the enrolment page');
  const secret = (await page.locator('code.secret').textContent())!;
  expect(secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  // A short password and a wrong code: each named beside its field, nothing else lost.
  await page.getByLabel('Mot de passe', { exact: true }).fill('trop court');
  await page.getByLabel('Confirmation du mot de passe').fill('trop court');
  await page.getByLabel('Code de vérification').fill('12');
  await page.getByRole('button', { name: 'Activer mon accès' }).click();
  await expect(page.locator('#password-erreur')).toContainText('12 caractères');
  await expect(page.locator('#code-erreur')).toContainText('6 chiffres');
  await page.getByLabel('Mot de passe', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel('Confirmation du mot de passe').fill(STAFF_PASSWORD);
  await page.getByLabel('Code de vérification').fill(await totp(secret));
  await page.getByRole('button', { name: 'Activer mon accès' }).click();
  await expect(page.getByRole('heading', { name: 'Vos codes de secours' })).toBeVisible();
  const codes = await page.locator('.recovery-codes code').allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(page, 'the recovery codes');
  await page.getByRole('link', { name: /accéder à l'Espace gestionnaire/ }).click();

  // Candidats: found by "talu", without accents or case.
  await expect(page).toHaveURL(/\/gestion\/candidats$/);
  await waitForHydration(page);
  const menu = page.getByRole('navigation', { name: "Menu de l'Espace gestionnaire" });
  await expect(menu).toContainText(`${staff} - Administrateur - Toutes les académies`);
  await expectAccessible(page, 'Candidats');
  await page.getByLabel('Rechercher').fill('tâlu');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/\/gestion\/candidats\?q=t%C3%A2lu/);
  const row = page.getByRole('row').filter({ hasText: candidate });
  await expect(row).toContainText('TALU Jean');
  await expect(row).toContainText('ARTS CINEMA');
  await expect(row).toContainText('Inscrite');
  await expectAccessible(page, 'Candidats with results');
  // Exporter (CSV): the same selection, for a French spreadsheet.
  const exportLink = page.getByRole('link', { name: 'Exporter (CSV)' });
  const csv = await page.request.get((await exportLink.getAttribute('href'))!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text).toContain(`;${candidate};`);
  expect(text.split('\r\n')[0]).toContain('N° candidat;N° inscription;Civilité;Nom de famille');
  // Sorted by N° candidat: the header says so.
  await page.getByRole('link', { name: 'N° candidat' }).click();
  await expect(page.getByRole('columnheader', { name: 'N° candidat' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByLabel('Rechercher')).toHaveValue('tâlu');

  // The dossier: unregistering needs a reason, then the candidate no longer sees it.
  await page.getByRole('row').filter({ hasText: candidate }).getByRole('link', { name: 'TALU Jean' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de TALU Jean');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: /N° inscription 001 - .*ARTS CINEMA/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Récapitulatif d'inscription Version n°1/ })).toBeVisible();
  await expectAccessible(page, 'the dossier');
  await page.getByText('Désinscrire', { exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer la désinscription' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'Indiquez le motif' })).toBeVisible();
  await page.getByLabel('Motif de la désinscription').fill('Candidature en double.');
  await page.getByRole('button', { name: 'Confirmer la désinscription' }).click();
  await expect(page.locator('.dossier-candidature .badge')).toHaveText('Désinscrite');
  const journal = page.getByRole('region', { name: 'Journal du dossier' });
  await expect(journal).toContainText('candidature.desinscription');
  await expect(journal).toContainText('Candidature en double.');
  await expectAccessible(page, 'the dossier once unregistered');
  // The candidate's own pages (their session is still open in this browser).
  await page.goto('/mes-inscriptions');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes inscriptions' })).toBeVisible();
  await expect(page.getByText("Vous n'avez aucune inscription en cours.")).toBeVisible();
  await page.goto('/gestion/candidats?q=t%C3%A2lu');
  await waitForHydration(page);

  // Se déconnecter, then back with the keyboard only and a recovery code.
  await menu.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/gestion$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace gestionnaire');
  await expectAccessible(page, "Espace gestionnaire's sign-in");
  await tabTo(page, page.getByLabel('Login'));
  await page.keyboard.type(staff);
  await page.keyboard.press('Tab');
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(codes[0]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/gestion\/candidats$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Candidats' })).toBeVisible();

  // The same recovery code a second time: refused, with one sentence for any wrong part.
  await page.context().clearCookies();
  await page.goto('/gestion');
  await waitForHydration(page);
  await page.getByLabel('Login').fill(staff);
  await page.getByLabel('Mot de passe').fill(STAFF_PASSWORD);
  await page.getByLabel('Code de vérification').fill(codes[0]);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Login, mot de passe ou code de vérification incorrect.');
  await expect(page.getByLabel('Login')).toHaveValue(staff);
});
