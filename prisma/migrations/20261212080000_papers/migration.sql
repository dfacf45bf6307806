-- Each level's paper (issue 19): the document number's suffix ("CB", "ĐU", "HU" …) and the
-- sign-off ("T/M CHI BỘ", "T/M BAN THƯỜNG VỤ" …) set by /caidat sohieu and /caidat kyten; empty:
-- guessed from the unit's name. A committee's report cites Kết luận 21-KL/TW as a cell's does.
ALTER TABLE "Cell" ADD COLUMN "numberSuffix" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Cell" ADD COLUMN "signOff" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Committee" ADD COLUMN "numberSuffix" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Committee" ADD COLUMN "signOff" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Committee" ADD COLUMN "conclusion21" BOOLEAN NOT NULL DEFAULT true;
