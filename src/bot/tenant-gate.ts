import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { t } from '../i18n/messages';
import { tenantRefusedCard } from './cards/tenant-refused-card';
import { localeOf } from './caller';

/**
 * Which Entra tenants may use the bot (ALLOWED_TENANT_IDS). A valid Bot Framework token proves only that the
 * activity came through the Bot Framework, not from which organisation: any tenant that installs the app gets one.
 * An empty list lets every tenant in, as in development; production refuses to start without one.
 */
export class TenantGate {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedTenantIds: readonly string[]) {
    this.allowed = new Set(allowedTenantIds.map((id) => id.trim().toLowerCase()).filter(Boolean));
  }

  get enforced(): boolean {
    return this.allowed.size > 0;
  }

  /**
   * Teams names the tenant twice, in channelData.tenant.id and conversation.tenantId. The first must be present,
   * and every one that is present must be allowed: a forged activity cannot pair an allowed tenant with a foreign
   * conversation.
   */
  allows(activity: Partial<Activity>): boolean {
    if (!this.enforced) return true;
    if (!this.allowsTenant((activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id)) return false;
    const conversation = activity.conversation as { tenantId?: unknown } | undefined;
    return conversation?.tenantId === undefined || this.allowsTenant(conversation.tenantId);
  }

  /** One tenant id: allowed when on the list (any case), or when no list is set. A missing id is never allowed under a list. */
  allowsTenant(value: unknown): boolean {
    if (!this.enforced) return true;
    const id = tenantIn(value);
    return id !== undefined && this.allowed.has(id);
  }
}

function tenantIn(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim().toLowerCase();
  return id.length > 0 && id.length <= 128 ? id : undefined;
}

/**
 * Answers an activity from a tenant that is not allowed, without storing anything and without running the bot:
 * a message gets the refusal card; a card action gets it as its invoke response, so the card the person clicked
 * says why; any other invoke is refused with 403. Other activities (installs, members added) are not answered.
 */
export async function refuseForeignTenant(context: TurnContext): Promise<void> {
  const locale = localeOf(context);
  const card = tenantRefusedCard(locale);
  const type = context.activity.type;
  if (type === ActivityTypes.Message) {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    return;
  }
  if (type === ActivityTypes.Invoke) {
    const body =
      context.activity.name === 'adaptiveCard/action'
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }
        : { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'TENANT_NOT_ALLOWED', message: t(locale, 'tenant.refused.title') } };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: body.statusCode, body } });
  }
}
