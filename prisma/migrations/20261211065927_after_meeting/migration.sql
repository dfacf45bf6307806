-- AlterTable
ALTER TABLE "Cell" ADD COLUMN "pauseFrom" TEXT;
ALTER TABLE "Cell" ADD COLUMN "pauseUntil" TEXT;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN "followUpMutedPeriod" TEXT;

-- AlterTable
ALTER TABLE "Round" ADD COLUMN "conclusions" TEXT;

