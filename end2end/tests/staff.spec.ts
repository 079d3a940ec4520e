import { expect, test } from './fixtures';
import {
  activateAccess,
  addStaff,
  linkIn,
  mailsTo,
  PASSWORD,
  chooseCinemaInVersailles,
  expectAccessible,
  register,
  signedInCandidate,
  STAFF_PASSWORD,
  tabTo,
  totp,
  uniqueEmail,
  waitForHydration,
  watchAddresses,
} from './helpers';

// The Espace gestionnaire (REQUIREMENTS S1, S4): an administrator added from the command
// line enrols from the printed link with a code of their application (computed here from
// the secret the page shows), finds the guide's TALU Jean in "Candidats", invites a
// gestionnaire of Versailles, writes a message of Accueil, signs out and in again with the
// keyboard only (a recovery code); the gestionnaire enrols from the mail, finds TALU Jean by
// "talu", corrects the Prénoms and unregisters the candidature, which the candidate's
// "Mes inscriptions" no longer lists.

test('an administrator enrols, invites a gestionnaire who finds TALU Jean by "talu", corrects the Prénoms and unregisters the candidature', async ({ page }) => {
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
  await page.locator('#password').fill('trop court');
  await page.locator('#password_confirm').fill('trop court');
  await page.locator('#code').fill('12');
  await page.getByRole('button', { name: 'Activer mon accès' }).click();
  await expect(page.locator('#password-erreur')).toContainText('12 caractères');
  await expect(page.locator('#code-erreur')).toContainText('6 chiffres');
  await activateAccess(page, secret);
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

  // Personnels: the administrator invites a gestionnaire of Versailles by mail.
  await page.goto('/gestion/candidats');
  await waitForHydration(page);
  await menu.getByRole('link', { name: 'Personnels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personnels' })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page, 'Personnels');
  const gestionnaire = uniqueEmail('gestion-versailles');
  await page.getByText('Inviter un membre du personnel').click();
  await page.getByLabel('Adresse mail').fill(gestionnaire);
  await page.getByLabel('Rôle').first().selectOption('gestionnaire');
  await page.getByRole('group', { name: 'Académies', exact: true }).getByLabel('ACADÉMIE DE VERSAILLES').check();
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole('status').filter({ hasText: "L'invitation a été envoyée." })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: gestionnaire })).toContainText('Invité le');
  await expectAccessible(page, 'Personnels after an invitation');

  // Messages d'accueil: a message of Versailles with a link, previewed as typed, then on
  // the public Accueil at once.
  await menu.getByRole('link', { name: "Messages d'accueil" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Messages d'accueil" })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page, "Messages d'accueil");
  const title = `Fermeture du service ${Date.now()}`;
  await page.locator('#title').fill(title);
  await page.locator('#body').fill('Le service sera fermé le 24/12.\n\nConsultez [Ouverture des services](/ouverture-des-services).');
  await page.locator('#academy').selectOption({ label: 'ACADÉMIE DE VERSAILLES' });
  await page.getByLabel("Afficher jusqu'au").fill('31/02/2099 18:00');
  const preview = page.getByRole('region', { name: 'Aperçu' });
  await expect(preview.getByRole('heading', { name: title })).toBeVisible();
  await expect(preview.getByRole('link', { name: 'Ouverture des services' })).toHaveAttribute('href', '/ouverture-des-services');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#visible_until-erreur')).toContainText('jj/mm/aaaa hh:mm');
  await expect(page.locator('#title')).toHaveValue(title);
  await page.getByLabel("Afficher jusqu'au").fill('31/12/2099 18:00');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le message a été enregistré.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText('En ligne');
  await expectAccessible(page, "Messages d'accueil once saved");
  await page.goto('/');
  const published = page.locator('article.message').filter({ has: page.getByRole('heading', { name: title }) });
  await expect(published).toContainText('ACADÉMIE DE VERSAILLES');
  await expect(published.getByRole('link', { name: 'Ouverture des services' })).toBeVisible();
  await page.goto('/gestion/candidats');
  await waitForHydration(page);

  // Pièces demandées: the offers of the administrator's académies and their pieces.
  await menu.getByRole('link', { name: 'Pièces demandées' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pièces demandées' })).toBeVisible();
  await expect(page.getByText('Justificatif 1 : Confirmation d\'inscription signée').first()).toBeVisible();
  await expectAccessible(page, 'Pièces demandées');
  await page.goto('/gestion/candidats');
  await waitForHydration(page);

  // Journal: every action, filtered.
  await menu.getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journal' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Action').fill('message.');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'message.creation' }).first()).toContainText(staff);
  await expectAccessible(page, 'Journal');

  // Se déconnecter, then back with the keyboard only and a recovery code.
  await menu.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/gestion$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace gestionnaire');
  await expectAccessible(page, "Espace gestionnaire's sign-in");
  await tabTo(page, page.locator('#email'));
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
  await page.locator('#email').fill(staff);
  await page.locator('#password').fill(STAFF_PASSWORD);
  await page.locator('#code').fill(codes[0]);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Login, mot de passe ou code de vérification incorrect.');
  await expect(page.locator('#email')).toHaveValue(staff);

  // The gestionnaire enrols from the mailed link: Candidats, without the administrator's
  // pages.
  const mail = (await mailsTo(gestionnaire))[0];
  expect(mail.subject).toBe("[CYCLADES] Votre accès à l'Espace gestionnaire");
  await page.goto(linkIn(mail, '/gestion/inscription'));
  await waitForHydration(page);
  const second = (await page.locator('code.secret').textContent())!;
  await activateAccess(page, second);
  await page.getByRole('link', { name: /accéder à l'Espace gestionnaire/ }).click();
  await expect(page).toHaveURL(/\/gestion\/candidats$/);
  await expect(menu).toContainText(`${gestionnaire} - Gestionnaire - Versailles`);
  await expect(menu.getByRole('link', { name: 'Personnels' })).toHaveCount(0);
  await waitForHydration(page);
  // Found by "talu", as the guide's service would type it.
  await page.getByLabel('Rechercher').fill('talu');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('row').filter({ hasText: candidate })).toContainText('Inscrite');
  // The dossier: the Prénoms corrected, then unregistering with a reason.
  await page.getByRole('row').filter({ hasText: candidate }).getByRole('link', { name: 'TALU Jean' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de TALU Jean');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: /N° inscription 001 - .*ARTS CINEMA/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Récapitulatif d'inscription Version n°1/ })).toBeVisible();
  await expectAccessible(page, 'the dossier');
  // Corriger l'identité: the Prénoms, with a reason; the documents are published again.
  await page.getByText("Corriger l'identité", { exact: true }).click();
  await page.getByLabel('Prénoms').fill('Jean-Pierre');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page.locator('#reason-erreur')).toContainText('Indiquez le motif de la correction');
  await expect(page.getByLabel('Prénoms')).toHaveValue('Jean-Pierre');
  await expectAccessible(page, 'the identity correction refused');
  await page.getByLabel('Motif de la correction').fill('Prénom composé oublié à la création du compte.');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page.getByRole('status').filter({ hasText: "L'identité a été corrigée." })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier de TALU Jean-Pierre');
  // Published again: a link once rendered, "(en préparation)" until then.
  await expect(page.getByText(/Récapitulatif d'inscription Version n°2/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Journal du dossier' })).toContainText('compte.correction_identite');
  await expect.poll(async () => (await mailsTo(candidate)).map((m) => m.subject)).toContain('Correction de vos informations');
  await expectAccessible(page, 'the dossier once corrected');
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
  // The candidate signs in again: "Mes inscriptions" no longer lists it.
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.locator('#email').fill(candidate);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace-candidat$/);
  await page.goto('/mes-inscriptions');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes inscriptions' })).toBeVisible();
  await expect(page.getByText("Vous n'avez aucune inscription en cours.")).toBeVisible();
});

