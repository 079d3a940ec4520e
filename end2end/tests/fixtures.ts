import { expect, test as base } from '@playwright/test';

// Every test fails on an error the page itself throws: a WASM panic, a lazy route's chunk
// that does not load, a hydration mismatch. The page can still look right after one (the
// server rendered it), so the journeys alone would not notice.
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /panicked|wasm|hydrat/i.test(m.text())) errors.push(m.text());
      });
      await use();
      expect(errors, 'errors thrown by the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
