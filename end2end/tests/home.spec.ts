import { expect, test } from './fixtures';
import { expectAccessible, waitForHydration } from './helpers';

test('Accueil shows the published messages and the menu', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page).toHaveTitle('Accueil - Cyclades');
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bienvenue sur le portail Cyclades' })).toBeVisible();
  await expect(page.getByText('Message expiré')).toHaveCount(0);
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  for (const entry of ['Accueil', 'Ouverture des services', 'Créer un compte', 'Se connecter']) {
    await expect(menu.getByRole('link', { name: entry })).toBeVisible();
  }
  await expect(menu.getByRole('link', { name: 'Accueil' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page, 'Accueil');
});

test('the keyboard reaches the skip link first, then the menu, with a visible focus', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#contenu')).toBeFocused();
});

test('the menu\'s account entries open the account forms', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Créez votre compte' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeVisible();
  await expectAccessible(page, 'Créer un compte');
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Veuillez vous identifier' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expectAccessible(page, 'Se connecter');
});

test('an unknown address shows the portal 404 page', async ({ page }) => {
  const response = await page.goto('/nulle-part');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  await expectAccessible(page, 'Page introuvable');
});

test('the footer leads to Accessibilité, Données personnelles and Mentions légales, with the services to write to', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const footer = page.getByRole('contentinfo');
  await footer.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
  await expect(page).toHaveTitle('Accessibilité - Cyclades');
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibilité' })).toBeVisible();
  await expect(page.getByText('conformité partielle')).toBeVisible();
  await expect(page.getByRole('link', { name: 'ce.dec@ac-versailles.fr' }).first()).toBeVisible();
  await expectAccessible(page, 'Accessibilité');
  await footer.getByRole('link', { name: 'Données personnelles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Données personnelles' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Session de connexion' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^supprimée 48 heures après la demande$/ })).toBeVisible();
  await expectAccessible(page, 'Données personnelles');
  await footer.getByRole('link', { name: 'Mentions légales' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mentions légales' })).toBeVisible();
  await expect(page.getByText("Rectorat de l'académie de Versailles (essais de bout en bout)")).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Hébergement' })).toBeVisible();
  await expectAccessible(page, 'Mentions légales');
});
