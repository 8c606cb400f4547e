// Launching Debian's Chromium (never a downloaded browser), shared by the tests and bench.mjs.
import { chromium } from 'playwright-core';

/** Flags for headless Chromium on a machine without outside network, as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
