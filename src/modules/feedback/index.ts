import type { FastifyPluginAsync } from 'fastify';
import { itemRoutes } from './routes-items.js';
import { publicRoutes } from './routes-public.js';
import { adminRoutes } from './routes-admin.js';
import { registerCalendarListener } from './calendar-listener.js';

/**
 * Citizen feedback (PAKN): `/feedback` (submission, handling, actions), `/feedback-categories`
 * (categories and routing), `/public/feedback` (published answers, map, votes, tracking),
 * `/reports/feedback`, and `/open311-clients` (API keys for the Open311 plugin).
 */
const feedback: FastifyPluginAsync = async (app) => {
  registerCalendarListener();
  await itemRoutes(app);
  await publicRoutes(app);
  await adminRoutes(app);
};

export default feedback;
