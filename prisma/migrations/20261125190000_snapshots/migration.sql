-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "formatVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "document" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Snapshot_labId_createdAt_idx" ON "Snapshot"("labId", "createdAt");
