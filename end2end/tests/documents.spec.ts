import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseCinemaInVersailles, currentTab, expectAccessible, register, signedInCandidate, uniqueEmail, waitForHydration } from './helpers';

// The guide's chapter 8 (D1-D4): the registration publishes its récapitulatif; Mes
// documents shows the cards, then the documents of one; a modification publishes
// Version n°2; anyone checks a document with the code printed on it.

/** The text of the PDF behind `href`, fetched with the page's session, via pdftotext. */
async function pdfText(page: Page, href: string): Promise<string> {
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'cyclades-e2e-pdf-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, await response.body());
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Mes documents: the récapitulatif, its version n°2 after a modification, and its verification', async ({ page }) => {
  const email = uniqueEmail('documents');
  await signedInCandidate(page, email);
  // The wizard of the guide's offer; the candidature is saved as its Enregistrer does.
  await chooseCinemaInVersailles(page);
  const offer = new URL(page.url()).searchParams.get('offre');
  expect(offer).toBeTruthy();
  await register(page, offer!);

  // Mes documents: the candidate, then the card of the candidature.
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  await menu.getByRole('link', { name: 'Mes documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes documents' })).toBeVisible();
  await expect(page.locator('.candidate-line')).toContainText(/N° candidat : \d{10} TALU Jean Né\(e\) le 01\/01\/2001/);
  const card = page.locator('.card').filter({ hasText: 'ARTS CINEMA et AUDIOVISUEL' });
  await expect(card).toContainText(/Autres Certifications/i);
  await expect(card).toContainText('ACADÉMIE DE VERSAILLES');
  await expect(card).toContainText('N° : 001');
  await expectAccessible(page, 'Mes documents');
  await card.getByRole('link').click();

  // The list of the candidature's documents: the récapitulatif, version n°1.
  await expect(page.getByRole('heading', { level: 2, name: /Liste des documents publiés pour la candidature n° \d{10} - 001/ })).toBeVisible();
  const first = page.getByRole('link', { name: /^Récapitulatif d'inscription : Version n°1 mis à jour le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/ });
  await expect(first).toBeVisible();
  await expect(page.getByText('Cliquer sur le lien pour ouvrir/télécharger le document.')).toBeVisible();
  await expectAccessible(page, 'the documents of a candidature');
  // Opened in a new tab, the PDF itself.
  const [opened] = await Promise.all([page.waitForEvent('popup'), first.click()]);
  const href = (await first.getAttribute('href'))!;
  await expect.poll(() => new URL(opened.url()).pathname).toBe(href);
  // Left open (the test's end closes it): closing the PDF's tab while Chromium's viewer
  // loads races Playwright's own bookkeeping, and the next request's answer was disposed.
  const text = await pdfText(page, href);
  expect(text).toContain("Récapitulatif d'inscription");
  expect(text).toContain('TALU Jean');
  expect(text).toContain('Version n°1');
  const download = page.getByRole('link', { name: /^Télécharger \(PDF\) : Récapitulatif d'inscription/ });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^recapitulatif-inscription-\d{10}-001-v1\.pdf$/);

  // Modify: Mes inscriptions -> the candidature -> Modifier -> Enregistrer: Version n°2.
  await menu.getByRole('link', { name: 'Mes inscriptions' }).click();
  await page.getByRole('link', { name: /ARTS CINEMA et AUDIOVISUEL/ }).click();
  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await waitForHydration(page);
  await currentTab(page, '1 - Identification');
  await page.locator('#phone').fill('06 12 34 56 78');
  for (const name of ['2 - Qualification présentée', '3 - Situation actuelle', '4 - Epreuves', '5 - Récapitulatif']) {
    await page.getByRole('button', { name: 'Suivant' }).click();
    await currentTab(page, name);
  }
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await currentTab(page, '6 - N° inscription');
  const numero = page.getByRole('tabpanel');
  const second = numero.getByRole('link', { name: /^Récapitulatif d'inscription : Version n°2 mis à jour le/ });
  await expect(second).toBeVisible();
  // Visualiser/imprimer now opens the PDF of the version just saved.
  const view = page.getByRole('link', { name: 'Visualiser/imprimer' });
  await expect(view).toHaveAttribute('href', (await second.getAttribute('href'))!);
  await expectAccessible(page, 'tab 6 with its documents');
  const updated = await pdfText(page, (await view.getAttribute('href'))!);
  expect(updated).toContain('Version n°2');
  expect(updated).toContain('0612345678');

  await menu.getByRole('link', { name: 'Mes documents' }).click();
  await page.locator('.card').filter({ hasText: 'ARTS CINEMA et AUDIOVISUEL' }).getByRole('link').click();
  await expect(page.getByRole('link', { name: /^Récapitulatif d'inscription : Version n°2 mis à jour le/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Récapitulatif d'inscription : Version n°1/ })).toHaveCount(0);

  // Anyone checks the first version with the code printed on it: authentic, superseded.
  const code = text.match(/\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/)?.[1];
  expect(code, text).toBeTruthy();
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByRole('link', { name: 'Vérifier un document' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifier un document' })).toBeVisible();
  await expectAccessible(page, 'Vérifier un document');
  await page.getByLabel('Code de vérification').fill('ABC');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.locator('#code-erreur')).toContainText('16 lettres ou chiffres');
  await expectAccessible(page, 'Vérifier un document with a malformed code');
  await page.getByLabel('Code de vérification').fill(code!.toLowerCase());
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const result = page.locator('.verify-result');
  await expect(result).toContainText("Récapitulatif d'inscription");
  await expect(result).toContainText('une version plus récente a été publiée');
  await expect(result).toContainText('Version n°1 publiée le');
  await expect(result).not.toContainText('Rue de la pluie');
  await expectAccessible(page, 'a verified document');
});
