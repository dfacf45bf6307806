-- AlterTable
ALTER TABLE "Cell" ADD COLUMN "lastFollowUpAt" DATETIME;

-- AlterTable
ALTER TABLE "Round" ADD COLUMN "lastReminderDays" INTEGER;

-- CreateTable
CREATE TABLE "CorrectionProgress" (
    "assessmentId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("assessmentId", "itemCode", "period"),
    CONSTRAINT "CorrectionProgress_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cellId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "roundId" INTEGER,
    "chatId" BIGINT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'sendMessage',
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "messageId" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_key_key" ON "Outbox"("key");

-- CreateIndex
CREATE INDEX "Outbox_status_notBefore_idx" ON "Outbox"("status", "notBefore");

-- CreateIndex
CREATE INDEX "Outbox_memberId_kind_createdAt_idx" ON "Outbox"("memberId", "kind", "createdAt");

