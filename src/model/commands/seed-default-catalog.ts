// Command: fill a new organization's competence and activity catalogs with the documented
// defaults (model/defaults.ts). Tools are the organization's own; an activity's default tool
// needs are kept in its description until tools with those keys exist.
import type { WriteScope } from '../../audit/write.js';
import { DEFAULT_TOOL_SET, defaultActivities, defaultCompetences } from '../defaults.js';
import { activityKind, competenceKind } from '../entities.js';
import { insertEntity } from '../service.js';

export async function seedDefaultCatalog(w: WriteScope): Promise<{ competences: number; activities: number }> {
  const competences = defaultCompetences();
  for (const c of competences) await insertEntity(w, competenceKind, c);
  const toolNames = new Map<string, string>(DEFAULT_TOOL_SET.map((t) => [t.key, t.name]));
  const activities = defaultActivities().map((a) => {
    if (a.tools.length === 0) return a;
    const needs = a.tools.map((k) => toolNames.get(k) ?? k).join(', ');
    return { ...a, tools: [], description: `${a.description} Tools needed: ${needs}.`.trim() };
  });
  for (const a of activities) await insertEntity(w, activityKind, a);
  return { competences: competences.length, activities: activities.length };
}
