import { connect } from '@jingmai/sdk';
import { renderHello } from './hello.js';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => renderHello(app, root))
  .catch((error: Error) => {
    root.textContent = `Could not connect: ${error.message}`;
  });
