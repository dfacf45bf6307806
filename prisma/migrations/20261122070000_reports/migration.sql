-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "actorMemberId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "roundId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cell" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "groupChatId" BIGINT NOT NULL,
    "groupTitle" TEXT NOT NULL DEFAULT '',
    "joinCode" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "followUpDay" INTEGER NOT NULL DEFAULT 1,
    "followUpTime" TEXT NOT NULL DEFAULT '08:00',
    "lastFollowUpAt" DATETIME,
    "place" TEXT NOT NULL DEFAULT '',
    "higherBody" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Cell" ("createdAt", "followUpDay", "followUpTime", "groupChatId", "groupTitle", "id", "joinCode", "lastFollowUpAt", "name", "timezone") SELECT "createdAt", "followUpDay", "followUpTime", "groupChatId", "groupTitle", "id", "joinCode", "lastFollowUpAt", "name", "timezone" FROM "Cell";
DROP TABLE "Cell";
ALTER TABLE "new_Cell" RENAME TO "Cell";
CREATE UNIQUE INDEX "Cell_groupChatId_key" ON "Cell"("groupChatId");
CREATE UNIQUE INDEX "Cell_joinCode_key" ON "Cell"("joinCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditLog_cellId_createdAt_idx" ON "AuditLog"("cellId", "createdAt");

