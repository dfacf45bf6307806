/** Users, chats and member statuses: the bot's own User, getChatMember / getChatAdministrators / getChat, admin bookkeeping. */
import type { Chat, User } from "grammy/types";
import { numParam } from "../multipart.js";
import type { ApiResponse, GroupSpec, MemberStatus } from "../types.js";
import { fail, ok, type EmulatorOptions, type Front } from "./state.js";

/** The bot's own User object for a token (id from the token's prefix). */
export function botUser(token: string, opts: Required<EmulatorOptions>): User {
  const prefix = Number(token.split(":")[0]);
  return {
    id: Number.isSafeInteger(prefix) && prefix > 0 ? prefix : 666,
    is_bot: true,
    first_name: opts.botFirstName,
    username: opts.botUsername,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  } as User;
}

/** Registered users, chats and who is what in which chat (unregistered users are "member"). */
export class ChatDirectory {
  private readonly users = new Map<number, User>();
  private readonly chats = new Map<number, Chat>();
  private readonly members = new Map<number, Map<number, MemberStatus>>();

  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    let m = this.members.get(chatId);
    if (!m) {
      m = new Map();
      this.members.set(chatId, m);
    }
    m.set(userId, status);
  }

  registerUser(user: User): void {
    this.users.set(user.id, user);
    const chat: Record<string, unknown> = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    this.chats.set(user.id, chat as unknown as Chat);
  }

  registerGroup(group: GroupSpec): Chat {
    if (group.id >= 0) throw new Error(`group id must be negative, got ${group.id}`);
    const type = group.type ?? (group.id <= -1_000_000_000_000 ? "supergroup" : "group");
    const chat = { id: group.id, type, title: group.title } as Chat;
    this.chats.set(group.id, chat);
    return chat;
  }

  /** Chat object for an id (registered, or a plausible default). */
  chatFor(chatId: number): Chat {
    const c = this.chats.get(chatId);
    if (c) return structuredClone(c);
    if (chatId > 0) return { id: chatId, type: "private", first_name: `User ${chatId}` } as Chat;
    return { id: chatId, type: chatId <= -1_000_000_000_000 ? "supergroup" : "group", title: `Group ${chatId}` } as Chat;
  }

  userFor(userId: number): User {
    const u = this.users.get(userId);
    if (u) return structuredClone(u);
    return { id: userId, is_bot: false, first_name: `User ${userId}` };
  }

  /** A ChatMember object as getChatMember answers it. */
  chatMember(bot: User, chatId: number, userId: number): Record<string, unknown> {
    const user = userId === bot.id ? bot : this.userFor(userId);
    const status: MemberStatus = this.members.get(chatId)?.get(userId) ?? "member";
    switch (status) {
      case "creator":
        return { status, user, is_anonymous: false };
      case "administrator":
        return {
          status,
          user,
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_manage_video_chats: true,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: true,
          can_invite_users: true,
          can_post_stories: false,
          can_edit_stories: false,
          can_delete_stories: false,
          can_pin_messages: true,
        };
      case "restricted":
        return { status, user, is_member: true, until_date: 0, can_send_messages: false };
      case "kicked":
        return { status, user, until_date: 0 };
      default:
        return { status, user };
    }
  }

  /** Ids of the chat's creator and administrators, in registration order. */
  adminIds(chatId: number): number[] {
    return [...(this.members.get(chatId) ?? new Map<number, MemberStatus>()).entries()]
      .filter(([, s]) => s === "creator" || s === "administrator")
      .map(([uid]) => uid);
  }
}

export function getChatMember(front: Front, token: string, chatId: number | undefined, p: Record<string, unknown>): ApiResponse {
  const userId = numParam(p.user_id);
  if (chatId === undefined || userId === undefined) return fail(400, "Bad Request: chat_id and user_id are required");
  return ok(front.chats.chatMember(front.botUser(token), chatId, userId));
}

export function getChatAdministrators(front: Front, token: string, chatId: number | undefined): ApiResponse {
  if (chatId === undefined) return fail(400, "Bad Request: chat_id is required");
  const admins = front.chats.adminIds(chatId).map((uid) => front.chats.chatMember(front.botUser(token), chatId, uid));
  return ok(admins);
}

export function getChat(front: Front, chatId: number | undefined): ApiResponse {
  if (chatId === undefined) return fail(400, "Bad Request: chat not found");
  return ok(front.chatFor(chatId));
}
