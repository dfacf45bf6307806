/** Telegram update ids already handled, so a redelivered update is dropped. */
export interface ProcessedUpdates {
  /** Records that an update was handled; false when it was seen before. */
  markUpdateProcessed(updateId: number, at: Date): Promise<boolean>;
  /** Forgets updates handled before `before`; returns how many. */
  pruneProcessedUpdates(before: Date): Promise<number>;
}
