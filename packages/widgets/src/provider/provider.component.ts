import { ContextProvider } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createWidgetConfig, crmConfigContext } from '../config/config.js';
import { providerStyles } from './provider.styles.js';

/**
 * Configures the CRM widgets inside it: API address, credentials and language.
 * Changing an attribute (a refreshed token, another locale) re-renders every widget inside.
 *
 * @summary Page-level configuration for the CRM widgets it wraps.
 *
 * @slot - The widgets (and any other content) to configure.
 *
 * @example
 * <crm-provider base-url="http://127.0.0.1:3000" token="eyJ…" locale="en">
 *   <crm-customer-card customer-id="1"></crm-customer-card>
 * </crm-provider>
 */
export class CrmProvider extends LitElement {
  static override styles = providerStyles;

  /** API origin, e.g. `http://127.0.0.1:3000`; empty means the page's own origin. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl = '';

  /** Bearer token for the API. */
  @property() token = '';

  /** Language of the widgets and of API messages: `zh-CN` (default) or `en`. */
  @property({ reflect: true }) locale = 'zh-CN';

  /** Called before each request instead of using `token`, for hosts that refresh tokens. */
  @property({ attribute: false }) getToken: (() => string | Promise<string>) | undefined;

  private readonly provider = new ContextProvider(this, { context: crmConfigContext });

  private lastInputs: unknown[] = [];

  override connectedCallback(): void {
    // Attributes are already set when a parsed element connects: provide before the children ask for it.
    this.syncConfig();
    super.connectedCallback();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.syncConfig();
  }

  /** Builds a new client only when an input changed, so widgets do not refetch for nothing. */
  private syncConfig(): void {
    const inputs = [this.baseUrl, this.token, this.locale, this.getToken];
    if (inputs.every((value, i) => value === this.lastInputs[i])) return;
    this.lastInputs = inputs;
    this.provider.setValue(
      createWidgetConfig({
        baseUrl: this.baseUrl,
        token: this.token || undefined,
        getToken: this.getToken,
        locale: this.locale,
      }),
    );
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
