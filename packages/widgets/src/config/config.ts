import { createContext } from '@lit/context';
import { createCrmClient, type CrmClient } from '@crm/sdk';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';

/** The SDK client every widget reads its data through. */
export type { CrmClient };

/** What a page tells the widgets: where the API is, how to authenticate, which language to speak. */
export type CrmConfigOptions = {
  /** API origin, e.g. `http://127.0.0.1:3000`. Empty means the page's own origin. */
  baseUrl?: string;
  /** A bearer token (JWT or API key). */
  token?: string;
  /** Called before each request, for hosts that refresh tokens. Wins over `token`. */
  getToken?: () => string | Promise<string>;
  /** UI and API-message language; `zh-CN` by default. */
  locale?: CrmLocale | string;
};

/** What a widget receives: a ready client and the resolved locale. */
export type CrmWidgetConfig = {
  client: CrmClient;
  locale: CrmLocale;
};

/**
 * The context `<crm-provider>` provides. The key is a global symbol so widgets from two bundles on one page
 * (the portal's and the embeddable one) still find the same provider.
 */
export const crmConfigContext = createContext<CrmWidgetConfig | undefined>(Symbol.for('crm.widget-config'));

/** Builds the widget configuration (an SDK client and a locale) from page-level options. */
export function createWidgetConfig(options: CrmConfigOptions): CrmWidgetConfig {
  const locale = normalizeLocale(options.locale);
  const client = createCrmClient({
    baseUrl: (options.baseUrl ?? '').replace(/\/+$/, ''),
    token: options.token,
    getToken: options.getToken,
    locale,
  });
  return { client, locale };
}

let pageConfig: CrmWidgetConfig | undefined;
const listeners = new Set<() => void>();

/**
 * Configures every widget on the page that is not inside a `<crm-provider>`.
 * Calling it again (new token, other locale) re-renders the widgets already on the page.
 *
 * @example
 * import { configure } from '@crm/widgets';
 * configure({ baseUrl: 'http://127.0.0.1:3000', getToken: () => auth.accessToken(), locale: 'en' });
 */
export function configure(options: CrmConfigOptions): CrmWidgetConfig {
  pageConfig = createWidgetConfig(options);
  for (const listener of listeners) listener();
  return pageConfig;
}

/** The configuration set by `configure()`, if any. */
export function pageWidgetConfig(): CrmWidgetConfig | undefined {
  return pageConfig;
}

/** Subscribes to `configure()` calls; returns the unsubscribe function. */
export function onPageConfigChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
