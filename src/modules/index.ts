import type { FastifyPluginAsync } from 'fastify';
import auth from './auth/index.js';
import health from './health/index.js';
import units from './units/index.js';
import calendar from './calendar/index.js';

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
];
