// The worker's bindings and per-request variables, as Hono sees them.
export type AppEnv = { Bindings: Env };
