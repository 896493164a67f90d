export { buildApp, type App, type AppDeps } from './app.ts';
export { loadConfig, ConfigError, ConfigSchema, type Config } from './config.ts';
export { startServer, type RunningServer } from './server.ts';
export { createTenantWithOwner, createUser, bootstrapFirstTenant } from './services/accounts.ts';
