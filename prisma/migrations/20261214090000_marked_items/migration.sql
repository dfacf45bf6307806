-- Assessment.markedItems: the filed form's marked items, "<value> <itemCode>" joined by ","
-- (prisma/schema.prisma). Added in place (not Prisma's table copy): existing forms get what the
-- answer path writes when filing (markFiled in src/infra/db/answer-path.ts).

-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN "markedItems" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "Assessment" SET "markedItems" = COALESCE((
  SELECT group_concat(m."marked", ',') FROM (
    SELECT f."value" || ' ' || f."itemCode" AS "marked" FROM "FiledAnswer" f
    WHERE f."assessmentId" = "Assessment"."id" AND f."value" IN ('MINOR', 'SIGNIFICANT')
    ORDER BY f."itemCode"
  ) m
), '');
