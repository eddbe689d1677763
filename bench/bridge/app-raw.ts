// The raw app page.
import { runApp } from './driver.js';
import { connect } from './guest-raw.js';

runApp(connect);
