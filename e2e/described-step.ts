import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until the views that describe the current step (Packet, Conntrack, narration, rules mark) show the
 * playback step the timeline is on. They follow it one render later (`useDescribedStep`, a deferred value),
 * so read at once after a click they can still show the step before: a loop that clicks Step until the
 * Packet region says something then clicks once too many. It did in CI: packet.spec's "delivered to
 * webpod" was read one step late, the loop went on through the SYN-ACK to the ACK (also "delivered to
 * webpod"), and the conntrack entry it then checked for SYN_SENT was already ESTABLISHED.
 */
export async function describedStepShown(page: Page): Promise<void> {
  const index = await page.getByLabel('Timeline', { exact: true }).inputValue();
  await expect(page.getByTestId('packet-panel')).toHaveAttribute('data-step', index);
}
