// How this project launches Debian's Chromium (Playwright cannot download its own browsers here):
// the browser tests and the bridge benchmark share these options.
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Background networking and component updates only reach for hosts this machine cannot reach.
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
};
