-- CreateTable
CREATE TABLE "User" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "firstName" TEXT NOT NULL DEFAULT '',
    "username" TEXT,
    "locale" TEXT,
    "awaiting" TEXT,
    "unreachableAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Cell" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "groupChatId" BIGINT NOT NULL,
    "groupTitle" TEXT NOT NULL DEFAULT '',
    "joinCode" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "followUpDay" INTEGER NOT NULL DEFAULT 1,
    "followUpTime" TEXT NOT NULL DEFAULT '08:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "fullName" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'MEMBER',
    "nameConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" DATETIME,
    CONSTRAINT "Member_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Round" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "deadlineDay" TEXT NOT NULL,
    "checklistCode" TEXT NOT NULL,
    "checklistVersion" INTEGER NOT NULL,
    "openedByMemberId" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Round_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "checklistCode" TEXT NOT NULL,
    "checklistVersion" INTEGER NOT NULL,
    "cursor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "editing" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assessment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assessment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Answer" (
    "assessmentId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "measure" TEXT,
    "targetDate" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("assessmentId", "itemCode"),
    CONSTRAINT "Answer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FiledAnswer" (
    "assessmentId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "measure" TEXT,
    "targetDate" TEXT,

    PRIMARY KEY ("assessmentId", "itemCode"),
    CONSTRAINT "FiledAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Cell_groupChatId_key" ON "Cell"("groupChatId");

-- CreateIndex
CREATE UNIQUE INDEX "Cell_joinCode_key" ON "Cell"("joinCode");

-- CreateIndex
CREATE INDEX "Member_userId_idx" ON "Member"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_cellId_userId_key" ON "Member"("cellId", "userId");

-- CreateIndex
CREATE INDEX "Round_cellId_closedAt_idx" ON "Round"("cellId", "closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_roundId_memberId_key" ON "Assessment"("roundId", "memberId");

-- CreateIndex
CREATE INDEX "FiledAnswer_itemCode_value_idx" ON "FiledAnswer"("itemCode", "value");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_processedAt_idx" ON "ProcessedUpdate"("processedAt");

