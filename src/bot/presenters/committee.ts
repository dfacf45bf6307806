/** The committee's texts: the `/tonghop` roll-up (DESIGN §6 lines) and the messages it sends on its own. */
import type { CommitteeMessageRenderer } from "../../app/committee-campaigns.js";
import type { OutMessage } from "../../app/messages.js";
import { formatDay } from "../../domain/calendar.js";
import { isLocale, type Locale } from "../../config.js";
import type { I18n } from "../../infra/i18n/index.js";
import { encodeJoinCampaign, encodeNudgeCell } from "../callback-data.js";
import { ChoiceRows } from "./choices.js";

/** The roll-up's text lives with the screens (every channel shows it); Telegram's presenters import it from here. */
export { renderRollup } from "../../app/screens/committee.js";

/** The committee's messages for the outbox, in each recipient's language. */
export function createCommitteeRenderer(i18n: I18n, defaultLocale: Locale, _botUsername: string): CommitteeMessageRenderer {
  const pick = (locale: string | null): Locale => (isLocale(locale) ? locale : defaultLocale);
  const html = (text: string, choices: ChoiceRows): OutMessage => ({ text, choices: choices.rows });
  return {
    campaignOpened(cell, round, committee) {
      const t = i18n.t(pick(null));
      const text = t("committee:campaign.announcement", {
        committee: committee.name,
        title: round.title,
        cell: cell.name,
        deadline: formatDay(round.deadlineDay),
      });
      return html(text, new ChoiceRows().add({ label: t("assessment:round.openButton"), start: `j_${cell.joinCode}` }));
    },
    campaignBusy(cell, own, campaign, committee) {
      const t = i18n.t(pick(null));
      const text = t("committee:campaign.busy", {
        committee: committee.name,
        title: campaign.title,
        deadline: formatDay(campaign.deadlineDay),
        own: own.title,
        ownDeadline: formatDay(own.deadlineDay),
      });
      return html(text, new ChoiceRows().add({ label: t("committee:campaign.joinButton"), id: encodeJoinCampaign(campaign.id) }));
    },
    secretaryNudge(input) {
      const t = i18n.t(pick(input.locale));
      return html(
        t("committee:nudge.message", {
          committee: input.committee.name,
          cell: input.cell.name,
          pending: input.pending,
          members: input.members,
          title: input.round.title,
          deadline: formatDay(input.round.deadlineDay),
        }),
        new ChoiceRows().add({ label: t("committee:nudge.button"), id: encodeNudgeCell(input.cell.id) }),
      );
    },
  };
}
