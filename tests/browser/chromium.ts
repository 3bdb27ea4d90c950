// How linli's tests and benchmarks start Debian's Chromium (playwright cannot download its
// own here): no sandbox as root, no GPU, no QUIC (the slowed proxy speaks TCP), and none of
// the browser's own traffic (updates, sync, first-run pages) mixed into what is measured.
export const CHROMIUM: { executablePath: string; args: string[] } = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
