import bcrypt from 'bcryptjs'

/** bcrypt (OWASP ASVS 2.4); cost 10 by default, lower only in tests. */
export async function hashPassword(password: string, cost = 10): Promise<string> {
  return bcrypt.hash(password, cost)
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash)
}

/** At least 10 characters mixing letters and digits (等保 三级 password complexity). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'at least 10 characters'
  if (password.length > 128) return 'at most 128 characters'
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'letters and digits both'
  return undefined
}
