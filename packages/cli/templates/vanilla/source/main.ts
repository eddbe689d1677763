import { connect } from '@jingmai/sdk';
import { renderApp } from './app.js';
import './style.css';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => renderApp(app, root))
  .catch((error: Error) => {
    root.textContent = `Could not connect to the console: ${error.message}`;
  });
