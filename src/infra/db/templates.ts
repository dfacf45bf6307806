/** Imported checklist templates and each unit's choice, with Prisma. One query or one transaction per method. */
import type { PublishResult, TemplateDraftRecord, TemplateOwner, TemplatesRepository, TemplateSummary } from "../../app/ports.js";
import type { Checklist } from "../../domain/checklist.js";
import { checklistOfDraft, type TemplateDraft } from "../../domain/templates.js";
import type { Db } from "./client.js";

const ownerOf = (row: { ownerKind: string; ownerId: number }): TemplateOwner => ({
  kind: row.ownerKind === "COMMITTEE" ? "COMMITTEE" : "CELL",
  id: row.ownerId,
});
const sameOwner = (a: TemplateOwner, b: TemplateOwner): boolean => a.kind === b.kind && a.id === b.id;

export class PrismaTemplates implements TemplatesRepository {
  constructor(private readonly db: Db) {}

  async createDraft(input: { owner: TemplateOwner; importedByUserId: bigint; draft: TemplateDraft }, now: Date): Promise<number> {
    const row = await this.db.checklistTemplate.create({
      data: {
        ownerKind: input.owner.kind,
        ownerId: input.owner.id,
        code: input.draft.code,
        name: input.draft.name.vi,
        itemCount: input.draft.itemCount,
        body: JSON.stringify(input.draft),
        importedByUserId: input.importedByUserId,
        createdAt: now,
      },
      select: { id: true },
    });
    return row.id;
  }

  async findDraft(id: number): Promise<TemplateDraftRecord | null> {
    const row = await this.db.checklistTemplate.findUnique({ where: { id } });
    return (
      row && {
        id: row.id,
        owner: ownerOf(row),
        importedByUserId: row.importedByUserId,
        draft: JSON.parse(row.body) as TemplateDraft,
        savedVersion: row.version,
      }
    );
  }

  async publishDraft(id: number, now: Date): Promise<PublishResult> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.checklistTemplate.findUnique({ where: { id } });
      if (!row) return { ok: false as const, reason: "notFound" as const };
      if (row.version !== null) return { ok: true as const, version: row.version };
      const latest = await tx.checklistTemplate.findFirst({ where: { code: row.code, version: { not: null } }, orderBy: { version: "desc" } });
      if (latest && !sameOwner(ownerOf(latest), ownerOf(row))) return { ok: false as const, reason: "codeTaken" as const, owner: ownerOf(latest) };
      const version = (latest?.version ?? 0) + 1;
      await tx.checklistTemplate.update({ where: { id }, data: { version, savedAt: now } });
      return { ok: true as const, version };
    });
  }

  async findChecklist(code: string, version: number): Promise<Checklist | null> {
    const row = await this.db.checklistTemplate.findUnique({ where: { code_version: { code, version } }, select: { body: true } });
    return row && checklistOfDraft(JSON.parse(row.body) as TemplateDraft, version);
  }

  async codeOwner(code: string): Promise<TemplateOwner | null> {
    const row = await this.db.checklistTemplate.findFirst({
      where: { code, version: { not: null } },
      orderBy: { version: "desc" },
      select: { ownerKind: true, ownerId: true },
    });
    return row && ownerOf(row);
  }

  async listTemplates(owners: TemplateOwner[]): Promise<TemplateSummary[]> {
    if (owners.length === 0) return [];
    const rows = await this.db.checklistTemplate.findMany({
      where: { version: { not: null }, OR: owners.map((o) => ({ ownerKind: o.kind, ownerId: o.id })) },
      select: { code: true, version: true, name: true, itemCount: true, ownerKind: true, ownerId: true, savedAt: true, body: true },
      orderBy: [{ code: "asc" }, { version: "desc" }],
    });
    const latest = new Map<string, TemplateSummary>();
    for (const r of rows) {
      if (latest.has(r.code)) continue;
      const draft = JSON.parse(r.body) as TemplateDraft;
      latest.set(r.code, { code: r.code, version: r.version!, name: draft.name, itemCount: r.itemCount, owner: ownerOf(r), savedAt: r.savedAt! });
    }
    return [...latest.values()];
  }

  async latestVersion(code: string): Promise<number | null> {
    const row = await this.db.checklistTemplate.findFirst({ where: { code, version: { not: null } }, orderBy: { version: "desc" }, select: { version: true } });
    return row?.version ?? null;
  }

  async chosenTemplate(owner: TemplateOwner): Promise<string | null> {
    const row = await this.db.templateChoice.findUnique({ where: { ownerKind_ownerId: { ownerKind: owner.kind, ownerId: owner.id } } });
    return row?.code ?? null;
  }

  async chooseTemplate(owner: TemplateOwner, code: string | null): Promise<void> {
    const where = { ownerKind_ownerId: { ownerKind: owner.kind, ownerId: owner.id } };
    if (code === null) await this.db.templateChoice.deleteMany({ where: { ownerKind: owner.kind, ownerId: owner.id } });
    else await this.db.templateChoice.upsert({ where, create: { ownerKind: owner.kind, ownerId: owner.id, code }, update: { code } });
  }

  async templateInUse(code: string): Promise<boolean> {
    return (await this.db.round.count({ where: { checklistCode: code } })) > 0;
  }

  async deleteTemplate(code: string): Promise<void> {
    await this.db.$transaction([this.db.checklistTemplate.deleteMany({ where: { code } }), this.db.templateChoice.deleteMany({ where: { code } })]);
  }
}
