// `@jingmai/sandbox`: start the sandbox from code (`jingmai dev` does) and talk about it in a terminal.

export { appFoldersUnder } from './apps.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';
export { describeSandbox, untilStopped } from './terminal.js';
