/**
 * Every screen after the catalog, in one chunk the flow loads on demand (and prefetches while the user
 * looks at the catalog), so the first paint carries only the shell and the catalog.
 */
export { SystemFormView } from './system-form';
export { HandoffView } from './handoff-view';
export { ValidatingView } from './validating-view';
export { FailureView } from './failure-view';
export { SuccessView } from './success-view';
export { RequestView, RequestedView } from './request-view';
