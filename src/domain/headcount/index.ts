// The public face of the headcount computation; its parts are internal to this folder.
export {
  DEFAULT_EXACT_LIMIT,
  DEFAULT_NODE_BUDGET,
  maxSafeHeadcount,
  type HeadcountGroup,
  type HeadcountOptions,
  type HeadcountResult,
} from './max-safe-headcount';
export { HeadcountInputError } from './headcount-input-error';
export {
  DEFAULT_PLAN_EXACT_LIMIT,
  DEFAULT_PLAN_NODE_BUDGET,
  planProblems,
  safeHeadcountPlan,
  type PlanOptions,
  type SafeHeadcountPlan,
  type ZonePlan,
} from './safe-headcount-plan';
