import { Schema } from '@formily/json-schema'
import { createSchemaField } from '@formily/vue'
import { registerSafeFormilyCompiler } from '@sunlight/expression'
import { formComponents } from './components'

// Formily's default compiler runs `{{ }}` with new Function; published schemas must never run
// script in an applicant's browser, so every app that renders a form goes through this module.
registerSafeFormilyCompiler(Schema)

export const { SchemaField } = createSchemaField({ components: formComponents })
