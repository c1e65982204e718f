/**
 * Small shared pieces of the ERP simulators built on the simulator framework.
 */
import express from 'express';
import type { Express } from 'express';
import type { StartSimulatorOptions } from '../framework/simulator';

/** What every product simulator's start function accepts: the framework's options less name and handler. */
export type ProductSimulatorOptions = Omit<StartSimulatorOptions, 'name' | 'handler'>;

/** An Express app with the framework headers a real product would not send turned off. */
export function productApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  return app;
}

/** Read a request body as text whatever its content type (XML, JSON, form), capped at 1 MB. */
export const rawText = express.text({ type: () => true, limit: '1mb' });

/** Add properties to a simulator handle, keeping getters live (Object.assign would copy their values once). */
export function extend<T extends object, P extends object>(target: T, props: P): T & P {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(props)) as T & P;
}
