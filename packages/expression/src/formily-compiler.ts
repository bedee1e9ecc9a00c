/* eslint-disable @typescript-eslint/no-explicit-any -- the signature mirrors Formily's `registerCompiler` contract */
import { compileExpression } from './compile-expression'
import { ExpressionEvaluationError, toExpressionError } from './expression-error'

/*
 * Formily (`@formily/json-schema` 2.3.x) compiles every string of the form `{{ ... }}` found in
 * a schema (x-reactions, x-visible, x-component-props...) with `Registry.compile(inner, scope)`.
 * The default compiler runs `new Function('$root', 'with($root) { return (inner) }')`, i.e.
 * arbitrary JavaScript. `registerCompiler` replaces it globally: the braces are already
 * stripped, `scope` is a lazily merged proxy holding $self, $form, $values, $deps,
 * $dependencies, $target, $record, $records, $index, $lookup, $observable, $effect, $memo,
 * $props and whatever the app passed as SchemaField `scope`.
 *
 * Function-valued entries ($effect, $memo, $props, $observable, app callbacks) are refused by
 * the read rules, so `x-reactions: "{{ myReaction }}"` and `fulfill.run` scripts do not work
 * under this compiler: wire such behaviour in code (form effects) instead.
 *
 * Errors are thrown, never swallowed: Formily does not catch them (Schema.silent only affects
 * its own default compiler), so they propagate out of the reaction to the call that triggered
 * it (form.createField, field.setValue, form.setValues...), where the app sees them.
 */

function describe(expression: string): string {
  const text = expression.trim()
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** Drop-in replacement for Formily's expression compiler; throws on refused or invalid input. */
export function safeFormilyCompiler(expression: string, scope: any): any {
  const source = typeof expression === 'string' ? expression : ''
  try {
    const run = compileExpression(source)
    return run(scope !== null && typeof scope === 'object' ? (scope as Record<string, unknown>) : {})
  } catch (caught) {
    const error = toExpressionError(caught)
    throw new ExpressionEvaluationError(
      error.code,
      `Formily expression {{${describe(source)}}} refused: ${error.message}`,
      `Formily 表达式 {{${describe(source)}}} 被拒绝：${error.messageZh}`,
      error.offset,
    )
  }
}

/** Installs `safeFormilyCompiler` as Formily's global compiler (pass `Schema` from @formily/json-schema). */
export function registerSafeFormilyCompiler(schemaClass: { registerCompiler(compiler: (expression: string, scope: any) => any): void }): void {
  schemaClass.registerCompiler(safeFormilyCompiler)
}
