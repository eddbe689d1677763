// `@jingmai/cli`: the `jingmai` command, and the same steps as functions for scripts and tools.
export { type BuildAppOptions, type BuildAppResult, buildApp } from './build/build-app.js';
export { findForbiddenCode } from './checks/forbidden-code.js';
export { CliError, UsageError } from './cli/errors.js';
export type { CliIo } from './cli/io.js';
export { lineProgress, type Progress, silentProgress } from './cli/progress.js';
export type { Command, CommandArgs, OptionSpec } from './commands/command.js';
export { COMMANDS } from './commands/index.js';
export { type CreateAppOptions, type CreateAppResult, createApp } from './create/create-app.js';
export { KIT_VERSION } from './kit/package-info.js';
export { main } from './main.js';
export { INTEGRITY_FILE } from './pack/integrity.js';
export { APP_FOLDER, type PackAppOptions, type PackAppResult, packApp } from './pack/pack-app.js';
export type { Finding, Severity } from './validate/finding.js';
export { formatReport } from './validate/format.js';
export {
  type BundleReport,
  type ValidateAppOptions,
  type ValidationReport,
  validateApp,
} from './validate/validate-app.js';
