// Every `jingmai` command, in the order `jingmai --help` lists them.
import { buildCommand } from './build.js';
import type { Command } from './command.js';
import { createCommand } from './create.js';
import { devCommand } from './dev.js';
import { packCommand } from './pack.js';
import { validateCommand } from './validate.js';

// `dev` last: help and error messages keep listing the older commands in their first order.
export const COMMANDS: readonly Command[] = [
  createCommand,
  buildCommand,
  validateCommand,
  packCommand,
  devCommand,
];
