import path from 'node:path';

/** Every environment variable motcua reads, with its default. Documented in README.md. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  filesDir: string;
  maxUploadBytes: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  protectedDataKey: string;
  tenantId: string;
  /** Public address of the portal, printed in QR codes for tracking. */
  publicUrl: string;
  logLevel: string;
  jobs: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.MOTCUA_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    filesDir: path.resolve(env.MOTCUA_FILES_DIR ?? path.join(dataDir, 'files')),
    maxUploadBytes: Number(env.MOTCUA_MAX_UPLOAD_MB ?? 20) * 1024 * 1024,
    sessionTtlHours: Number(env.MOTCUA_SESSION_TTL_HOURS ?? 12),
    cookieSecure: env.MOTCUA_COOKIE_SECURE === '1',
    // Key for the encrypted store of protected identities (denouncers). A development key is used
    // when none is configured; production deployments must set MOTCUA_PROTECTED_DATA_KEY.
    protectedDataKey: env.MOTCUA_PROTECTED_DATA_KEY ?? 'motcua-development-key-change-me',
    tenantId: env.MOTCUA_TENANT ?? 'H55',
    publicUrl: env.MOTCUA_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    jobs: env.MOTCUA_JOBS !== '0',
  };
}
