-- CreateTable
CREATE TABLE "WebLoginToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "userId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WebSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionHash" TEXT NOT NULL,
    "userId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WebAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" BIGINT NOT NULL,
    "action" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "WebLoginToken_tokenHash_key" ON "WebLoginToken"("tokenHash");

-- CreateIndex
CREATE INDEX "WebLoginToken_userId_idx" ON "WebLoginToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "WebSession_sessionHash_key" ON "WebSession"("sessionHash");

-- CreateIndex
CREATE INDEX "WebSession_userId_idx" ON "WebSession"("userId");

-- CreateIndex
CREATE INDEX "WebAudit_userId_createdAt_idx" ON "WebAudit"("userId", "createdAt");

