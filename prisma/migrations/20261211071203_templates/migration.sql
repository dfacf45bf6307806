-- CreateTable
CREATE TABLE "ChecklistTemplate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ownerKind" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER,
    "name" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "importedByUserId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TemplateChoice" (
    "ownerKind" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("ownerKind", "ownerId")
);

-- AlterTable (in place, so the migration depends on no other column of Assessment)
ALTER TABLE "Assessment" ADD COLUMN "collective" BOOLEAN NOT NULL DEFAULT false;
DROP INDEX "Assessment_roundId_memberId_key";
CREATE UNIQUE INDEX "Assessment_roundId_memberId_collective_key" ON "Assessment"("roundId", "memberId", "collective");

-- CreateIndex
CREATE INDEX "ChecklistTemplate_ownerKind_ownerId_idx" ON "ChecklistTemplate"("ownerKind", "ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistTemplate_code_version_key" ON "ChecklistTemplate"("code", "version");

