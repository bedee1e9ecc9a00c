import type { z } from 'zod'
import type {
  discretionGradeSchema,
  discretionSchema,
  documentTemplateSchema,
  endNodeSchema,
  exclusiveGatewaySchema,
  fineSpecSchema,
  flowEdgeSchema,
  flowNodeSchema,
  flowSchema,
  itemSchema,
  legalBasisSchema,
  materialSchema,
  monitoringPointSchema,
  operationSchema,
  parallelGatewaySchema,
  powerItemDefinitionSchema,
  riskPointSchema,
  specialProcedureSchema,
  startNodeSchema,
  stepNodeSchema,
  timeLimitSchema,
  timeLimitsSchema,
  levelSchema,
  fieldPermissionSchema,
} from './schema'

/** A definition after parsing: defaults filled in. This is what the engine and server use. */
export type PowerItemDefinition = z.output<typeof powerItemDefinitionSchema>
/** A definition as authored (defaults may be missing). */
export type PowerItemDefinitionInput = z.input<typeof powerItemDefinitionSchema>

export type PowerItem = z.output<typeof itemSchema>
export type TimeLimit = z.output<typeof timeLimitSchema>
export type LegalBasis = z.output<typeof legalBasisSchema>
export type Material = z.output<typeof materialSchema>
export type Operation = z.output<typeof operationSchema>
export type FieldPermission = z.output<typeof fieldPermissionSchema>
export type Flow = z.output<typeof flowSchema>
export type FlowNode = z.output<typeof flowNodeSchema>
export type StartNode = z.output<typeof startNodeSchema>
export type StepNode = z.output<typeof stepNodeSchema>
export type ExclusiveGateway = z.output<typeof exclusiveGatewaySchema>
export type ParallelGateway = z.output<typeof parallelGatewaySchema>
export type EndNode = z.output<typeof endNodeSchema>
export type FlowEdge = z.output<typeof flowEdgeSchema>
export type TimeLimitProfile = z.output<typeof timeLimitsSchema>
export type SpecialProcedureRule = z.output<typeof specialProcedureSchema>
export type Level = z.output<typeof levelSchema>
export type MonitoringPoint = z.output<typeof monitoringPointSchema>
export type RiskPoint = z.output<typeof riskPointSchema>
export type DiscretionStandard = z.output<typeof discretionSchema>
export type DiscretionGrade = z.output<typeof discretionGradeSchema>
export type FineSpec = z.output<typeof fineSpecSchema>
export type DocumentTemplate = z.output<typeof documentTemplateSchema>
