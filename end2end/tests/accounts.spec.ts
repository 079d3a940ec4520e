import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PASSWORD, activate, expectAccessible, fillIdentity, linkIn, mailsTo, uniqueEmail, waitForHydration } from './helpers';

// The guide's chapters 3 and 4: create an account, activate it from the mail, sign in,
// change a field in "Modifier mon compte", sign out.

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('a candidate creates an account, activates it from the mail, signs in, edits it and signs out', async ({ page }) => {
  const email = uniqueEmail('jean.talu');

  await page.goto('/creer-un-compte');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Créez votre compte' })).toBeVisible();
  await expect(page.getByRole('link', { name: "J'ai déjà un compte" })).toBeVisible();
  await expectAccessible(page, 'Créez votre compte');

  // The password's rules are there before typing, every one unmet; each is ticked as typed,
  // the common-password rule by the server's long list too.
  const rules = page.locator('#password-aide li');
  await expect(rules).toHaveText([
    /De 8 à 20 caractères : non respecté/, /Une majuscule : non respecté/, /Une minuscule : non respecté/,
    /Un caractère spécial .* : non respecté/, /Pas un mot de passe trop courant : non respecté/,
    /Ni votre nom ni votre prénom : non respecté/,
  ]);
  await expect(page.locator('#password')).toHaveAttribute('aria-describedby', 'password-aide password-erreur');
  await page.locator('#password').fill('xqzw');
  await expect(page.locator('#password-aide li.password-rules__met')).toHaveText([/Une minuscule/, /Pas un mot de passe/, /Ni votre nom/]);
  await page.locator('#password').fill('Papillon.7');
  await expect(page.locator('#password-aide li', { hasText: 'Pas un mot de passe trop courant' })).toContainText('non respecté');
  await expect(page.locator('#password-aide li:not(.password-rules__met)')).toHaveCount(1);

  // Wrong inputs: French messages beside their fields, the focus on the first, nothing lost.
  await fillIdentity(page);
  await expect(page.locator('#password-aide li', { hasText: 'Ni votre nom' })).toContainText(': respecté');
  await page.locator('#password').fill('Jean.Papi7');
  await expect(page.locator('#password-aide li', { hasText: 'Ni votre nom' })).toContainText('non respecté');
  await page.locator('#birth_name_confirm').fill('TALUT');
  await page.locator('#birth_commune').fill('Beuv');
  await expect(page.locator('#communes-suggerees option[value="Beuvry"]')).toHaveCount(1);
  await page.locator('#birth_commune').fill('Beuvry');
  await page.locator('#email').fill(email);
  await page.locator('#email_confirm').fill(email);
  await page.locator('#password').fill('motdepasse');
  await page.locator('#password_confirm').fill('motdepasse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#birth_name_confirm-erreur')).toHaveText(
    'La confirmation ne correspond pas au nom de famille.',
  );
  await expect(page.locator('#password-erreur')).toHaveText(
    'Le mot de passe doit comporter au moins une majuscule.',
  );
  await expect(page.locator('#birth_name_confirm')).toBeFocused();
  await expect(page.locator('#birth_name_confirm')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#email')).toHaveValue(email);
  await expectAccessible(page, 'Créez votre compte with errors');

  // A common password passes the browser's rule but the server refuses it, beside its field.
  await page.locator('#birth_name_confirm').fill('Talu');
  await page.locator('#password').fill('Azerty123!');
  await page.locator('#password_confirm').fill('Azerty123!');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#password-erreur')).toHaveText(
    'Ce mot de passe est trop courant : choisissez-en un autre.',
  );
  await expect(page.locator('#birth_commune')).toHaveValue('Beuvry');

  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password_confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const dialog = page.getByRole('dialog', { name: 'MERCI !' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Votre compte est en cours de création.');
  await expect(dialog).toContainText(email);
  await expectAccessible(page, 'the MERCI dialog');
  // Modal: Tab and Shift+Tab go round its one link, never out of it.
  await expect(page.getByRole('heading', { name: 'MERCI !' })).toBeFocused();
  const close = dialog.getByRole('link', { name: 'Fermer' });
  for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Tab']) {
    await page.keyboard.press(key);
    await expect(close).toBeFocused();
  }
  await dialog.getByRole('link', { name: 'Fermer' }).click();
  await expect(page).toHaveURL(/\/connexion$/);

  // Not activated yet: the sign-in says so and offers a new mail.
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText("Votre compte n'est pas encore activé");
  await expect(page.getByRole('button', { name: "Recevoir un nouveau mail d'activation" })).toBeVisible();

  // The activation mail, in the guide's words; its link activates the account.
  const [mail] = await mailsTo(email);
  expect(mail.subject).toBe('[CYCLADES] Activer mon compte');
  expect(mail.text).toContain('Vous venez de créer un compte sur Cyclades.');
  await page.goto(linkIn(mail, '/activer-mon-compte'));
  await waitForHydration(page);
  await expectAccessible(page, 'Activer mon compte');
  // The link alone activates nothing: the password chosen in the form is asked, a wrong
  // one is refused beside its field.
  await page.locator('#password').fill('Pas.Le.Bon1');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(page.locator('#password-erreur')).toContainText("Ce n'est pas le mot de passe choisi");
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await expect(page).toHaveURL(/\/connexion\?compte=active$/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toContainText('Votre compte est activé.');
  await expectAccessible(page, 'Se connecter after activation');

  // A wrong password, then the right one.
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('Pas.Le.Bon1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Login ou mot de passe incorrect.');
  await expect(page.locator('#email')).toHaveValue(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace-candidat$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(page.getByText('Bienvenue Jean TALU.')).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  for (const entry of ["M'inscrire", 'Mes inscriptions', 'Mes documents', 'Les formulaires', 'Mes justificatifs', 'Modifier mon compte']) {
    await expect(menu.getByRole('link', { name: entry })).toBeVisible();
  }
  await expect(menu.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expectAccessible(page, 'Accueil of a signed-in candidate');

  // Mes documents and Mes justificatifs before any candidature.
  await menu.getByRole('link', { name: 'Mes documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes documents' })).toBeVisible();
  await expect(page.getByText("Aucun document n'est publié : vous n'avez pas de candidature.")).toBeVisible();
  await expectAccessible(page, 'Mes documents without a candidature');
  await menu.getByRole('link', { name: 'Mes justificatifs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes justificatifs' })).toBeVisible();
  await expect(page.getByText("Aucune pièce justificative n'est demandée : vous n'avez pas de candidature.")).toBeVisible();
  await expectAccessible(page, 'Mes justificatifs (no candidature)');

  // Modifier mon compte: every field editable while there is no candidature.
  await menu.getByRole('link', { name: 'Modifier mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modifier mon compte' })).toBeVisible();
  await expect(page.locator('#birth_name')).toHaveValue('TALU');
  await expect(page.locator('#birth_name')).toBeEnabled();
  await expectAccessible(page, 'Modifier mon compte');
  await page.locator('#usage_name').fill('Durand');
  const details = page.getByRole('region', { name: 'Modifier mes informations' });
  await details.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(details.getByRole('status')).toHaveText('Vos informations ont été enregistrées.');
  // Saved on the server: leaving the page and coming back loads it again from there.
  await menu.getByRole('link', { name: 'Accueil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await menu.getByRole('link', { name: 'Modifier mon compte' }).click();
  await expect(page.locator('#usage_name')).toHaveValue('Durand');

  // A wrong current password is refused beside its field.
  const password = page.getByRole('region', { name: 'Mot de passe' });
  await page.locator('#current_password').fill('Pas.Le.Bon1');
  await page.locator('#password').fill('Nouveau.Chemin9');
  await page.locator('#password_confirm').fill('Nouveau.Chemin9');
  await password.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.locator('#current_password-erreur')).toHaveText('Le mot de passe actuel est incorrect.');
  await expectAccessible(page, 'Modifier mon compte with an error');

  // Sign out: the visitor's menu again, and the account's pages send to "Se connecter".
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await page.goto('/modifier-mon-compte');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmodifier-mon-compte$/);
  // Signing in there brings the candidate back to the page they asked for.
  await waitForHydration(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/modifier-mon-compte$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Modifier mon compte' })).toBeVisible();
});

test('a forgotten password is reset from the mailed link', async ({ page }) => {
  const email = uniqueEmail('oubli');
  // An account created and activated through the pages.
  await page.goto('/creer-un-compte');
  await waitForHydration(page);
  await fillIdentity(page);
  await page.locator('#birth_commune').fill('Beuvry');
  await page.locator('#email').fill(email);
  await page.locator('#email_confirm').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password_confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('dialog', { name: 'MERCI !' })).toBeVisible();
  await activate(page, (await mailsTo(email))[0]);

  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Mot de passe oublié, réinitialisation du mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié, réinitialisation du mot de passe');
  await expectAccessible(page, 'Mot de passe oublié');
  await page.locator('#email').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status')).toContainText('un mail contenant un lien de réinitialisation');

  const mails = await mailsTo(email, 2);
  await page.goto(linkIn(mails[1], '/reinitialiser-mot-de-passe'));
  await waitForHydration(page);
  await expectAccessible(page, 'Choisir un nouveau mot de passe');
  await page.locator('#password').fill('Nouveau.Chemin9');
  await page.locator('#password_confirm').fill('Nouveau.Chemin8');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#password_confirm-erreur')).toHaveText('La confirmation ne correspond pas au mot de passe.');
  await page.locator('#password_confirm').fill('Nouveau.Chemin9');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/mot-de-passe=modifie/);
  await signIn(page, email, 'Nouveau.Chemin9');
  await expect(page).toHaveURL(/\/espace-candidat$/);
});
