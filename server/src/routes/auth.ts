import { z } from 'zod'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { SESSION_COOKIE } from '../middleware/session'
import { defineRoute, type RouteSpec } from '../route-table'
import { changePassword, login, logout } from '../services/identity'

const signedIn = ['designer', 'reviewer', 'staff', 'supervisor', 'admin', 'applicant'] as const

export function authRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in; sets an httpOnly SameSite=Strict session cookie and returns the CSRF token',
      tag: 'auth',
      access: 'public',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }).strict(),
      async handler({ body, koa }) {
        const { token, csrf, user } = await login(deps, body.username, body.password, koa.ip)
        koa.cookies.set(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.config.secureCookies,
          maxAge: deps.config.sessionAbsoluteMs,
          path: '/',
        })
        return { user, csrfToken: csrf }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out',
      tag: 'auth',
      access: signedIn,
      beforePasswordChange: true,
      async handler({ principal, koa }) {
        if (principal.kind === 'user') await logout(deps, principal.sessionId)
        koa.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', maxAge: 0, path: '/' })
        return { ok: true }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in user and the CSRF token for state-changing requests',
      tag: 'auth',
      access: signedIn,
      beforePasswordChange: true,
      handler({ principal }) {
        if (principal.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'sign in first')
        return { user: principal.user, csrfToken: principal.csrf }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      summary: 'Change the password (required after first sign-in outside demo mode); ends every session',
      tag: 'auth',
      access: signedIn,
      beforePasswordChange: true,
      body: z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }).strict(),
      async handler({ body, user, koa }) {
        await changePassword(deps, user, body.currentPassword, body.newPassword, koa.ip)
        koa.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', maxAge: 0, path: '/' })
        return { ok: true }
      },
    }),
  ]
}
