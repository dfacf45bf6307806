-- AlterTable
ALTER TABLE "Round" ADD COLUMN "assessment" TEXT;
ALTER TABLE "Round" ADD COLUMN "direction" TEXT;
ALTER TABLE "Round" ADD COLUMN "meetingChair" TEXT;
ALTER TABLE "Round" ADD COLUMN "meetingDay" TEXT;
ALTER TABLE "Round" ADD COLUMN "meetingPresent" INTEGER;
ALTER TABLE "Round" ADD COLUMN "meetingTotal" INTEGER;

-- CreateTable
CREATE TABLE "CampaignReportText" (
    "committeeId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "assessment" TEXT,
    "direction" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("committeeId", "campaignId")
);

-- CreateTable
CREATE TABLE "EnteredUnit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "committeeId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdByUserId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EnteredFigures" (
    "unitId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "members" INTEGER NOT NULL,
    "submitted" INTEGER NOT NULL,
    "meetingDay" TEXT,
    "present" INTEGER,
    "items" TEXT,
    "enteredByUserId" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("unitId", "campaignId"),
    CONSTRAINT "EnteredFigures_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "EnteredUnit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- CreateIndex
CREATE UNIQUE INDEX "EnteredUnit_committeeId_name_key" ON "EnteredUnit"("committeeId", "name");
