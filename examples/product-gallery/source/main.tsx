import '@jingmai/ui/style.css';
import './gallery.css';
import { connect } from '@jingmai/sdk';
import { render } from 'preact';
import { GalleryApp } from './gallery-app.js';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => render(<GalleryApp app={app} />, root))
  .catch((error: Error) => {
    root.textContent = `无法连接京麦控制台 Could not connect to the console: ${error.message}`;
  });
