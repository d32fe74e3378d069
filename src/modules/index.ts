import type { FastifyPluginAsync } from 'fastify';
import auth from './auth/index.js';
import health from './health/index.js';
import units from './units/index.js';
import calendar from './calendar/index.js';
import dossiers from './dossiers/index.js';
import files from './files/index.js';
import feedback from './feedback/index.js';
import open311 from './open311/index.js';
import letters from './letters/index.js';
import procedures from './procedures/index.js';
import reports from './reports/index.js';

/**
 * Every capability is a Fastify plugin registered here under its prefix. A capability talks to
 * another through its service functions, never through the other's tables.
 */
export interface ModuleEntry {
  name: string;
  prefix: string;
  plugin: FastifyPluginAsync<any>;
}

export const MODULES: ModuleEntry[] = [
  { name: 'health', prefix: '/api/v1', plugin: health },
  { name: 'auth', prefix: '/api/v1', plugin: auth },
  { name: 'units', prefix: '/api/v1', plugin: units },
  { name: 'calendar', prefix: '/api/v1', plugin: calendar },
  { name: 'dossiers', prefix: '/api/v1', plugin: dossiers },
  { name: 'files', prefix: '/api/v1', plugin: files },
  { name: 'feedback', prefix: '/api/v1', plugin: feedback },
  { name: 'open311', prefix: '/open311/v2', plugin: open311 },
  { name: 'letters', prefix: '/api/v1', plugin: letters },
  { name: 'procedures', prefix: '/api/v1', plugin: procedures },
  { name: 'reports', prefix: '/api/v1', plugin: reports },
];
