import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { crmConfigContext, onPageConfigChange, pageWidgetConfig, type CrmWidgetConfig } from './config.js';

/**
 * Gives a widget its configuration: from the nearest `<crm-provider>` when there is one, else from `configure()`.
 * Either source changing re-renders the host.
 */
export class CrmConfigController implements ReactiveController {
  private fromProvider: CrmWidgetConfig | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new ContextConsumer(host, {
      context: crmConfigContext,
      subscribe: true,
      callback: (value) => {
        this.fromProvider = value;
        host.requestUpdate();
      },
    });
  }

  hostConnected(): void {
    this.unsubscribe = onPageConfigChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The configuration in force, or undefined when the page configured nothing. */
  get value(): CrmWidgetConfig | undefined {
    return this.fromProvider ?? pageWidgetConfig();
  }
}
