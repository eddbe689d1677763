// The ours app page.
import { runApp } from './driver.js';
import { connect } from './guest-ours.js';

runApp(connect);
