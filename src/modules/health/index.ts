import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';

const health: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database kind',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]) }) },
      },
    },
    async () => {
      await app.db.query('select 1');
      return { status: 'ok' as const, database: app.db.kind };
    },
  );
};
export default health;
