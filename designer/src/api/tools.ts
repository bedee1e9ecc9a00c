import type { Diagnostic } from '@sunlight/definition'
import { http } from './http'

export const validateOnServer = (definition: Record<string, unknown>) =>
  http.post<{ valid: boolean; diagnostics: Diagnostic[] }>('/api/definitions/validate', definition)
