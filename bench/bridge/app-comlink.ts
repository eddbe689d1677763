// The comlink app page.
import { runApp } from './driver.js';
import { connect } from './guest-comlink.js';

runApp(connect);
