-- The report's document number, set by the secretary for one round's report (issue 12): left
-- blank for the office's register otherwise, never the round's sequence number.
ALTER TABLE "Cell" ADD COLUMN "reportNumber" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Cell" ADD COLUMN "reportNumberRoundId" INTEGER;
-- Whether the campaign runs under Kết luận 21-KL/TW too (the report's intro names it); on by default.
ALTER TABLE "Cell" ADD COLUMN "conclusion21" BOOLEAN NOT NULL DEFAULT true;
