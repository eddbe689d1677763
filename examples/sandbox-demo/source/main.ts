import { connect } from '@jingmai/sdk';
import { renderDemo } from './demo.js';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => renderDemo(app, root))
  .catch((error: Error) => {
    root.textContent = `Could not connect: ${error.message}`;
  });
