/**
 * One form route, three outputs: the form's data (`…/forms/:key`), the printed document the web
 * print page draws (`…/document`) and its PDF (`…/pdf`). The loader checks access and builds the
 * form data, so the three can never disagree on who may see what.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { placeOf, provinceAgency, type FormDocument } from '../../core/forms/document.js';
import { localDateOf } from '../../core/calendar/index.js';
import { letterFormDocument, type RenderedForm } from '../../core/letters/index.js';
import type { Queryable } from '../../db/types.js';
import { renderFormPdf } from '../forms/pdf.js';

export interface LoadedForm {
  form: RenderedForm;
  /** The issuing unit (its parent heads the agency block). */
  unitId: string;
  /** Stem of the PDF's file name, e.g. the letter's code. */
  fileStem: string;
}

export interface FormRouteSpec {
  path: string;
  tag: string;
  /** What the form is, e.g. 'a TT 05/2021 letter form (…)'. */
  what: string;
  params: TSchema;
  load: (request: FastifyRequest) => Promise<LoadedForm>;
}

export async function letterDocumentOf(db: Queryable, tenantId: string, loaded: LoadedForm, now = new Date()): Promise<FormDocument> {
  const row = (
    await db.query(
      `select p.name parent_name, t.name tenant_name from units u join tenants t on t.id = u.tenant_id left join units p on p.id = u.parent_id
        where u.tenant_id = $1 and u.id = $2`,
      [tenantId, loaded.unitId],
    )
  ).rows[0];
  const tenantName: string = row?.tenant_name ?? '';
  return letterFormDocument(loaded.form, {
    parentAgency: row?.parent_name ?? provinceAgency(tenantName),
    place: placeOf(tenantName),
    today: localDateOf(now),
  });
}

export function registerFormRoutes(app: FastifyInstance, spec: FormRouteSpec): void {
  const tags = [spec.tag];
  app.get(spec.path, { schema: { tags, summary: `Printable data of ${spec.what}; codes and titles from the record's rule set`, params: spec.params } }, async (request) => {
    return (await spec.load(request)).form;
  });
  app.get(
    `${spec.path}/document`,
    { schema: { tags, summary: `${spec.what} as a printed document (national heading, agency, number, wording, signatures): what the print page and the PDF draw`, params: spec.params } },
    async (request) => {
      const loaded = await spec.load(request);
      return { ...(await letterDocumentOf(app.db, app.config.tenantId, loaded)), evidence: loaded.form.evidence };
    },
  );
  app.get(
    `${spec.path}/pdf`,
    { schema: { tags, summary: `${spec.what} as an A4 PDF`, params: spec.params, produces: ['application/pdf'] } },
    async (request, reply) => {
      const loaded = await spec.load(request);
      const pdf = await renderFormPdf(await letterDocumentOf(app.db, app.config.tenantId, loaded));
      const name = `${loaded.fileStem.replace(/[^A-Za-z0-9.-]/g, '-')}-${loaded.form.key}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(pdf);
    },
  );
}
