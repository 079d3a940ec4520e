import { expect, test } from './fixtures';
import {
  chooseCinemaInVersailles,
  enrolledStaff,
  expectAccessible,
  register,
  signedInCandidate,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// Mes justificatifs (guide §10, REQUIREMENTS J1-J5, S6), both sides of the counter: the
// candidate deposits a PDF (with a progress bar, then "Déposé le"), deletes it, deposits it
// again, is refused a 6 MB file with the French sentence, and confirms; a gestionnaire of
// Versailles marks the piece Non conforme "Pièce illisible"; the candidate sees it after
// "Rafraîchir", deposits again and confirms again; the gestionnaire marks it Conforme and
// the counter counts it. axe-core on every page and dialog.

/** A PDF of one blank page, about `size` bytes (a comment pads it), that a viewer opens. */
function pdf(size = 2000): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  out += '%' + ' '.repeat(Math.max(0, size - out.length - 250)) + '\n';
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a candidate deposits, deletes and confirms a piece; a gestionnaire finds it Non conforme then Conforme', async ({ page, browser }) => {
  const candidate = uniqueEmail('talu-pieces');
  await signedInCandidate(page, candidate);
  await chooseCinemaInVersailles(page);
  await register(page, new URL(page.url()).searchParams.get('offre')!);

  // Mes justificatifs: the guide's words, grouped by mode and deadline.
  await page.goto('/espace-candidat');
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes justificatifs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes justificatifs' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByText('Pièces justificatives conformes : 0 / 2')).toBeVisible();
  await expect(page.getByText(/^A déposer en ligne entre le .* 23:59 \(heure\/Paris\)$/)).toBeVisible();
  await expect(page.getByText(/^A envoyer par courrier au plus tard le/)).toBeVisible();
  await expect(page.getByText('Aucun fichier').first()).toBeVisible();
  await expectAccessible(page, 'Mes justificatifs');

  // "Ajouter": the dialog states the size and the formats; a 6 MB file is refused by the
  // browser before anything is sent.
  const piece = page.locator('.piece').filter({ hasText: 'Justificatif 1' });
  await piece.getByText('Ajouter', { exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Envoyer une pièce jointe' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ajouter un fichier pour');
  await expect(dialog).toContainText('La taille du fichier ne doit pas excéder 5 Mo et les formats recommandés sont PDF, PNG, JPG, DOC, DOCX, ZIP.');
  await expectAccessible(page, 'the deposit dialog');
  const input = dialog.getByLabel('Fichier');
  await input.setInputFiles({ name: 'trop-gros.pdf', mimeType: 'application/pdf', buffer: pdf(6 * 1024 * 1024) });
  await expect(dialog.getByRole('alert')).toContainText('Le fichier « trop-gros.pdf » dépasse 5 Mo');
  await expectAccessible(page, 'the deposit dialog with a refusal');

  // A PDF, sent slowly enough to see the progress bar.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 200 * 1024 });
  await input.setInputFiles({ name: 'confirmation.pdf', mimeType: 'application/pdf', buffer: pdf(400 * 1024) });
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  await expect(dialog.locator('progress')).toBeVisible();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(piece).toContainText(/Déposé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(heure\/Paris\)/);
  // Scanned by clamd, then opened by a link.
  await expect(piece.getByRole('link', { name: 'confirmation.pdf' })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'Mes justificatifs with a file');

  // Deleted, deposited again.
  await piece.getByRole('button', { name: 'Supprimer le fichier confirmation.pdf' }).click();
  await expect(piece.getByText('Aucun fichier')).toBeVisible();
  await piece.getByText('Ajouter', { exact: true }).click();
  await dialog.getByLabel('Fichier').setInputFiles({ name: 'confirmation-signee.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  await expect(piece.getByRole('link', { name: 'confirmation-signee.pdf' })).toBeVisible({ timeout: 20_000 });

  // "J'ai fourni toutes mes pièces": a dialog says nothing can change afterwards.
  await page.getByRole('button', { name: "J'ai fourni toutes mes pièces" }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirmer le dépôt de vos pièces' });
  await expect(confirm).toContainText('vous ne pourrez plus les modifier');
  await expectAccessible(page, 'the confirmation dialog');
  await confirm.getByRole('button', { name: "J'ai fourni toutes mes pièces" }).click();
  await expect(piece).toContainText(/Pièce validée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(piece.getByText('Ajouter', { exact: true })).toHaveCount(0);
  await expect(piece.getByRole('button', { name: /Supprimer/ })).toHaveCount(0);

  // The gestionnaire of Versailles: the queue, the piece beside the candidate's identity.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await enrolledStaff(staff, uniqueEmail('gestion-pieces'), 'gestionnaire', ['VERSAILLES']);
  await waitForHydration(staff);
  const menu = staff.getByRole('navigation', { name: "Menu de l'Espace gestionnaire" });
  await menu.getByRole('link', { name: 'Pièces justificatives' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Pièces justificatives' })).toBeVisible();
  await waitForHydration(staff);
  await staff.getByLabel('Validée par le candidat').selectOption('oui');
  await staff.getByRole('button', { name: 'Filtrer' }).click();
  await expect(staff).toHaveURL(/confirmee=oui/);
  const row = staff.getByRole('row').filter({ hasText: 'TALU Jean' }).filter({ hasText: 'Justificatif 1' });
  await expect(row).toBeVisible();
  await expectAccessible(staff, 'the queue of pieces');
  await row.getByRole('link', { name: 'Justificatif 1' }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('TALU Jean - Justificatif 1');
  await expect(staff.locator('iframe.control__preview')).toBeVisible();
  await expect(staff.getByText('confirmation-signee.pdf', { exact: true })).toBeVisible();
  await expectAccessible(staff, 'a piece opened by the gestionnaire');
  await staff.locator('#piece-statut').selectOption('non_conforme');
  await staff.locator('#piece-commentaire').fill('Pièce illisible');
  // The suggestions of ready-made comments close before the button is pressed.
  await staff.locator('#piece-commentaire').press('Escape');
  // Scrolled first: headless Chromium's click, scrolling past the PDF's frame, missed it.
  await staff.getByRole('button', { name: 'Enregistrer', exact: true }).scrollIntoViewIfNeeded();
  await staff.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(staff.locator('.facts')).toContainText('Non conforme');
  await expect(staff.locator('.history')).toContainText('Information du gestionnaire : Pièce illisible');

  // The candidate: "Rafraîchir" shows the status and the comment; deposit again, confirm again.
  await page.getByRole('link', { name: 'Rafraîchir' }).click();
  await expect(piece).toContainText('Statut : Non conforme');
  await expect(piece).toContainText('Information du gestionnaire : Pièce illisible');
  await expectAccessible(page, 'Mes justificatifs with a Non conforme piece');
  await piece.getByText('Ajouter', { exact: true }).click();
  await dialog.getByLabel('Fichier').setInputFiles({ name: 'confirmation-lisible.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  await expect(piece.getByRole('link', { name: 'confirmation-lisible.pdf' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: "J'ai fourni toutes mes pièces" }).click();
  await confirm.getByRole('button', { name: "J'ai fourni toutes mes pièces" }).click();
  await expect(piece).toContainText(/Pièce validée le/);

  // Conforme: the counter counts it.
  await staff.reload();
  await waitForHydration(staff);
  await staff.locator('#piece-statut').selectOption('conforme');
  await staff.getByRole('button', { name: 'Enregistrer', exact: true }).scrollIntoViewIfNeeded();
  await staff.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(staff.locator('.facts')).toContainText('Conforme');
  await page.getByRole('link', { name: 'Rafraîchir' }).click();
  await expect(piece).toContainText('Statut : Conforme');
  await expect(page.getByText('Pièces justificatives conformes : 1 / 2')).toBeVisible();
  await expect(piece.locator('.piece__history')).toContainText('Fichier « confirmation.pdf » supprimé');
  await staffContext.close();
});
