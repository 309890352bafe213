import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { loggerOptions } from './plugins/logger.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerSessions } from './plugins/session.js';
import { CORE_ROUTES } from './core/routes.js';
import { registerShellAbilities } from './core/shell.js';
import { MODULES } from './modules/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app; LIANXIN_WEB_DIST points elsewhere (parallel builds during development). */
export const WEB_DIST = process.env.LIANXIN_WEB_DIST
  ? path.resolve(process.env.LIANXIN_WEB_DIST)
  : path.resolve(here, '../../dist/web');

export interface AppDeps {
  config: Config;
  database: Database;
  /** false in tests that need silence; pino options otherwise. */
  logger?: boolean | object;
  /** Serve the built web app from dist/web (off in route tests). */
  serveWeb?: boolean;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** `METHOD /api/path` of every API route, for the authorization matrix test. */
    lianxinRoutes: string[];
  }
}

let modulesRegistered = false;
/** Each module's one-time registrations (menu abilities, notification kinds, policies). */
function registerModules() {
  if (modulesRegistered) return;
  modulesRegistered = true;
  for (const m of MODULES) {
    if (m.shellAbilities) registerShellAbilities(m.shellAbilities);
    m.register?.();
  }
}

export async function buildApp(deps: AppDeps) {
  registerModules();
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(deps.config.logLevel),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  }).withTypeProvider<ZodTypeProvider>();

  // Graceful shutdown: a request in flight when the server starts closing still gets its answer,
  // sent with `Connection: close`, so its keep-alive socket does not hold the close open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  const routes: string[] = [];
  app.decorate('lianxinRoutes', routes);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) {
      if (m === 'HEAD' || !r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) continue;
      routes.push(`${m} ${r.url}`);
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS); scripts stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.secureCookies,
  });
  await app.register(rateLimit, {
    global: true,
    max: 600,
    timeWindow: '1 minute',
    // After the session is known: keyed by account when signed in, so a whole hospital behind
    // one NAT is not one bucket, and by address otherwise (a made-up cookie buys nothing).
    hook: 'preHandler',
    keyGenerator: (req) => (req.actor ? `account:${req.actor.accountId}` : `ip:${req.ip}`),
  });
  await app.register(multipart, {
    limits: { fileSize: deps.config.importMaxBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '连心 Lianxin API',
        version: '0.1.0',
        description: 'Errors answer `{ error: { code, message, details? } }` with a stable code.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const spa = deps.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (spa) await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
  registerErrorHandling(app, { spa });
  registerSessions(app, deps.database, deps.config);

  for (const routes of CORE_ROUTES) await app.register(routes, { prefix: '/api' });
  for (const m of MODULES) await app.register(m.routes, { prefix: '/api' });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  return app;
}
