// Makes sure the browser tests can run: Debian's Chromium headless shell (playwright cannot
// download its own browsers here) and a CJK font (without one, Chinese renders as boxes and the
// screenshots are useless). Installs both with apt when running as root, else says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium-headless-shell';
// The emoji font only makes amenity icons legible in screenshots; tests do not depend on it.
const PACKAGES = ['chromium-headless-shell', 'fonts-wqy-zenhei', 'fonts-noto-color-emoji'];

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

const ready = () => existsSync(CHROMIUM) && hasCjkFont();

if (!ready()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `Browser tests need ${CHROMIUM} and a Chinese font: install them with \`sudo apt-get install -y ${PACKAGES.join(' ')}\`.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${PACKAGES.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['-qq', 'update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['-qq', 'install', '-y', '--no-install-recommends', ...PACKAGES], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (!ready()) {
    console.error(
      `apt-get finished but ${CHROMIUM} or a Chinese font is still missing: install ${PACKAGES.join(' ')} by hand.`,
    );
    process.exit(1);
  }
}
