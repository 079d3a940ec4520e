import { expect, test as base, type Page } from '@playwright/test';

// Every test fails on an error the page itself throws: a WASM panic, a lazy route's chunk
// that does not load, a hydration mismatch, anything the Content Security Policy blocks. The page can still look right after one (the
// server rendered it), so the journeys alone would not notice.
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ context, page }, use) => {
      const errors: string[] = [];
      const watch = (p: Page) => {
        p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.name}: ${e.message}`));
        p.on('console', (m) => {
          if (m.type() === 'error' && /panicked|wasm|hydrat|Content Security Policy|Refused to/i.test(m.text())) {
            errors.push(`${p.url()}: ${m.text()}`);
          }
        });
        // Whatever the Content Security Policy blocks (an inline script without the nonce,
        // a style attribute, a framed page) is reported by the page itself too.
        void p.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
          });
        });
      };
      // The test's page, and any page it opens (a new tab, a second window).
      watch(page);
      context.on('page', watch);
      await use();
      expect(errors, 'errors thrown by the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
