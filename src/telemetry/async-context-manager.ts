import { AsyncLocalStorage } from "node:async_hooks";
import { type Context, type ContextManager, context, ROOT_CONTEXT } from "@opentelemetry/api";

// Without a context manager the OpenTelemetry API has no "current span": every span would be a root,
// which is exactly the orphaned-span bug Gantry exists to prevent. @opentelemetry/context-async-hooks
// is not a dependency, so this is the same idea in a few lines on AsyncLocalStorage, which follows
// promises, timers and callbacks across await points.

/** An OpenTelemetry context manager backed by `AsyncLocalStorage`. */
export class AsyncLocalStorageContextManager implements ContextManager {
  private storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    activeContext: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const bound = thisArg === undefined ? fn : fn.bind(thisArg);
    return this.storage.run(activeContext, bound as (...inner: A) => ReturnType<F>, ...args);
  }

  bind<T>(activeContext: Context, target: T): T {
    if (typeof target !== "function") return target;
    const manager = this;
    const original = target as unknown as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(activeContext, () => original.apply(this, args));
    };
    return bound as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    this.storage = new AsyncLocalStorage<Context>();
    return this;
  }
}

// Symbol.for: duplicate copies of this package in one process share the one registration.
const registrationMarker = Symbol.for("gantry.telemetry.context-manager");
type GlobalWithMarker = typeof globalThis & { [registrationMarker]?: boolean };

/**
 * Makes sure the OpenTelemetry API has an async-aware context manager. Registers ours once per
 * process; if the application already registered one (e.g. the OpenTelemetry Node SDK), that one is
 * kept: it follows async calls too.
 */
export function ensureAsyncContextManager(): void {
  const global = globalThis as GlobalWithMarker;
  if (global[registrationMarker]) return;
  global[registrationMarker] = true;
  if (isAsyncAware()) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
}

// The API's default (no-op) manager always answers ROOT_CONTEXT, so a probe value set with `with`
// is visible inside only when a real manager is registered.
function isAsyncAware(): boolean {
  const probe = Symbol("gantry.probe");
  return context.with(ROOT_CONTEXT.setValue(probe, true), () => context.active().getValue(probe) === true);
}
