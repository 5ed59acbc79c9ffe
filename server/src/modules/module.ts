// What a module hands the app: resolver instances, REST routes and scheduled jobs.
import type { Express } from 'express';
import type { Job } from '../infra/scheduler';

export interface ModuleParts {
  /** Resolver class → its instance, for TypeGraphQL's container. */
  bindings: [abstract new (...args: never[]) => object, object][];
  routes?: (app: Express) => void;
  jobs?: Job[];
  /** Long-running work started with the app (e.g. the change-feed stamper). */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}
