export { SCHEMA_VERSION, powerItemDefinitionSchema, timeLimitSchema, operationSchema, documentTemplateSchema } from './schema'
export type {
  PowerItemDefinition,
  PowerItemDefinitionInput,
  PowerItem,
  TimeLimit,
  LegalBasis,
  Material,
  Operation,
  FieldPermission,
  Flow,
  FlowNode,
  StartNode,
  StepNode,
  ExclusiveGateway,
  ParallelGateway,
  EndNode,
  FlowEdge,
  TimeLimitProfile,
  SpecialProcedureRule,
  Level,
  MonitoringPoint,
  RiskPoint,
  DiscretionStandard,
  DiscretionGrade,
  FineSpec,
  DocumentTemplate,
} from './types'
export { validateDefinition, parseDefinition, type ValidateOptions, type ParseResult } from './validate'
export { diagnostic, diagnosticMessages, hasErrors, pointer, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics'
export { defaultDictionaries, dictionaryLabel, type Dictionaries, type Dictionary, type DictionaryEntry } from './dictionaries'
export {
  isValidCreditCode,
  creditCodeCheckChar,
  generateCode,
  matchCode,
  categoryTypeLetters,
  defaultCodePatterns,
  type CodePatterns,
  type CodeMatch,
} from './codes'
export { collectFormFields, collectFormExpressions, type FormField } from './form-fields'
export { buildFlowGraph, reachable, isParallelJoin, isParallelSplit, type FlowGraph } from './flow-graph'
export { placeholders } from './check-refs'
export { appliesOnline } from './initiation'
export { caseFacts, itemFacts, documentFacts, eventFacts, type CaseFact } from './facts'
export { definitionJsonSchema } from './json-schema'
export { validateFormData, isValidIdCard, passesFormat, patternsOf, FORM_FORMATS, type FieldError } from './form-data'
export { compilePattern, testPattern, examplePattern, PATTERN_MAX_LENGTH, PATTERN_MAX_STATES, type SafePattern, type PatternError } from './safe-pattern'
export { collectFormPatterns } from './check-form-patterns'
export { regionTree, regionName, isRegionPath, checkRegionCode, type RegionNode, type RegionCheck } from './regions'
