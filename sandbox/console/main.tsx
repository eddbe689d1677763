// The sandbox console page: loads its configuration and renders the workbench.
import { render } from 'preact';
// The console uses the same component kit as the apps, in the same look.
import '@jingmai/ui/style.css';
import './styles.css';
import { loadConfig } from './config';
import { Workbench } from './workbench';

const root = document.getElementById('root') as HTMLElement;
loadConfig()
  .then((config) => render(<Workbench config={config} />, root))
  .catch((error: Error) => {
    root.textContent = `The sandbox console failed to start: ${error.message}`;
  });
