-- CreateTable
CREATE TABLE "Committee" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "groupChatId" BIGINT NOT NULL,
    "groupTitle" TEXT NOT NULL DEFAULT '',
    "joinCode" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "parentCommitteeId" INTEGER,
    "place" TEXT NOT NULL DEFAULT '',
    "higherBody" TEXT NOT NULL DEFAULT '',
    "reportNumber" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Committee_parentCommitteeId_fkey" FOREIGN KEY ("parentCommitteeId") REFERENCES "Committee" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "committeeId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "fullName" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'MEMBER',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" DATETIME,
    CONSTRAINT "CommitteeMember_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommitteeLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "committeeId" INTEGER NOT NULL,
    "createdByUserId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "CommitteeLink_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "committeeId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "deadlineDay" TEXT NOT NULL,
    "checklistCode" TEXT NOT NULL,
    "checklistVersion" INTEGER NOT NULL,
    "openedByUserId" BIGINT NOT NULL,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Campaign_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (added in place, so the migration depends on no other column of Cell or Round)
ALTER TABLE "Cell" ADD COLUMN "parentCommitteeId" INTEGER REFERENCES "Committee" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Round" ADD COLUMN "campaignId" INTEGER REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Cell_parentCommitteeId_idx" ON "Cell"("parentCommitteeId");

-- CreateIndex
CREATE INDEX "Round_campaignId_idx" ON "Round"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "Committee_groupChatId_key" ON "Committee"("groupChatId");

-- CreateIndex
CREATE UNIQUE INDEX "Committee_joinCode_key" ON "Committee"("joinCode");

-- CreateIndex
CREATE INDEX "Committee_parentCommitteeId_idx" ON "Committee"("parentCommitteeId");

-- CreateIndex
CREATE INDEX "CommitteeMember_userId_idx" ON "CommitteeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeMember_committeeId_userId_key" ON "CommitteeMember"("committeeId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeLink_code_key" ON "CommitteeLink"("code");

-- CreateIndex
CREATE INDEX "Campaign_committeeId_idx" ON "Campaign"("committeeId");

