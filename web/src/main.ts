// Entry of the public map page.
import './styles.css';
import { App } from './app';
import { registerServiceWorker } from './pwa/register';

new App();
registerServiceWorker();
