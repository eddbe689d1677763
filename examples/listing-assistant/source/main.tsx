import '@jingmai/ui/style.css';
import './assistant.css';
import { connect } from '@jingmai/sdk';
import { render } from 'preact';
import { AssistantApp } from './assistant-app.js';

const root = document.getElementById('root') as HTMLElement;
connect()
  .then((app) => render(<AssistantApp app={app} />, root))
  .catch((error: Error) => {
    root.textContent = `无法连接京麦控制台 Could not connect to the console: ${error.message}`;
  });
