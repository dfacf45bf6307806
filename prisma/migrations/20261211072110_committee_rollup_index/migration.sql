-- CreateIndex
CREATE INDEX "FiledAnswer_assessmentId_value_itemCode_idx" ON "FiledAnswer"("assessmentId", "value", "itemCode");
