import { Task } from '@lit/task';
import type { PortalSurvey } from '@crm/sdk';
import { CrmConfigController, normalizeLocale } from '@crm/widgets';
import { LitElement, css, html } from 'lit';
import { shellStyles } from '../app/shell.styles.js';
import { shellMessages, type ShellMessages } from '../i18n/shell.messages.js';

/**
 * "我的调查 / My surveys" for portal users: the open invitations of their customer from
 * `GET /api/v1/portal/surveys`, soonest deadline first, each a link to `#/surveys/<invitation id>` where
 * `<crm-survey-form survey-id>` answers it. Reads through the SDK client its `<crm-provider>` gives it.
 */
export class CrmSurveyListView extends LitElement {
  static override styles = [
    shellStyles,
    css`
      ul {
        display: grid;
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        gap: 0.25rem;
        padding: 0.75rem 1rem;
        background: #fff;
        border: 1px solid #d1d5db;
        border-radius: 0.5rem;
      }
      li a {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
        font-weight: 600;
      }
      .draft {
        justify-self: start;
        padding: 0 0.5rem;
        border: 1px solid #15803d;
        border-radius: 999px;
        color: #15803d;
        font-size: 0.75rem;
      }
    `,
  ];

  private readonly config = new CrmConfigController(this);

  private readonly listTask = new Task(this, {
    args: () => [this.config.value?.client] as const,
    task: async ([client], { signal }): Promise<PortalSurvey[]> => {
      if (!client) return [];
      const { data, error } = await client.GET('/api/v1/portal/surveys', { signal });
      if (error) throw error;
      return data.items;
    },
  });

  protected override render() {
    const t = shellMessages(normalizeLocale(this.config.value?.locale));
    return html`
      <h1>${t.surveys.title}</h1>
      ${this.listTask.render({
        pending: () => html`<p role="status" class="muted">${t.surveys.loading}</p>`,
        complete: (items) => (items.length ? this.renderList(items, t) : html`<p class="muted">${t.surveys.empty}</p>`),
        error: (error) => html`<p role="alert" class="error">${t.surveys.failed}：${(error as Error | undefined)?.message ?? ''}</p>`,
      })}
    `;
  }

  private renderList(items: PortalSurvey[], t: ShellMessages) {
    return html`<p class="muted">${t.surveys.intro}</p>
      <ul>
        ${items.map(
          (survey) => html`<li>
            <a href="#/surveys/${survey.invitation_id}">${survey.has_draft ? t.surveys.resume(survey.campaign_name) : t.surveys.open(survey.campaign_name)}</a>
            <span class="muted">${survey.template_name} · ${t.surveys.expires(survey.expires_at.slice(0, 10))}</span>
            ${survey.has_draft ? html`<span class="draft">${t.surveys.draft}</span>` : ''}
          </li>`,
        )}
      </ul>`;
  }
}
