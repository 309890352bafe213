import type { FastifyRequest } from 'fastify';

/**
 * Structured logs without personal data: no IP addresses, no cookies, no bodies, no query
 * strings (a search can contain a name). Anonymous channels rely on this.
 */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: ['req.headers', 'password', '*.password', 'newPassword', 'currentPassword', 'token'],
      remove: true,
    },
    serializers: {
      req(req: FastifyRequest) {
        return { id: req.id, method: req.method, url: req.url.split('?')[0] };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}
