// Secrets the worker reads: the first administrator's credentials
// (`wrangler secret put` in production, `.dev.vars` locally).
declare global {
  namespace Cloudflare {
    interface Env {
      ADMIN_USERNAME?: string;
      ADMIN_PASSWORD?: string;
    }
  }
}

export {};
