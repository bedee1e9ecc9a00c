import type { Context, Next } from 'koa'

/**
 * Security headers on every response, with a strict CSP: no inline script, no eval
 * (`unsafe-eval` is never allowed: authored expressions run in the safe evaluator).
 */
export function securityHeaders() {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ')
  return async function securityHeaders(ctx: Context, next: Next) {
    // Set before the rest runs, so error responses carry them too.
    ctx.set('Content-Security-Policy', csp)
    ctx.set('X-Content-Type-Options', 'nosniff')
    ctx.set('X-Frame-Options', 'DENY')
    ctx.set('Referrer-Policy', 'no-referrer')
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin')
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    await next()
  }
}