test.describe('the Espace gestionnaire without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });

  test('enrolment, a refused then accepted sign-in, Candidats, Personnels, Messages d\'accueil, Journal, the catalog and the convocations are plain pages and posts', async ({ page }) => {
    const staff = uniqueEmail('admin-sans-js');
    const leaks = watchAddresses(page, [STAFF_PASSWORD]);
    const noSidewaysScroll = async (what: string) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    };
    await page.goto(await addStaff(staff, 'administrateur'));
    await noSidewaysScroll('the enrolment page');
    const secret = (await page.locator('code.secret').textContent())!;
    // Refused: the messages beside the fields, the passwords never sent back.
    await activateAccess(page, secret, 'autre chose entièrement');
    await expect(page.locator('#password_confirm-erreur')).toHaveText('La confirmation ne correspond pas au mot de passe saisi.');
    await expect(page.locator('#password')).toHaveValue('');
    await activateAccess(page, secret);
    await expect(page.getByRole('heading', { name: 'Vos codes de secours' })).toBeVisible();
    const codes = await page.locator('.recovery-codes code').allTextContents();
    expect(codes).toHaveLength(10);
    await noSidewaysScroll('the recovery codes');

    // Signed out, then a refused sign-in keeps the login, then one with a recovery code.
    await page.goto('/gestion/candidats');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/gestion$/);
    await page.locator('#email').fill(staff);
    await page.locator('#password').fill('pas le bon mot de passe');
    await page.locator('#code').fill('123456');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('Login, mot de passe ou code de vérification incorrect.').first()).toBeVisible();
    await expect(page.locator('#email')).toHaveValue(staff);
    await expect(page.locator('#code')).toHaveValue('');
    await noSidewaysScroll('a refused staff sign-in');
    await page.locator('#password').fill(STAFF_PASSWORD);
    await page.locator('#code').fill(codes[1]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/gestion\/candidats$/);

    // Candidats: the search is a GET form; the table scrolls inside its own box.
    await page.getByLabel('Rechercher').fill('talu');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/\/gestion\/candidats\?q=talu/);
    await expect(page.getByLabel('Rechercher')).toHaveValue('talu');
    await noSidewaysScroll('Candidats');
    // Personnels: a refused invitation keeps what was typed; Journal.
    await page.goto('/gestion/personnels');
    await page.getByText('Inviter un membre du personnel').click();
    await page.getByLabel('Adresse mail').fill('pas une adresse');
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(page.locator('#invitation-email-erreur')).not.toBeEmpty();
    await expect(page.getByLabel('Adresse mail')).toHaveValue('pas une adresse');
    await noSidewaysScroll('Personnels');
    // Messages d'accueil: "Prévisualiser" is a post answered with the preview, nothing lost.
    await page.goto('/gestion/messages');
    await page.locator('#title').fill('Sans JavaScript');
    await page.locator('#body').fill('Voir [la page](/ouverture-des-services).');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await expect(page.getByRole('region', { name: 'Aperçu' }).getByRole('link', { name: 'la page' })).toHaveAttribute('href', '/ouverture-des-services');
    await expect(page.locator('#title')).toHaveValue('Sans JavaScript');
    await noSidewaysScroll("Messages d'accueil");
    await page.goto('/gestion/journal');
    await expect(page.getByRole('row').filter({ hasText: 'personnel.enrolement' }).first()).toBeVisible();
    await noSidewaysScroll('Journal');
    // The catalog: a refused offer keeps what was typed, beside its field; an offer's page;
    // the national lists.
    await page.goto('/gestion/offres');
    const versailles = page.locator('section.academy-offers').filter({ hasText: 'ACADÉMIE DE VERSAILLES' });
    await versailles.getByText('Créer une offre', { exact: true }).click();
    await versailles.getByLabel('Session (année)').fill('20');
    await versailles.getByLabel(/^Ouverture des inscriptions/).fill('01/09/2030 10:00');
    await versailles.getByRole('button', { name: "Créer l'offre" }).click();
    const refused = page.locator('section.academy-offers').filter({ hasText: 'ACADÉMIE DE VERSAILLES' });
    await expect(refused.getByLabel('Session (année)')).toHaveAttribute('aria-invalid', 'true');
    await expect(refused.getByLabel(/^Ouverture des inscriptions/)).toHaveValue('01/09/2030 10:00');
    await noSidewaysScroll('Offres et périodes, a refused offer');
    await refused.getByRole('link', { name: /ARTS CINEMA et AUDIOVISUEL/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: /^Offre : / })).toBeVisible();
    await noSidewaysScroll("An offer's page");
    // Its convocations: a refused schedule and a refused instant keep what was typed.
    await page.getByRole('link', { name: 'Convocations de cette offre' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Convocations : / })).toBeVisible();
    const test010 = page.locator('details#epreuve-010');
    if ((await test010.getAttribute('open')) === null) await test010.locator('summary').click();
    await test010.getByLabel('Durée (en minutes)').fill('trois heures');
    await test010.getByRole('button', { name: "Enregistrer l'horaire" }).click();
    await expect(page.locator('#epreuve-010-duration-erreur')).toContainText('Saisissez la durée en minutes');
    await expect(page.locator('details#epreuve-010').getByLabel('Durée (en minutes)')).toHaveValue('trois heures');
    await noSidewaysScroll("An offer's convocations, a refused schedule");
    await page.getByLabel("À l'instant suivant :").check();
    await page.getByLabel('Instant de publication (jj/mm/aaaa hh:mm)').fill('hier');
    await page.getByRole('button', { name: 'Préparer et publier' }).click();
    await expect(page.getByText('Les convocations n\'ont pas été préparées :')).toBeVisible();
    await expect(page.getByLabel('Instant de publication (jj/mm/aaaa hh:mm)')).toHaveValue('hier');
    await noSidewaysScroll("An offer's convocations, a refused batch");
    await page.goto('/gestion/convocations');
    await expect(page.getByRole('heading', { level: 1, name: 'Convocations' })).toBeVisible();
    await noSidewaysScroll('Convocations');
    // A CSV without the needed columns: the offers page again, the message beside the file.
    await page.goto('/gestion/offres');
    await page.getByText('Importer ou exporter les offres (CSV)').click();
    await page.getByLabel('Fichier CSV des offres').setInputFiles({ name: 'offres.csv', mimeType: 'text/csv', buffer: Buffer.from('nom;date\r\nx;y\r\n') });
    await page.getByRole('button', { name: "Prévisualiser l'import" }).click();
    await expect(page.locator('#import-fichier-erreur')).toContainText('Colonne(s) manquante(s)');
    await noSidewaysScroll('Offres et périodes, a refused import');
    await page.goto('/gestion/catalogue');
    await expect(page.getByRole('heading', { level: 1, name: 'Catalogue national' })).toBeVisible();
    await noSidewaysScroll('Catalogue national');
    expect(leaks, 'addresses with a password or a token').toEqual([]);
  });
});
