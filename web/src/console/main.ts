// Entry of the street-office console (/console/).
import './console.css';
import { startConsole } from './shell';

startConsole(document.querySelector<HTMLElement>('#console')!);
