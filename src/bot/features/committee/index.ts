/**
 * The committee level: /dangbo, the roster (/thamgia, /start c_…, /vaitro), /lienket and
 * /captren (the tree), /dotmoi (a campaign), /tonghop (the roll-up, its files, the campaign
 * picker, "Kết thúc đợt"), /nhacnho (nudge the cells' secretaries) and /caidat. Registered
 * before the cell features: in a committee's group the shared commands are answered here;
 * anywhere else they go on to the cell features unchanged. Refusals of /tonghop go to the
 * asker privately: nothing is posted to a group.
 *
 * One composer per concern, in the order they were registered before the split.
 */
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { campaigns } from "./campaigns.js";
import { files } from "./files.js";
import { groupCommands } from "./group-commands.js";
import { rollup } from "./rollup.js";
import { rosterJoin, rosterRoles } from "./roster.js";
import { setup } from "./setup.js";

export const committee = new Composer<BotContext>();
committee.use(setup, rosterJoin, rollup, files, campaigns, rosterRoles, groupCommands);
export { committeeTexts } from "./roster.js";
