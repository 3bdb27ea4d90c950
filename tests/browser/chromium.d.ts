export declare const CHROMIUM: {
  readonly executablePath: '/usr/bin/chromium';
  readonly args: readonly [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
};
