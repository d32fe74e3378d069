export * from './dossier.js';
