-- FiledAnswer.hasMeasure: the roll-up's correction figures read it from the covering index
-- (assessmentId, value, itemCode, hasMeasure, targetDate) instead of each row's measure.
-- Added in place (not Prisma's table copy): existing rows get the value the answer path writes.

-- DropIndex
DROP INDEX "FiledAnswer_assessmentId_value_itemCode_idx";

-- AlterTable
ALTER TABLE "FiledAnswer" ADD COLUMN "hasMeasure" BOOLEAN NOT NULL DEFAULT false;

-- Backfill
UPDATE "FiledAnswer" SET "hasMeasure" = true WHERE "measure" IS NOT NULL AND "measure" <> '';

-- CreateIndex
CREATE INDEX "FiledAnswer_assessmentId_value_itemCode_hasMeasure_targetDate_idx" ON "FiledAnswer"("assessmentId", "value", "itemCode", "hasMeasure", "targetDate");
