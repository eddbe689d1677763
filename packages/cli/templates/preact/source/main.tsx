import { connect } from '@jingmai/sdk';
import { render } from 'preact';
import { App } from './App.js';
import './style.css';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => render(<App app={app} />, root))
  .catch((error: Error) => {
    root.textContent = `Could not connect to the console: ${error.message}`;
  });
