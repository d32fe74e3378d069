/** `motcua import procedures <file.json> [--dry-run]` and `motcua export procedures [--out file] [--status S]`. */
import fs from 'node:fs';
import type { CliCommand } from '../../cli-commands.js';
import { CatalogueError, auditRefusedImport, exportCatalogue, importCatalogue } from './service.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const PROCEDURE_COMMANDS: CliCommand[] = [
  {
    usage: 'import procedures <file>',
    summary: 'import a procedure catalogue (JSON); refused whole, every error listed, if anything is wrong; --dry-run only checks',
    matches: (cmd, args) => cmd === 'import' && args[0] === 'procedures',
    async run(db, config, args) {
      const file = args[1];
      if (!file || file.startsWith('--')) throw new Error('usage: motcua import procedures <file.json> [--dry-run]');
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err: any) {
        console.error(`${file}: not a readable JSON file (${err?.message ?? err}) / tệp không phải JSON hợp lệ`);
        return 1;
      }
      const actor = { userId: null, via: 'cli' as const };
      try {
        const r = await importCatalogue(db, config.tenantId, json, actor, { dryRun: args.includes('--dry-run') });
        console.log(
          `${r.dryRun ? 'checked (dry run, nothing saved)' : 'imported'}: fields ${r.fields.created} created, ${r.fields.renamed} renamed; ` +
            `procedures ${r.procedures.created} created, ${r.procedures.updated} updated, ${r.procedures.unchanged} unchanged; ` +
            `variants ${r.variants.added} added, ${r.variants.closed} closed`,
        );
        for (const c of r.changes) {
          console.log(`  ${c.action.padEnd(8)} ${c.nationalCode}${c.changed.length ? `  changed: ${c.changed.join(', ')}` : ''}${c.variantsAdded.length ? `  new versions: ${c.variantsAdded.join(', ')}` : ''}`);
        }
        return 0;
      } catch (err) {
        if (!(err instanceof CatalogueError)) throw err;
        await auditRefusedImport(db, config.tenantId, actor, err.issues);
        console.error(`${file}: refused, nothing imported — ${err.issues.length} error(s) / bị từ chối, chưa nhập dữ liệu — ${err.issues.length} lỗi:`);
        for (const i of err.issues) console.error(`  ${i.path}: ${i.message}\n  ${' '.repeat(i.path.length)}  ${i.messageVi}`);
        return 1;
      }
    },
  },
  {
    usage: 'export procedures [--out F]',
    summary: 'write the procedure catalogue in the import format (stdout by default; --status S filters)',
    matches: (cmd, args) => cmd === 'export' && args[0] === 'procedures',
    async run(db, config, args) {
      const status = option(args, '--status');
      const out = option(args, '--out');
      const file = await exportCatalogue(db, config.tenantId, { statuses: status && status !== 'all' ? [status] : undefined });
      const text = JSON.stringify(file, null, 2) + '\n';
      if (out) {
        fs.writeFileSync(out, text);
        console.error(`${file.procedures.length} procedures written to ${out}`);
      } else process.stdout.write(text);
      return 0;
    },
  },
];
