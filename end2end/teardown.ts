import { rmSync } from 'node:fs';

// The run's data folder (its SQLite database and mails written as files) goes with the run.
export default function teardown() {
  const dir = process.env.CYCLADES_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
