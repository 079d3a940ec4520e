import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The server under test: the binary `./cyclades test` copies to target/cyclades-server-dev
// (the one its integration tests built; `./cyclades build --dev` makes it too), on its own
// port, with a fresh SQLite database and the demo catalog.
const root = resolve(__dirname, '..');
const port = Number(process.env.CYCLADES_E2E_PORT ?? 3100);
// Made once by the main process (the workers, which load this file too, inherit it) and
// removed by the global teardown.
const dataDir = process.env.CYCLADES_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cyclades-e2e-'));
process.env.CYCLADES_E2E_DATA_DIR = dataDir;
const serverBin = process.env.CYCLADES_SERVER_BIN ?? join(root, 'target/cyclades-server-dev');
// The SMTP sink the portal delivers to; tests read the mails it writes (helpers.ts).
const smtpPort = Number(process.env.CYCLADES_E2E_SMTP_PORT ?? port + 25);
export const mailDir = join(tmpdir(), `cyclades-e2e-mail-${port}`);
process.env.CYCLADES_E2E_MAIL_DIR = mailDir;

export default defineConfig({
  testDir: './tests',
  globalTeardown: './teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    // Not Paris: every time on the page must come from the server, whatever the browser's zone.
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node smtp-sink.mjs',
      cwd: __dirname,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { CYCLADES_E2E_SMTP_PORT: String(smtpPort), CYCLADES_E2E_MAIL_DIR: mailDir },
    },
    {
    command: serverBin,
    cwd: root,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      CYCLADES_CONFIG: join(root, 'Leptos.toml'),
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.CYCLADES_SITE_ROOT ?? join(root, 'target/site'),
      DATABASE_URL: `sqlite://${dataDir}/cyclades.db?mode=rwc`,
      CYCLADES_DATA_DIR: dataDir,
      CYCLADES_DEMO_CATALOG: 'true',
      CYCLADES_MODE: 'development',
      CYCLADES_PUBLIC_URL: `http://127.0.0.1:${port}`,
      CYCLADES_SMTP_HOST: '127.0.0.1',
      CYCLADES_SMTP_PORT: String(smtpPort),
      CYCLADES_SMTP_TLS: 'none',
      CYCLADES_PUBLISHER: "Rectorat de l'académie de Versailles (essais de bout en bout)",
      CYCLADES_PUBLICATION_DIRECTOR: "Le recteur de l'académie",
      CYCLADES_HOSTING: 'Hébergeur des essais',
      // The tests' clamd (./cyclades test passes it): deposited files are scanned for real.
      CYCLADES_CLAMD: process.env.CYCLADES_E2E_CLAMD ?? '',
      RUST_LOG: 'warn',
    },
    },
  ],
});
