import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_VERSAILLES, expectAccessible, waitForHydration } from './helpers';

const EXAM = 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE';
const PERIOD = /ouvert du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} au \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;

async function choose(page: Page, label: string | RegExp): Promise<void> {
  await page.locator('.choices').getByRole('link', { name: label }).click();
}

test('Ouverture des services, hydrated: down to the offers and back with ↩ and Back', async ({ page }) => {
  await page.goto('/ouverture-des-services');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Ouverture des services' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Résumé de la sélection' })).toBeVisible();
  await expectAccessible(page, 'P2 domaine');

  // A marker that a full page load would erase: the walk stays client-side.
  await page.evaluate(() => ((window as unknown as { cycladesMarker: number }).cycladesMarker = 1));

  await choose(page, 'Autres Certifications');
  await expect(page).toHaveURL(/\?domaine=G02$/);
  await expect(page.getByRole('heading', { name: 'Examen ou certification' })).toBeVisible();
  await expectAccessible(page, 'P2 examen');

  await choose(page, EXAM);
  await expect(page.getByRole('heading', { name: 'Spécialité (secteur disciplinaire)' })).toBeVisible();
  await expectAccessible(page, 'P2 spécialité');

  await choose(page, 'ARTS CINEMA et AUDIOVISUEL');
  await expect(page.getByRole('heading', { name: 'Académie et session' })).toBeVisible();
  await expectAccessible(page, 'P2 académie');

  await choose(page, DEMO_VERSAILLES);
  await expect(page.getByRole('heading', { name: 'Informations disponibles' })).toBeVisible();
  await expect(page.getByText("Certifications proposées dans l'Académie de Versailles :")).toBeVisible();
  const offers = page.locator('.offers li');
  await expect(offers).toHaveCount(3);
  await expect(offers.filter({ hasText: `${EXAM} : ARTS CINEMA et AUDIOVISUEL` })).toContainText(PERIOD);
  await expect(offers.filter({ hasText: 'ARTS CINEMA' })).toContainText('Inscriptions ouvertes');
  await expect(offers.filter({ hasText: 'Education Musicale' })).toContainText('Inscriptions à venir');
  // The chosen offer is open: a visitor is offered an account, or to sign in and register.
  const nextStep = page.locator('.next-step');
  await expect(nextStep.getByRole('link', { name: 'Créer un compte', exact: true })).toHaveAttribute('href', '/creer-un-compte');
  await expect(nextStep.getByRole('link', { name: "Se connecter pour m'inscrire" })).toHaveAttribute(
    'href', /^\/connexion\?retour=%2Fm-inscrire%3Fdomaine%3DG02%26/);
  await expectAccessible(page, 'P2 offres');

  const summary = page.locator('.summary li');
  await expect(summary).toHaveCount(4);
  await expect(summary.nth(0)).toContainText('Autres Certifications');
  await expect(summary.nth(3)).toContainText(DEMO_VERSAILLES);

  // ↩ on the speciality goes back to choosing it, the domain and exam kept.
  await page.getByRole('link', { name: 'Modifier : Spécialité (secteur disciplinaire)' }).click();
  await expect(page.getByRole('heading', { name: 'Spécialité (secteur disciplinaire)' })).toBeVisible();
  await expect(page).toHaveURL(/\?domaine=G02&examen=CCPE1D$/);
  await expect(summary).toHaveCount(2);

  // The browser's Back returns to the offers.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Informations disponibles' })).toBeVisible();
  await expect(offers).toHaveCount(3);

  // ↩ on the domain starts over.
  await page.getByRole('link', { name: 'Modifier : Domaine' }).click();
  await expect(page.getByRole('heading', { name: 'Domaine', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/ouverture-des-services$/);

  const marker = await page.evaluate(() => (window as unknown as { cycladesMarker?: number }).cycladesMarker);
  expect(marker, 'no full page reload during the walk').toBe(1);
});

test('a closed service says that nothing is open', async ({ page }) => {
  await page.goto('/ouverture-des-services?domaine=G02&examen=CCPE1D&specialite=ARTS-CINEMA');
  await waitForHydration(page);
  await choose(page, /ACADÉMIE D'AIX-MARSEILLE - \(\d{4}\)/);
  await expect(page.locator('.offers li')).toContainText('Inscriptions closes');
  await expect(
    page.getByText("Aucun service d'inscription n'est ouvert actuellement pour cette sélection."),
  ).toBeVisible();
  await expectAccessible(page, 'P2 service fermé');
});

test.describe('before the WASM has loaded (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false });

  test('the server-rendered links walk down to the offers', async ({ page }) => {
    await page.goto('/ouverture-des-services');
    await choose(page, 'Autres examens');
    await expect(page).toHaveURL(/\?domaine=G01$/);
    await choose(page, 'DIPLOME DE COMPETENCE EN LANGUE');
    await choose(page, 'ANGLAIS');
    await choose(page, /ACADÉMIE D'AIX-MARSEILLE - \(\d{4}\)/);
    await expect(page.getByText("Examens proposés dans l'Académie d'Aix-Marseille :")).toBeVisible();
    await expect(page.locator('.offers li').filter({ hasText: 'DIPLOME DE COMPETENCE EN LANGUE : ANGLAIS' })).toContainText(PERIOD);
    // The way on to registering is a plain link too.
    await expect(page.locator('.next-step').getByRole('link', { name: 'Créer un compte', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Modifier : Académie et session' }).click();
    await expect(page.getByRole('heading', { name: 'Académie et session' })).toBeVisible();
  });
});
