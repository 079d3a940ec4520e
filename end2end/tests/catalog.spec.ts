import { expect, test } from './fixtures';
import {
  enrolledStaff,
  expectAccessible,
  register,
  signedInCandidate,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// The catalog in staff hands (REQUIREMENTS S2, S7, issue 15). An administrator of Versailles
// creates the next session's offer of the guide's certification, opens its period, a
// candidate registers for it through M'inscrire, and a later change to the open period asks
// first in a dialog that says how many candidates are registered. The administrator then
// schedules the tests and the convocations for an instant a minute ahead: nothing before it,
// and at that instant the candidate finds "Convocation(s) aux épreuves" in Mes documents. A
// national administrator keeps the national lists, a refusal shown beside its field.
// axe-core on every page.

/** `at` as typed in the forms: dd/mm/yyyy hh:mm, Paris time. */
function paris(at: Date): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

test("an administrator opens a session's offer, a candidate registers, a change to the open period is confirmed, the convocations appear at their instant", async ({ page, browser }) => {
  // It waits for the convocations' instant, the next whole minute: up to 80 s of it.
  test.slow();
  await enrolledStaff(page, uniqueEmail('admin-offres'), 'administrateur', ['VERSAILLES']);
  const menu = page.getByRole('navigation', { name: "Menu de l'Espace gestionnaire" });
  await menu.getByRole('link', { name: 'Offres et périodes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offres et périodes' })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page, 'Offres et périodes');

  // A session two years ahead: no offer of it yet. Its period starts tomorrow.
  const session = String(new Date().getFullYear() + 2);
  const day = 24 * 3600 * 1000;
  const section = page.locator('section.academy-offers').filter({ hasText: 'ACADÉMIE DE VERSAILLES' });
  await section.getByText('Créer une offre', { exact: true }).click();
  await section.getByLabel('Examen ou certification : spécialité').selectOption({
    label: 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE : ARTS CINEMA et AUDIOVISUEL',
  });
  await section.getByLabel('Session (année)').fill(session);
  // A bad date first: the message beside its field, the rest kept.
  await section.getByLabel(/^Ouverture des inscriptions/).fill('31/02/2027 10:00');
  await section.getByLabel(/^Fermeture des inscriptions/).fill(paris(new Date(Date.now() + 30 * day)));
  await section.getByRole('button', { name: "Créer l'offre" }).click();
  const opens = page.locator('section.academy-offers').getByLabel(/^Ouverture des inscriptions/);
  await expect(opens).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Saisissez une date et une heure au format jj/mm/aaaa hh:mm').first()).toBeVisible();
  await expect(page.locator('section.academy-offers').getByLabel('Session (année)')).toHaveValue(session);
  await expectAccessible(page, 'Offres et périodes, a refused offer');
  await opens.fill(paris(new Date(Date.now() + day)));
  await page.locator('section.academy-offers').getByRole('button', { name: "Créer l'offre" }).click();
  await expect(page.getByText("L'offre est créée.")).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /^Offre : CERTIFICATION COMPLEMENTAIRE/ })).toBeVisible();
  await expect(page.getByText(`ACADÉMIE DE VERSAILLES - session ${session} - Inscriptions à venir`)).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page, "An offer's page");

  // Opening it now: the period is not open yet, so nothing to confirm.
  await page.getByLabel('Ouverture (jj/mm/aaaa hh:mm)').fill(paris(new Date(Date.now() - 60 * 1000)));
  await page.getByRole('button', { name: 'Enregistrer la période' }).click();
  await expect(page.getByText('La période est enregistrée')).toBeVisible();
  await expect(page.getByText(`ACADÉMIE DE VERSAILLES - session ${session} - Inscriptions ouvertes`)).toBeVisible();
  const offerPage = page.url().replace(/\?.*$/, '');

  // A candidate finds it in M'inscrire at once, and registers.
  const context = await browser.newContext();
  const candidate = await context.newPage();
  await signedInCandidate(candidate, uniqueEmail('talu-offre'));
  await candidate.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: "M'inscrire" }).click();
  await candidate.getByRole('link', { name: 'Autres Certifications' }).click();
  await candidate.getByRole('link', { name: 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE' }).click();
  await candidate.getByRole('link', { name: 'ARTS CINEMA et AUDIOVISUEL' }).click();
  await candidate.getByRole('link', { name: `ACADÉMIE DE VERSAILLES - (${session})` }).click();
  await expect(candidate.locator('.offer--chosen')).toContainText('ARTS CINEMA et AUDIOVISUEL ouvert du');
  await candidate.getByRole('link', { name: 'Valider' }).click();
  await expect(candidate).toHaveURL(/\/m-inscrire\/formulaire\?offre=/);
  await register(candidate, new URL(candidate.url()).searchParams.get('offre')!);

  // Now open with one registered candidate: the change asks first, in a dialog.
  await page.goto(offerPage);
  await waitForHydration(page);
  await expect(page.getByText('Candidats inscrits : 1')).toBeVisible();
  await page.getByLabel('Fermeture (jj/mm/aaaa hh:mm)').fill(paris(new Date(Date.now() + 45 * day)));
  await page.getByRole('button', { name: 'Enregistrer la période' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier une période ouverte' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('La période d\'inscription est ouverte et 1 candidat est inscrit');
  await expectAccessible(page, 'The confirmation of a change to an open period');
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByText('La période est enregistrée')).toBeVisible();
  await expect(page.getByText('Des candidatures se rapportent à cette offre')).toBeVisible();

  // The convocations: each test's date, time, duration and place, a bad duration refused first.
  await page.getByRole('link', { name: 'Convocations de cette offre' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Convocations : CERTIFICATION COMPLEMENTAIRE/ })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page, "An offer's convocations");
  const exam = page.locator('details#epreuve-010');
  await exam.getByLabel('Début (jj/mm/aaaa hh:mm)').fill(`12/05/${session} 09:00`);
  await exam.getByLabel('Durée (en minutes)').fill('0');
  await exam.getByLabel('Lieu (établissement et adresse)').fill('Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles');
  await exam.getByRole('button', { name: "Enregistrer l'horaire" }).click();
  const duration = page.locator('details#epreuve-010').getByLabel('Durée (en minutes)');
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#epreuve-010-duration-erreur')).toContainText('Saisissez la durée en minutes');
  await expect(page.locator('details#epreuve-010').getByLabel('Lieu (établissement et adresse)')).toHaveValue(/78000 Versailles/);
  await expectAccessible(page, "An offer's convocations, a refused schedule");
  await duration.fill('180');
  await page.locator('details#epreuve-010').getByRole('button', { name: "Enregistrer l'horaire" }).click();
  await expect(page.getByText("L'horaire est enregistré.")).toBeVisible();
  const oral = page.locator('details#epreuve-020');
  await oral.getByLabel('Début (jj/mm/aaaa hh:mm)').fill(`13/05/${session} 14:00`);
  await oral.getByLabel('Durée (en minutes)').fill('45');
  await oral.getByLabel('Lieu (établissement et adresse)').fill('Rectorat de Versailles\n3 boulevard de Lesseps\n78000 Versailles');
  await oral.getByRole('button', { name: "Enregistrer l'horaire" }).click();
  await expect(page.getByText("L'horaire est enregistré.")).toBeVisible();

  // Published at the next whole minute at least 20 seconds ahead (the form takes minutes).
  const instant = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  await page.getByLabel("À l'instant suivant :").check();
  await page.getByLabel('Instant de publication (jj/mm/aaaa hh:mm)').fill(paris(instant));
  await page.getByRole('button', { name: 'Préparer et publier' }).click();
  await expect(page.getByText('Convocations préparées : 1 ; inchangées, non republiées : 0.')).toBeVisible();
  const batch = page.getByRole('table', { name: "Lots de convocations, le plus récent d'abord" });
  await expect(batch).toContainText('Tous les inscrits : 1 publiée(s), 0 inchangée(s)');
  await expect(batch).toContainText(paris(instant));
  await waitForHydration(page);
  await expectAccessible(page, "An offer's convocations and its batch");

  // Before the instant the candidate sees no convocation; from it, there it is.
  await candidate.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes documents' }).click();
  await candidate.locator('.card').getByRole('link').click();
  await expect(candidate.getByRole('heading', { level: 2, name: /Liste des documents publiés pour la candidature/ })).toBeVisible();
  const convocation = candidate.getByRole('link', { name: /^Convocation\(s\) aux épreuves : Version n°1/ });
  if (Date.now() < instant.getTime() - 3_000) {
    await expect(convocation).toHaveCount(0);
  }
  await candidate.waitForTimeout(Math.max(0, instant.getTime() - Date.now()) + 1_000);
  await candidate.reload();
  await expect(convocation).toBeVisible();
  await expectAccessible(candidate, 'the documents of a candidature, with its convocation');
  // The batch's files for services that also post them, once its PDF exists.
  await page.reload();
  await expect(page.getByRole('link', { name: 'PDF à imprimer' })).toBeVisible({ timeout: 20_000 });
  await context.close();

  // The planning as CSV: exported, the offer's closing moved in the file, imported back.
  const exported = await page.request.get('/gestion/offres.csv');
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).replace(/^\uFEFF/, '').split('\r\n');
  const index = lines.findIndex((l) => l.startsWith(`VERSAILLES;CCPE1D;ARTS-CINEMA;${session};`));
  expect(index).toBeGreaterThan(0);
  const cells = lines[index].split(';');
  cells[5] = paris(new Date(Date.now() + 60 * day));
  lines[index] = cells.join(';');
  await page.getByRole('navigation', { name: "Menu de l'Espace gestionnaire" }).getByRole('link', { name: 'Offres et périodes' }).click();
  await page.getByText('Importer ou exporter les offres (CSV)').click();
  await page.getByLabel('Fichier CSV des offres').setInputFiles({ name: 'offres.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
  await page.getByRole('button', { name: "Prévisualiser l'import" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import des offres : aperçu' })).toBeVisible();
  const preview = page.getByRole('table', { name: 'Ce que fait chaque ligne du fichier' });
  await expect(preview.getByRole('row').filter({ hasText: `session ${session}` }).filter({ hasText: 'ARTS CINEMA' })).toContainText('Modification');
  await expect(preview).toContainText('Période ouverte, 1 candidat(s) inscrit(s)');
  await waitForHydration(page);
  await expectAccessible(page, 'The preview of an imported CSV');
  await page.getByRole('button', { name: /^Appliquer l'import \(1 offre\(s\)\)$/ }).click();
  await expect(page.getByText('Import appliqué : 1 offre(s) créée(s) ou modifiée(s).')).toBeVisible();
  await expect(page.getByText(/^Import appliqué le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} : 0 offre\(s\) créée\(s\), 1 période\(s\) modifiée\(s\)/)).toBeVisible();
});

test('a national administrator keeps the national lists', async ({ page }) => {
  await enrolledStaff(page, uniqueEmail('admin-national'), 'administrateur');
  await page.getByRole('navigation', { name: "Menu de l'Espace gestionnaire" }).getByRole('link', { name: 'Catalogue national' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue national' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'G02 - Autres Certifications' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^ARTS-CINEMA - ARTS CINEMA et AUDIOVISUEL/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Épreuves de ARTS-CINEMA' })).toContainText('010 - EXAMEN DU DOSSIER');
  await waitForHydration(page);
  await expectAccessible(page, 'Catalogue national');

  // A speciality for the DCL: a code with an accent is refused beside its field.
  const dcl = page.locator('section.catalog-exam').filter({ has: page.getByRole('heading', { name: /^DCL - / }) });
  await dcl.getByText('Ajouter une spécialité', { exact: true }).click();
  const code = `ITALIEN${Date.now() % 10000}`;
  await dcl.locator('input[name="code"]').last().fill('ITALIÉN');
  await dcl.locator('input[name="label"]').last().fill('ITALIEN');
  await dcl.getByRole('button', { name: 'Ajouter la spécialité' }).click();
  await expect(page.getByText('Saisissez un code de 32 caractères au plus').first()).toBeVisible();
  await expectAccessible(page, 'Catalogue national, a refused speciality');
  const again = page.locator('section.catalog-exam').filter({ has: page.getByRole('heading', { name: /^DCL - / }) });
  await again.locator('input[name="code"][aria-invalid="true"]').fill(code);
  await again.getByRole('button', { name: 'Ajouter la spécialité' }).click();
  await expect(page.getByText("L'ajout est enregistré.")).toBeVisible();
  await expect(page.getByRole('heading', { name: `${code} - ITALIEN` })).toBeVisible();
});
