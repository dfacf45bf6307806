/** Update ids already handled, per channel, so a redelivered update is dropped. */
export interface ProcessedUpdates {
  /** Records that the channel's update was handled; false when it was seen before. */
  markUpdateProcessed(channel: string, updateId: string, at: Date): Promise<boolean>;
  /** Forgets updates handled before `before`; returns how many. */
  pruneProcessedUpdates(before: Date): Promise<number>;
}
