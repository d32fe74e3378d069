import type { Config } from './config.js';
import type { Db } from './db/types.js';

/**
 * Capability commands of the `motcua` CLI (e.g. `calendar generate 2027`,
 * `import procedures file.json`, `export procedures`). Each capability adds its own here.
 */
export interface CliCommand {
  usage: string;
  summary: string;
  matches(cmd: string, args: string[]): boolean;
  run(db: Db, config: Config, args: string[]): Promise<number>;
}

export const CLI_COMMANDS: CliCommand[] = [];
