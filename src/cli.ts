import { loadConfig } from './config.js';
import { DataDirLockedError, openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { seedDemo } from './db/seed.js';
import type { Db } from './db/types.js';
import { serve } from './server.js';
import { createUser } from './modules/auth/users.js';
import { ROLES, type Role } from './core/access/roles.js';
import { CLI_COMMANDS } from './cli-commands.js';

const USAGE = `motcua <command>

  serve                         migrate, load demo data on first start, serve API and web (default)
  serve --no-seed               the same without demo data
  migrate                       apply database migrations
  seed --demo                   load the demo data
  users create <username> --password P --name "Full name" --role ROLE[@UNIT_CODE] [--role ...]
${CLI_COMMANDS.map((c) => `  ${c.usage.padEnd(30)}${c.summary}`).join('\n')}

Environment: DATABASE_URL (PostgreSQL; otherwise embedded PGlite in MOTCUA_DATA_DIR, default ./data),
PORT (3000), HOST, MOTCUA_FILES_DIR, MOTCUA_MAX_UPLOAD_MB, MOTCUA_PROTECTED_DATA_KEY, ... (README.md)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
function options(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd = 'serve', ...args] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
      await serve(config, { seed: !args.includes('--no-seed') });
      return -1; // keep running
    case 'migrate':
      await withDb(async (db) => console.log((await migrate(db)).join('\n') || 'up to date'));
      return 0;
    case 'seed':
      if (!args.includes('--demo')) throw new Error('usage: motcua seed --demo');
      await withDb((db) => seedDemo(db, { log: console.log }).then(() => console.log('demo data loaded')));
      return 0;
    case 'users': {
      if (args[0] !== 'create' || !args[1]) throw new Error(USAGE);
      const username = args[1];
      const password = option(args, '--password');
      const fullName = option(args, '--name') ?? username;
      if (!password || password.length < 8) throw new Error('--password of at least 8 characters is required');
      await withDb(async (db) => {
        const roles: { role: Role; unitId: string | null }[] = [];
        for (const spec of options(args, '--role')) {
          const [role, unitCode] = spec.split('@');
          if (!ROLES.includes(role as Role)) throw new Error(`unknown role ${role}; roles: ${ROLES.join(', ')}`);
          let unitId: string | null = null;
          if (unitCode) {
            const u = (await db.query('select id from units where tenant_id=$1 and code=$2', [config.tenantId, unitCode])).rows[0];
            if (!u) throw new Error(`unknown unit code ${unitCode}`);
            unitId = u.id;
          }
          roles.push({ role: role as Role, unitId });
        }
        if (!roles.length) throw new Error('at least one --role is required');
        const id = await db.tx((tx) => createUser(tx, config.tenantId, { username, password, fullName, kind: roles.some((r) => r.role === 'citizen') ? 'citizen' : 'staff', roles }));
        console.log(`created user ${username} (${id})`);
      });
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default: {
      const c = CLI_COMMANDS.find((x) => x.matches(cmd, args));
      if (!c) {
        console.error(USAGE);
        return 2;
      }
      return withDb((db) => c.run(db, config, args));
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof DataDirLockedError) console.error(`motcua: ${err.message}`);
    else console.error(`motcua: ${err?.message ?? err}`);
    process.exit(1);
  },
);
