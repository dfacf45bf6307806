-- DropIndex
DROP INDEX "Round_campaignId_idx";

-- CreateIndex
CREATE INDEX "Round_campaignId_cellId_idx" ON "Round"("campaignId", "cellId");

