-- Item figures reach a cell's group only once a round is closed with at least this many
-- forms submitted (issue 8: two interim summaries must not reveal one member's marks).
ALTER TABLE "Cell" ADD COLUMN "reportThreshold" INTEGER NOT NULL DEFAULT 3;
