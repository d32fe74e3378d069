import type { Config } from './config.js';
import type { Db } from './db/types.js';
import { generateYear } from './modules/calendar/service.js';
import { PROCEDURE_COMMANDS } from './modules/procedures/cli.js';
import { scanReminders } from './modules/letters/reminders.js';

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

export const CLI_COMMANDS: CliCommand[] = [
  {
    usage: 'calendar generate <year>',
    summary: 'pre-fill a year with the statutory holidays by rule (status proposed)',
    matches: (cmd, args) => cmd === 'calendar' && args[0] === 'generate',
    async run(db, config, args) {
      const year = Number(args[1]);
      if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new Error('usage: motcua calendar generate <year 1900–2199>');
      const r = await generateYear(db, { tenantId: config.tenantId, userId: null }, year);
      for (const d of r.created) console.log(`${d.date}  ${d.kind.padEnd(17)} ${d.name}`);
      console.log(`${r.created.length} special days added for ${year} (proposed); ${r.impact.length} open deadlines recomputed`);
      return 0;
    },
  },
  ...PROCEDURE_COMMANDS,
  {
    usage: 'letters remind',
    summary: 'record due-soon and overdue reminders of letters, visits and cases now (idempotent)',
    matches: (cmd, args) => cmd === 'letters' && args[0] === 'remind',
    async run(db, config) {
      const r = await scanReminders(db, config.tenantId, new Date());
      console.log(`${r.scanned} open items scanned; ${r.recorded} reminders recorded`);
      return 0;
    },
  },
];
