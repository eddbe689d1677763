// Every `jingmai` command, in the order `jingmai --help` lists them.
import { buildCommand } from './build.js';
import type { Command } from './command.js';
import { createCommand } from './create.js';
import { packCommand } from './pack.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly Command[] = [createCommand, buildCommand, validateCommand, packCommand];
