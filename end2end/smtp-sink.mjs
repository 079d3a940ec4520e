// A real SMTP server on loopback for the end-to-end tests: every message the portal sends
// is parsed and written as JSON ({ to, subject, text, html }) into the mail folder, where
// the tests read the activation and reset links. Started by Playwright (webServer).
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const port = Number(process.env.CYCLADES_E2E_SMTP_PORT ?? 3125);
const dir = process.env.CYCLADES_E2E_MAIL_DIR;
if (!dir) throw new Error('CYCLADES_E2E_MAIL_DIR is not set');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        count += 1;
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const file = join(dir, `${Date.now()}-${String(count).padStart(4, '0')}.json`);
        writeFileSync(file, JSON.stringify({ to, subject: mail.subject, text: mail.text, html: mail.html }));
        callback();
      })
      .catch(callback);
  },
});
server.listen(port, '127.0.0.1', () => console.log(`SMTP sink on 127.0.0.1:${port}, mail in ${dir}`));
