import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_VERSAILLES, chooseCinemaInVersailles, currentTab, expectAccessible, mailsTo, signedInCandidate, tabTo, uniqueEmail, waitForHydration } from './helpers';

// The guide's chapters 5 and 7: M'inscrire, the six tabs, the N° inscription, then
// Mes inscriptions -> the récapitulatif -> Modifier -> Version n°2; once with the mouse,
// once with the keyboard only; and a closed tab that resumes its draft.

async function next(page: Page) {
  await page.getByRole('button', { name: 'Suivant' }).click();
}

test('a candidate registers with the mouse, then modifies the candidature (Version n°2)', async ({ page }) => {
  const email = uniqueEmail('inscription');
  await signedInCandidate(page, email);
  await chooseCinemaInVersailles(page);

  // 1 - Identification: identity greyed, required fields refused beside themselves.
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByText('TALU').first()).toBeVisible();
  await expect(panel.getByText(email)).toBeVisible();
  await expect(panel.getByText('loi informatique et libertés')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
  await expectAccessible(page, 'tab 1 Identification');
  await next(page);
  await expect(page.locator('#address_1-erreur')).toHaveText('Saisissez la première ligne de votre adresse.');
  await expect(page.locator('#phone-erreur')).toHaveText('Saisissez votre téléphone personnel.');
  await expect(page.locator('#address_1')).toBeFocused();
  await currentTab(page, '1 - Identification');
  await expectAccessible(page, 'tab 1 with errors');
  await page.locator('#address_1').fill('Rue de la pluie');
  await page.locator('#postal_code').fill('78270');
  await expect(page.locator('#locality option', { hasText: 'BLARU' })).toHaveCount(1);
  await page.locator('#locality').selectOption('BLARU');
  await page.locator('#phone').fill('12');
  await next(page);
  await expect(page.locator('#phone-erreur')).toContainText('10 chiffres');
  await expect(page.locator('#address_1')).toHaveValue('Rue de la pluie');
  await page.locator('#phone').fill('01 23 45 67 89');
  await next(page);

  // 2 - Qualification présentée.
  await currentTab(page, '2 - Qualification présentée');
  await expect(page.getByRole('tabpanel')).toContainText('CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE');
  await expect(page.getByRole('tabpanel')).toContainText('ARTS CINEMA et AUDIOVISUEL');
  await expectAccessible(page, 'tab 2 Qualification présentée');
  await next(page);

  // 3 - Situation actuelle: lists narrowed département -> localité -> établissement.
  await currentTab(page, '3 - Situation actuelle');
  await page.locator('#corps').selectOption({ label: 'AGENT CONTRACTUEL 1ER DEGRE' });
  await page.locator('#statut').selectOption({ label: 'Titulaire' });
  await page.locator('#position').selectOption({ label: 'Activité' });
  await page.locator('#work_departement').selectOption({ label: '078 - YVELINES' });
  await expect(page.locator('#work_locality option', { hasText: '78000-VERSAILLES' })).toHaveCount(1);
  await page.locator('#work_locality').selectOption('78000-VERSAILLES');
  await expect(page.locator('#etablissement option', { hasText: '0783371R' })).toHaveCount(1);
  await page.locator('#etablissement').selectOption('0783371R');
  await expectAccessible(page, 'tab 3 Situation actuelle');
  await next(page);

  // 4 - Epreuves: nothing to choose for this certification.
  await currentTab(page, '4 - Epreuves');
  await expect(page.getByRole('tabpanel')).toContainText('010 - EXAMEN DU DOSSIER (Ecrit)');
  await expect(page.getByText("Il n'y a pas de choix à faire en termes d'épreuves")).toBeVisible();
  await expectAccessible(page, 'tab 4 Epreuves');
  await next(page);

  // 5 - Récapitulatif: everything, and the warning; Enregistrer is active here only.
  await currentTab(page, '5 - Récapitulatif');
  const recap = page.getByRole('tabpanel');
  await expect(recap).toContainText('Rue de la pluie 78270 BLARU FRANCE (DONT OUTRE-MER)');
  await expect(recap).toContainText('ETABLISSEMENT PENITENTIAIRE (0783371R) 78000-VERSAILLES (078)');
  await expect(recap).toContainText('0123456789');
  await expect(page.getByText("la candidature n'est pas encore enregistrée")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Suivant' })).toBeDisabled();
  await expectAccessible(page, 'tab 5 Récapitulatif');
  await page.getByRole('button', { name: 'Enregistrer' }).click();

  // 6 - N° inscription.
  await currentTab(page, '6 - N° inscription');
  const numero = page.getByRole('tabpanel');
  await expect(numero).toContainText(/Votre inscription a bien été prise en compte le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}\./);
  await expect(numero.locator('.registration-number')).toHaveText('001');
  await expect(numero.locator('.candidate-number')).toHaveText(/^\d{10}$/);
  await expect(numero).toContainText('avant la fermeture du service fixée le');
  // A G02 certification: its document is the récapitulatif, said ready once it is.
  await expect(numero).toContainText('prendre connaissance de votre récapitulatif d\'inscription.');
  await expect(numero.locator('.numero__ready')).toHaveText(/Le document « Récapitulatif d'inscription » est prêt/);
  await expect(numero.getByText('(en cours de préparation)')).toHaveCount(0);
  await expectAccessible(page, 'tab 6 N° inscription');
  const candidate = await numero.locator('.candidate-number').textContent();

  // Mes inscriptions -> the récapitulatif, read-only -> Modifier.
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes inscriptions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes inscriptions' })).toBeVisible();
  await expectAccessible(page, 'Mes inscriptions');
  await page.getByRole('link', { name: /ARTS CINEMA et AUDIOVISUEL/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Candidature n° ${candidate} - 001` })).toBeVisible();
  await expect(page.getByText('Version n°1', { exact: true })).toBeVisible();
  await expect(page.getByText('Vous ne pouvez pas vous désinscrire par vos propres moyens')).toBeVisible();
  await expectAccessible(page, 'the récapitulatif of a candidature');
  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
  await expect(page.locator('#address_1')).toHaveValue('Rue de la pluie');
  await expect(page.locator('#locality')).toHaveValue('BLARU');
  await page.locator('#phone').fill('06 12 34 56 78');
  // Quitter during a modification says the saved version stays; Tab stays in the dialog.
  await page.getByRole('button', { name: 'Quitter' }).click();
  const quit = page.getByRole('dialog', { name: 'Quitter le formulaire ?' });
  await expect(quit).toContainText(/votre candidature reste telle qu'elle a été enregistrée \(Version n°1 du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}\)/);
  await expect(page.getByRole('heading', { name: 'Quitter le formulaire ?' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(quit.getByRole('button', { name: 'Continuer ma saisie' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(quit.getByRole('button', { name: 'Garder mes modifications pour plus tard' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(quit).toBeHidden();
  await expect(page.getByRole('button', { name: 'Quitter' })).toBeFocused();
  for (const name of ['2 - Qualification présentée', '3 - Situation actuelle', '4 - Epreuves', '5 - Récapitulatif']) {
    await next(page);
    await currentTab(page, name);
  }
  await expect(page.getByRole('tabpanel')).toContainText('0612345678');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await currentTab(page, '6 - N° inscription');
  await expect(page.getByRole('tabpanel')).toContainText('Votre modification a bien été prise en compte');
  await expect(page.getByRole('tabpanel').locator('.version')).toHaveText('Version n°2');
  await expect(page.getByRole('tabpanel').locator('.registration-number')).toHaveText('001');

  // Activation, then "Inscription enregistrée" with its link to Mes documents, then the modification.
  const mails = await mailsTo(email, 3);
  expect(mails.map((m) => m.subject).slice(1)).toEqual([
    'Inscription enregistrée : CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE',
    'Modification d\'inscription : CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE',
  ]);
  expect(mails[1].text).toMatch(/\/mes-documents\/[0-9a-f-]{36}/);
});

test('a candidate registers with the keyboard only, choosing an oral support', async ({ page }) => {
  const email = uniqueEmail('clavier');
  await signedInCandidate(page, email);
  await waitForHydration(page);
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await tabTo(page, menu.getByRole('link', { name: "M'inscrire" }));
  await page.keyboard.press('Enter');
  for (const name of ['Autres examens', 'DIPLOME DE COMPETENCE EN LANGUE', 'ANGLAIS', /ACADÉMIE D'AIX-MARSEILLE/]) {
    const link = page.getByRole('link', { name });
    await expect(link).toBeVisible();
    await tabTo(page, link);
    await page.keyboard.press('Enter');
  }
  const validate = page.getByRole('link', { name: 'Valider' });
  await expect(validate).toBeVisible();
  await tabTo(page, validate);
  await page.keyboard.press('Enter');
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
  // "Valider" leads to the form's first field.
  await expect(page.locator('#address_country')).toBeFocused();

  await tabTo(page, page.locator('#address_1'));
  await page.keyboard.type('2 rue de Paris');
  await tabTo(page, page.locator('#postal_code'));
  await page.keyboard.type('35000');
  // A postal code with one locality fills it in.
  await expect(page.locator('#locality')).toHaveValue('RENNES');
  await tabTo(page, page.locator('#phone'));
  await page.keyboard.type('0299000000');
  const suivant = page.getByRole('button', { name: 'Suivant' });
  await tabTo(page, suivant);
  await page.keyboard.press('Enter');
  await currentTab(page, '2 - Qualification présentée');
  await expect(page.getByRole('tabpanel')).toContainText('Examen :');
  await tabTo(page, suivant);
  await page.keyboard.press('Enter');
  await currentTab(page, '3 - Situation actuelle');
  // Drop-down lists answer to the keyboard: type the start of an entry.
  for (const [id, typed] of [['#corps', 'PROFESSEUR C'], ['#statut', 'Tit'], ['#position', 'Act'], ['#work_departement', '035']]) {
    await tabTo(page, page.locator(id));
    await page.keyboard.type(typed);
  }
  await expect(page.locator('#work_departement')).toHaveValue('035');
  await expect(page.locator('#work_locality option', { hasText: '35000-RENNES' })).toHaveCount(1);
  await tabTo(page, page.locator('#work_locality'));
  await page.keyboard.type('35000');
  await expect(page.locator('#etablissement option', { hasText: '0350615D' })).toHaveCount(1);
  await tabTo(page, page.locator('#etablissement'));
  await page.keyboard.type('ECOLE');
  await expect(page.locator('#etablissement')).toHaveValue('0350615D');
  await tabTo(page, suivant);
  await page.keyboard.press('Enter');

  // 4 - Epreuves: one oral support among two is required.
  await currentTab(page, '4 - Epreuves');
  await expectAccessible(page, 'tab 4 Epreuves with choices');
  await tabTo(page, suivant);
  await page.keyboard.press('Enter');
  await expect(page.locator('#epreuves-SUPPORT-erreur')).toHaveText('Choisissez 1 épreuve parmi les 2 proposées.');
  await expect(page.locator('#epreuves-SUPPORT')).toBeFocused();
  await tabTo(page, page.locator('#epreuve-032'));
  await page.keyboard.press('Space');
  await tabTo(page, page.locator('#epreuve-030'), 20).catch(async () => {
    // Focus order after the group: go round once more.
    await tabTo(page, page.locator('#epreuve-030'));
  });
  await page.keyboard.press('Space');
  await tabTo(page, suivant);
  await page.keyboard.press('Enter');
  await currentTab(page, '5 - Récapitulatif');
  await expect(page.getByRole('tabpanel')).toContainText('030 - EPREUVE FACULTATIVE - CIVILISATION (Oral) ; 032 - ORAL SUR SUPPORT VIDEO (Oral)');
  const save = page.getByRole('button', { name: 'Enregistrer' });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await currentTab(page, '6 - N° inscription');
  await expect(page.getByRole('tabpanel').locator('.registration-number')).toHaveText('001');
  await expect(page.getByRole('heading', { name: "Votre numéro d'inscription" })).toBeFocused();
});

test('a closed tab keeps the input as a draft, offered back as "Reprendre ma saisie"', async ({ page, context }) => {
  const email = uniqueEmail('brouillon');
  await signedInCandidate(page, email);
  await chooseCinemaInVersailles(page);
  await page.locator('#address_1').fill('Rue de la pluie');
  await page.locator('#postal_code').fill('78270');
  await page.locator('#locality').selectOption('BLARU');
  await page.locator('#phone').fill('0123456789');
  await next(page);
  await currentTab(page, '2 - Qualification présentée');
  const wizardUrl = page.url();
  await page.close();

  // Another tab of the same browser, later.
  const again = await context.newPage();
  await again.goto(wizardUrl);
  await waitForHydration(again);
  await expect(again.getByText(/Une saisie non enregistrée du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} a été conservée\./)).toBeVisible();
  await expectAccessible(again, 'the wizard offering a draft');
  await again.getByRole('button', { name: 'Reprendre ma saisie' }).click();
  await currentTab(again, '1 - Identification');
  await expect(again.locator('#address_1')).toHaveValue('Rue de la pluie');
  await expect(again.locator('#phone')).toHaveValue('0123456789');

  // Quitter asks first; the input can be kept for later.
  await again.locator('#address_2').fill('Bâtiment B');
  await again.getByRole('button', { name: 'Quitter' }).click();
  const dialog = again.getByRole('dialog', { name: 'Quitter le formulaire ?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(again, 'the Quitter dialog');
  await dialog.getByRole('button', { name: 'Garder ma saisie pour plus tard' }).click();
  await expect(again).toHaveURL(/\/mes-inscriptions$/);
  await expect(again.getByRole('heading', { name: 'Saisies non enregistrées' })).toBeVisible();
  await again.getByRole('link', { name: 'Reprendre ma saisie' }).click();
  await waitForHydration(again);
  await again.getByRole('button', { name: 'Reprendre ma saisie' }).click();
  await expect(again.locator('#address_2')).toHaveValue('Bâtiment B');
});

test('the signed-in Accueil shows the messages and each candidature; Ouverture des services leads to M\'inscrire', async ({ page }) => {
  const email = uniqueEmail('accueil');
  await signedInCandidate(page, email);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Bienvenue sur le portail Cyclades' })).toBeVisible();
  await expect(page.getByText("Vous n'avez aucune inscription en cours.")).toBeVisible();
  await expectAccessible(page, 'the signed-in Accueil, no candidature');

  // From Ouverture des services, an open offer leads to M'inscrire with the same choices.
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await page.goto('/ouverture-des-services');
  await waitForHydration(page);
  for (const name of ['Autres Certifications', 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE', 'ARTS CINEMA et AUDIOVISUEL', DEMO_VERSAILLES]) {
    await page.locator('.choices').getByRole('link', { name }).click();
  }
  await expect(page.getByRole('link', { name: "Se connecter pour m'inscrire" })).toHaveCount(0);
  await page.locator('.next-step').getByRole('link', { name: "M'inscrire" }).click();
  await expect(page).toHaveURL(/\/m-inscrire\?domaine=G02&/);
  await page.getByRole('link', { name: 'Valider' }).click();
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
  await expect(page.locator('#address_country')).toBeFocused();
  await page.locator('#address_1').fill('Rue de la pluie');
  await page.locator('#postal_code').fill('78270');
  await page.locator('#locality').selectOption('BLARU');
  await page.locator('#phone').fill('0123456789');
  await next(page);
  await next(page);
  await page.locator('#corps').selectOption({ label: 'AGENT CONTRACTUEL 1ER DEGRE' });
  await page.locator('#statut').selectOption({ label: 'Titulaire' });
  await page.locator('#position').selectOption({ label: 'Activité' });
  await page.locator('#work_departement').selectOption({ label: '078 - YVELINES' });
  await page.locator('#work_locality').selectOption('78000-VERSAILLES');
  await page.locator('#etablissement').selectOption('0783371R');
  await next(page);
  await next(page);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await currentTab(page, '6 - N° inscription');

  // The Accueil now lists it, with its status and the service's closing date.
  await menu.getByRole('link', { name: 'Accueil' }).click();
  const card = page.locator('.candidatures .card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE : ARTS CINEMA et AUDIOVISUEL');
  await expect(card).toContainText(/Inscrite Modifiable jusqu'au \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}\./);
  await expect(card).toContainText('Version n°1');
  await expectAccessible(page, 'the signed-in Accueil with a candidature');

  // A second candidature starts with the address, phone and situation of the first.
  await menu.getByRole('link', { name: "M'inscrire" }).click();
  for (const name of ['Autres Certifications', 'CERTIFICATION COMPLEMENTAIRE PERSONNELS ENSEIGNANTS DU 1ER DEGRE', /Arts Visuels$/, DEMO_VERSAILLES]) {
    await page.locator('.choices').getByRole('link', { name }).click();
  }
  await page.getByRole('link', { name: 'Valider' }).click();
  await waitForHydration(page);
  await expect(page.getByText(/sont repris de votre inscription « CERTIFICATION COMPLEMENTAIRE/)).toBeVisible();
  await expect(page.locator('#address_1')).toHaveValue('Rue de la pluie');
  await expect(page.locator('#phone')).toHaveValue('0123456789');
  await expectAccessible(page, 'a second candidature, prefilled');
});
