import { Schema } from '@formily/json-schema'
import { createSchemaField } from '@formily/vue'
import { registerSafeFormilyCompiler } from '@sunlight/expression'
import { formComponents } from './components'
import { installFormValidators } from './validators'

// Formily's default compiler runs `{{ }}` with new Function; published schemas must never run
// script in an applicant's browser, so every app that renders a form goes through this module.
registerSafeFormilyCompiler(Schema)
// Formily's `pattern` rule would run authored regular expressions with backtracking; the server's
// linear-time checks replace it (and its formats), in every app, before any form renders.
installFormValidators()

export const { SchemaField } = createSchemaField({ components: formComponents })
