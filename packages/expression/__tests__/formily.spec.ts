import { createForm } from '@formily/core'
import type { Form } from '@formily/core'
import type { ISchema } from '@formily/json-schema'
import { Schema } from '@formily/json-schema'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ExpressionEvaluationError, registerSafeFormilyCompiler, safeFormilyCompiler } from '../src/index'
import { sentinel } from './helpers'

/** Creates one field per top-level schema property, the way SchemaField would (no renderer needed). */
function formFromSchema(json: ISchema): Form {
  const form = createForm()
  new Schema(json).mapProperties((schema, key) => {
    form.createField({ ...schema.toFieldProps(), name: String(key) })
  })
  return form
}

function fieldState(form: Form, name: string): { visible: boolean; title: unknown } {
  const field = form.query(name).take()
  if (!field) throw new Error(`no field ${name}`)
  return { visible: field.visible, title: field.title }
}

const dependentSchema: ISchema = {
  type: 'object',
  properties: {
    a: { type: 'string' },
    b: {
      type: 'string',
      'x-reactions': {
        dependencies: ['a'],
        fulfill: {
          state: {
            visible: "{{$deps[0] === 'yes'}}",
            title: "{{ 'a=' + $form.values.a + ', values.a=' + $values.a + ', self=' + $self.value }}",
          },
        },
      },
    },
  },
}

describe('expression/formily', () => {
  beforeAll(() => {
    registerSafeFormilyCompiler(Schema)
  })

  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned
  })

  it('toggles visibility of b when a changes ($deps)', () => {
    const form = formFromSchema(dependentSchema)
    expect(fieldState(form, 'b').visible).toBe(false)
    form.setValuesIn('a', 'yes')
    expect(fieldState(form, 'b').visible).toBe(true)
    form.setValuesIn('a', 'no')
    expect(fieldState(form, 'b').visible).toBe(false)
  })

  it('reads $form.values, $values and $self.value (getters on Formily classes)', () => {
    const form = formFromSchema(dependentSchema)
    // b must be visible first: Formily clears the value of a hidden field.
    form.setValuesIn('a', 'yes')
    form.setValuesIn('b', 'B')
    expect(fieldState(form, 'b').title).toBe('a=yes, values.a=yes, self=B')
  })

  it('evaluates {{ }} strings through Schema.compile and Schema.shallowCompile', () => {
    expect(Schema.compile({ sum: '{{ x * 2 }}', list: ['{{ upper(name) }}', 'plain'] }, { x: 4, name: 'ab' })).toEqual({ sum: 8, list: ['AB', 'plain'] })
    expect(Schema.shallowCompile("{{ { visible: $deps[0] === 'x' } }}", { $deps: ['x'] })).toEqual({ visible: true })
  })

  it('compiles a Schema instance against a scope', () => {
    const compiled = new Schema({ type: 'string', title: "{{ '申请人：' + name }}" }).compile({ name: '张三' })
    expect(compiled.title).toBe('申请人：张三')
  })

  it('refuses an injection string in a schema without executing it', () => {
    expect(() => Schema.shallowCompile("{{constructor.constructor('globalThis.__pwned=1')()}}", {})).toThrow(ExpressionEvaluationError)
    expect(sentinel()).toBeUndefined()
  })

  it('surfaces a refused reaction as an error from the Formily call that ran it', () => {
    const schema: ISchema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string', 'x-reactions': { dependencies: ['a'], fulfill: { state: { visible: "{{ $deps.constructor.constructor('globalThis.__pwned=1')() }}" } } } },
      },
    }
    expect(() => formFromSchema(schema)).toThrow(/refused/)
    expect(sentinel()).toBeUndefined()
  })

  it("refuses $self.query('a').value(): methods are not callable", () => {
    const form = createForm()
    const field = form.createField({ name: 'a' })
    expect(() => safeFormilyCompiler("$self.query('a').value()", { $self: field })).toThrow(/methods and values cannot be called/)
  })

  it('refuses reading a method of a Field', () => {
    const form = createForm()
    const field = form.createField({ name: 'a' })
    expect(() => safeFormilyCompiler('$self.setValue', { $self: field })).toThrow(ExpressionEvaluationError)
  })

  it('refuses function-valued scope entries such as $effect', () => {
    expect(() => Schema.shallowCompile('{{ $effect }}', { $effect: () => undefined })).toThrow(/function/)
  })

  it('puts the expression and both messages into the thrown error', () => {
    try {
      safeFormilyCompiler('1 +', {})
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionEvaluationError)
      expect((error as ExpressionEvaluationError).message).toContain('{{1 +}}')
      expect((error as ExpressionEvaluationError).messageZh).toContain('被拒绝')
    }
  })

  it('treats a missing scope as empty', () => {
    expect(safeFormilyCompiler('1 + 1', undefined)).toBe(2)
  })
})
