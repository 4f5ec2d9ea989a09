// Rules about activities and the people behind them: ownership, performers, bus factor,
// backups, capacity, competence, independence, authority and after-hours cover.
import { describeMissing } from '../capacity.js';
import type { ActivityCalc } from '../compute.js';
import { h, listSome, num, pct } from '../format.js';
import type { AiSystem } from '../model-types.js';
import type { Gap, Subject } from '../types.js';
import {
  activitySubject,
  competenceName,
  criticalExposure,
  highExposure,
  makeGap,
  personName,
  personSubject,
  subject,
  type RuleContext,
  type RuleDefinition,
} from './types.js';

const names = (ctx: RuleContext, keys: readonly string[], max = 5): string =>
  listSome(
    keys.map((k) => personName(ctx, k)),
    max,
  );

function requirementsText(ctx: RuleContext, ac: ActivityCalc): string {
  const reqs = ac.activity.competences.map((r) => `${competenceName(ctx, r.competence)} ≥ ${r.minLevel}`);
  return reqs.length > 0 ? reqs.join(', ') : 'no specific competence';
}

function demandPhrase(ac: ActivityCalc): string {
  return `${h(ac.demand.hours)} of demand this period`;
}

export const ownerMissing: RuleDefinition = {
  id: 'OWNER-MISSING',
  title: 'No accountable owner',
  defaultSeverity: 'medium',
  description: 'A required activity has no person assigned as accountable (RACI "A").',
  severityNote: 'high when the activity covers high/critical-risk or regulated-decisioning systems',
  remediation: 'Assign an accountable owner (RACI A) and record the appointment.',
  needs: ['activities', 'assignments', 'people', 'aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.required || ac.capacity.owners.length > 0) continue;
      out.push(
        makeGap(
          'OWNER-MISSING',
          highExposure(ac) ? 'high' : 'medium',
          activitySubject(ac),
          `"${ac.activity.name}" is required by the AIMS (${demandPhrase(ac)}) but no one is accountable (RACI A) for it.`,
          `Appoint an accountable owner for "${ac.activity.name}" (assignment with raci A${ac.activity.stopLaunchAuthority ? ' held by someone with stop-launch authority' : ''}) and keep the appointment memo as evidence.`,
        ),
      );
    }
    return out;
  },
};

export const performerMissing: RuleDefinition = {
  id: 'PERFORMER-MISSING',
  title: 'No responsible performer',
  defaultSeverity: 'high',
  description: 'A required activity has no responsible performer (RACI "R", not a backup).',
  severityNote: 'critical when it has demand and covers critical-risk or regulated-decisioning systems',
  remediation: 'Assign a qualified responsible performer with hours per week.',
  needs: ['activities', 'assignments', 'people', 'aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.required || ac.capacity.performers.length > 0) continue;
      const backups = ac.capacity.backups.length > 0 ? ` Only backups are assigned (${names(ctx, ac.capacity.backups)}).` : '';
      out.push(
        makeGap(
          'PERFORMER-MISSING',
          ac.demand.hours > 0 && criticalExposure(ac) ? 'critical' : 'high',
          activitySubject(ac),
          `"${ac.activity.name}" has ${demandPhrase(ac)} but no responsible performer (RACI R).${backups}`,
          `Assign at least one performer (raci R) to "${ac.activity.name}" who holds ${requirementsText(ctx, ac)}${
            ac.demand.hours > 0
              ? `, with about ${num(ac.demand.hours / ctx.c.period.weeks)} h/week allocated`
              : ', ready for when its triggers occur'
          }.`,
        ),
      );
    }
    return out;
  },
};

export const spof: RuleDefinition = {
  id: 'SPOF',
  title: 'Single qualified person (bus factor 1)',
  defaultSeverity: 'medium',
  description: 'Exactly one qualified, available person (performer or backup) for an activity with demand.',
  severityNote:
    'high for key-reviewer activities (independence or stop-launch) or activities covering high/critical-risk or regulated systems',
  remediation: 'Train and assign a second qualified person, flagged as backup.',
  needs: ['activities', 'assignments', 'people', 'competences', 'aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (ac.demand.hours <= 0 || ac.capacity.qualifiedPeople.length !== 1) continue;
      const only = ac.capacity.qualifiedPeople[0] ?? '';
      out.push(
        makeGap(
          'SPOF',
          ac.key || highExposure(ac) ? 'high' : 'medium',
          activitySubject(ac),
          `Only ${personName(ctx, only)} is qualified and available for "${ac.activity.name}" (${demandPhrase(ac)}): bus factor 1.`,
          `Train a second person to ${requirementsText(ctx, ac)} and assign them to "${ac.activity.name}" as backup (backup: true), so the work continues if ${personName(ctx, only)} is out.`,
          [personSubject(ctx, only)],
        ),
      );
    }
    return out;
  },
};

export const backupMissing: RuleDefinition = {
  id: 'BACKUP-MISSING',
  title: 'No trained backup for a key reviewer',
  defaultSeverity: 'medium',
  description:
    'An activity with independence or stop-launch authority has no qualified backup flagged; or any activity with demand whose sole qualified performer has no qualified backup.',
  severityNote: 'high for key-reviewer activities covering high/critical-risk or regulated systems',
  remediation: 'Flag a qualified person as backup (backup: true) and keep their training record.',
  needs: ['activities', 'assignments', 'people', 'competences', 'aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      const cap = ac.capacity;
      if (cap.qualifiedPeople.length === 0 || cap.qualifiedBackups.length > 0) continue;
      const soleRisk = ac.demand.hours > 0 && cap.qualifiedPerformers.length === 1;
      if (!ac.key && !soleRisk) continue;
      const why = ac.key
        ? `"${ac.activity.name}" is key-reviewer work (${[ac.activity.independence ? 'independent review' : '', ac.activity.stopLaunchAuthority ? 'stop-launch authority' : ''].filter(Boolean).join(', ')})`
        : `"${ac.activity.name}" depends on one qualified performer`;
      out.push(
        makeGap(
          'BACKUP-MISSING',
          ac.key && highExposure(ac) ? 'high' : 'medium',
          activitySubject(ac),
          `${why}, but none of its ${cap.qualifiedPeople.length} qualified people (${names(ctx, cap.qualifiedPeople)}) has a trained backup flagged.`,
          `Choose a backup for "${ac.activity.name}", train them to ${requirementsText(ctx, ac)}, record the training evidence and flag their assignment backup: true.`,
          cap.qualifiedPeople.map((k) => personSubject(ctx, k)),
        ),
      );
    }
    return out;
  },
};

export const capacityShortfall: RuleDefinition = {
  id: 'CAPACITY-SHORTFALL',
  title: 'Capacity shortfall',
  defaultSeverity: 'high',
  description: 'Demand exceeds the capacity of qualified performers (capacity > 0).',
  severityNote: 'critical when the activity covers critical-risk or regulated-decisioning systems',
  remediation: 'Add qualified hours (allocation, hiring, training, third-party help) or reduce demand.',
  needs: ['activities', 'aiSystems', 'assignments', 'people', 'competences'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const weeks = ctx.c.period.weeks;
    for (const ac of ctx.c.activities) {
      const cap = ac.capacity.hours;
      if (cap <= 0 || ac.demand.hours <= cap) continue;
      const short = ac.demand.hours - cap;
      out.push(
        makeGap(
          'CAPACITY-SHORTFALL',
          criticalExposure(ac) ? 'critical' : 'high',
          activitySubject(ac),
          `"${ac.activity.name}" needs ${h(ac.demand.hours)} this period but qualified performers provide ${h(cap)}: short by ${h(short)} (utilization ${pct(ac.utilization)}).`,
          `Add about ${num(short / weeks)} h/week of qualified capacity to "${ac.activity.name}" (${h(short)} over ${num(weeks)} weeks): raise allocations of qualified people, qualify another performer, or contract third-party help; or reduce demand.`,
        ),
      );
    }
    return out;
  },
};

export const capacityAtRisk: RuleDefinition = {
  id: 'CAPACITY-AT-RISK',
  title: 'Capacity at risk',
  defaultSeverity: 'medium',
  description:
    'Activity utilization above organization.settings.utilizationThreshold but not above 100%; or a person whose explicit assignment hours exceed their aimsHoursPerWeek.',
  severityNote: 'high when the activity covers critical-risk or regulated-decisioning systems',
  remediation: 'Add headroom before it becomes a shortfall; rebalance overallocated people.',
  needs: ['activities', 'assignments', 'people', 'organization.settings.utilizationThreshold'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const threshold = ctx.c.settings.utilizationThreshold;
    for (const ac of ctx.c.activities) {
      const u = ac.utilization;
      if (u === null || u <= threshold || u > 1) continue;
      const headroom = ac.capacity.hours - ac.demand.hours;
      out.push(
        makeGap(
          'CAPACITY-AT-RISK',
          criticalExposure(ac) ? 'high' : 'medium',
          activitySubject(ac),
          `"${ac.activity.name}" is at ${pct(u)} utilization (${h(ac.demand.hours)} demand of ${h(ac.capacity.hours)} capacity), above the ${pct(threshold)} threshold: only ${h(headroom)} headroom for surges or absences.`,
          `Add qualified capacity or a trained backup with hours to "${ac.activity.name}" to bring utilization under ${pct(threshold)} (about ${num((ac.demand.hours / threshold - ac.capacity.hours) / ctx.c.period.weeks)} h/week more).`,
        ),
      );
    }
    for (const pc of ctx.c.people) {
      const aims = pc.person.aimsHoursPerWeek;
      if (pc.explicitTotal <= aims) continue;
      out.push(
        makeGap(
          'CAPACITY-AT-RISK',
          'medium',
          personSubject(ctx, pc.person.key),
          `${pc.person.name}'s assignments ask for ${num(pc.explicitTotal)} h/week but only ${num(aims)} h/week of their time is allocated to AIMS work: overallocated by ${num(pc.explicitTotal - aims)} h/week (explicit hours were scaled down to fit).`,
          `Reduce ${pc.person.name}'s explicit hours by ${num(pc.explicitTotal - aims)} h/week or move work to others, or agree a higher aimsHoursPerWeek with their manager.`,
          [],
          'overallocated',
        ),
      );
    }
    return out;
  },
};

export const phantomActivity: RuleDefinition = {
  id: 'PHANTOM-ACTIVITY',
  title: 'Phantom governance',
  defaultSeverity: 'critical',
  description: 'A required activity has demand but zero qualified capacity behind it.',
  severityNote: 'always critical',
  remediation: 'Put qualified hours behind it, or drop it from the required catalog with justification.',
  needs: ['activities', 'aiSystems', 'assignments', 'people', 'competences'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.required || ac.demand.hours <= 0 || ac.capacity.hours > 0) continue;
      const n = ac.capacity.performers.length;
      const why =
        n === 0
          ? 'no one is assigned to perform it'
          : `${n} ${n === 1 ? 'performer is' : 'performers are'} assigned (${names(ctx, ac.capacity.performers)}) but none is qualified, available and with hours on it`;
      out.push(
        makeGap(
          'PHANTOM-ACTIVITY',
          'critical',
          activitySubject(ac),
          `"${ac.activity.name}" is required and needs ${h(ac.demand.hours)} this period, but has 0 h of qualified capacity: ${why}.`,
          `Assign a performer who holds ${requirementsText(ctx, ac)} with about ${num(ac.demand.hours / ctx.c.period.weeks)} h/week, or mark "${ac.activity.name}" not required and record the justification.`,
        ),
      );
    }
    return out;
  },
};

export const competenceGap: RuleDefinition = {
  id: 'COMPETENCE-GAP',
  title: 'Competence missing or expired',
  defaultSeverity: 'medium',
  description:
    'A performer (RACI R, backups included) lacks a required competence at the minimum level, or the evidence for it expired before asOf.',
  severityNote: 'high when the activity covers high/critical-risk or regulated-decisioning systems',
  remediation: 'Train or certify the person and record evidence, or reassign the work.',
  needs: ['activities', 'assignments', 'people', 'competences'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    const seen = new Set<string>();
    for (const ac of ctx.c.activities) {
      if (ac.activity.competences.length === 0) continue;
      for (const con of ac.capacity.contributions) {
        const raci = con.row.assignment.raci;
        // Performers only: an accountable owner (A) answers for the work without doing it.
        if (con.qualified || raci !== 'R') continue;
        const p = con.pc.person;
        const id = `${p.key}|${ac.activity.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const lacks = con.missing.map((m) => describeMissing(m, (k) => competenceName(ctx, k)));
        const notCounted = raci === 'R' && con.row.hours > 0 ? ` Their ${h(con.row.hours)} on it are not counted as capacity.` : '';
        const expiredOnly = con.missing.every((m) => m.expired !== null);
        out.push(
          makeGap(
            'COMPETENCE-GAP',
            highExposure(ac) ? 'high' : 'medium',
            personSubject(ctx, p.key),
            `${p.name} is ${con.row.assignment.backup ? 'the backup' : 'responsible (R)'} for "${ac.activity.name}" but holds ${lacks.join('; ')}.${notCounted}`,
            expiredOnly
              ? `Renew ${p.name}'s ${con.missing.map((m) => competenceName(ctx, m.competence)).join(', ')} (refresher training or re-certification) and record the new evidence with its validity date.`
              : `Train or certify ${p.name} in ${con.missing.map((m) => `${competenceName(ctx, m.competence)} to level ${m.minLevel}`).join(', ')} and record the evidence, or reassign "${ac.activity.name}" to someone qualified.`,
            [activitySubject(ac), ...con.missing.map((m) => subject('competence', m.competence, competenceName(ctx, m.competence)))],
            `activity:${ac.activity.key}`,
          ),
        );
      }
    }
    return out;
  },
};

export const independenceConflict: RuleDefinition = {
  id: 'INDEPENDENCE-CONFLICT',
  title: 'Independence conflict',
  defaultSeverity: 'high',
  description: 'An activity requiring independence whose only qualified people own or build an in-scope AI system it applies to.',
  severityNote: 'critical when a conflicted system is critical-risk or regulated-decisioning',
  remediation: 'Qualify an independent reviewer, or route those reviews to an external assessor.',
  needs: ['activities', 'aiSystems (owner, builders)', 'assignments', 'people', 'competences'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.independence) continue;
      const q = ac.capacity.qualifiedPeople;
      if (q.length === 0) continue;
      const tiers = new Set(ac.activity.appliesToTiers);
      // Count, per system, how many of the qualified people are involved in it: a conflict is a
      // system every qualified person owns or builds (no one independent can review it).
      const involved = new Map<string, { system: AiSystem; people: string[] }>();
      for (const p of q)
        for (const s of ctx.c.systemsByPerson.get(p) ?? []) {
          if (tiers.size > 0 && !tiers.has(s.riskTier)) continue;
          const e = involved.get(s.key);
          if (e) e.people.push(p);
          else involved.set(s.key, { system: s, people: [p] });
        }
      const conflicts = [...involved.values()]
        .filter((e) => e.people.length === q.length)
        .sort((x, y) => (x.system.key < y.system.key ? -1 : 1));
      if (conflicts.length === 0) continue;
      const role = (p: string, s: AiSystem): string => (s.owner === p ? (s.builders.includes(p) ? 'owns and builds' : 'owns') : 'builds');
      const parts = conflicts.map(
        (e) =>
          `"${e.system.name}" (${e.system.riskTier}${e.system.regulatedDecisioning ? ', regulated decisioning' : ''}: ${e.people.map((p) => `${personName(ctx, p)} ${role(p, e.system)} it`).join(', ')})`,
      );
      const crit = conflicts.some((e) => e.system.riskTier === 'critical' || e.system.regulatedDecisioning);
      const related: Subject[] = [
        ...conflicts.map((e) => subject('ai-system', e.system.key, e.system.name)),
        ...q.map((p) => personSubject(ctx, p)),
      ];
      out.push(
        makeGap(
          'INDEPENDENCE-CONFLICT',
          crit ? 'critical' : 'high',
          activitySubject(ac),
          `"${ac.activity.name}" must be performed independently, but its only qualified ${q.length === 1 ? 'person' : 'people'} cannot review ${conflicts.length} in-scope ${conflicts.length === 1 ? 'system' : 'systems'}: ${listSome(parts, 5)}.`,
          `Qualify a reviewer for "${ac.activity.name}" who neither owns nor builds ${listSome(
            conflicts.map((e) => `"${e.system.name}"`),
            5,
          )} (or contract an external assessor for those reviews) and assign them as R or backup.`,
          related,
        ),
      );
    }
    return out;
  },
};

export const authorityMissing: RuleDefinition = {
  id: 'AUTHORITY-MISSING',
  title: 'No one with authority to stop a launch',
  defaultSeverity: 'high',
  description: 'An activity with stopLaunchAuthority where no accountable (A), available person holds the "stop-launch" authority.',
  severityNote: 'critical when the activity covers critical-risk or regulated-decisioning systems',
  remediation: 'Grant stop-launch authority to the accountable approver (appointment memo), or make a holder accountable.',
  needs: ['activities', 'assignments', 'people (authorities)', 'aiSystems'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.activity.stopLaunchAuthority) continue;
      const owners = ac.capacity.owners;
      const holders = owners.filter((k) => ctx.c.personByKey.get(k)?.person.authorities.includes('stop-launch'));
      const available = holders.filter((k) => !ctx.c.personByKey.get(k)?.availability.unavailable);
      if (available.length > 0) continue;
      let why: string;
      if (owners.length === 0) why = 'it has no accountable (A) person at all';
      else if (holders.length === 0)
        why = `its accountable ${owners.length === 1 ? 'person' : 'people'} (${names(ctx, owners)}) ${owners.length === 1 ? 'holds' : 'hold'} no "stop-launch" authority`;
      else
        why = `the only holder${holders.length === 1 ? '' : 's'} of that authority (${names(ctx, holders)}) ${holders.length === 1 ? 'is' : 'are'} absent the whole period`;
      out.push(
        makeGap(
          'AUTHORITY-MISSING',
          criticalExposure(ac) ? 'critical' : 'high',
          activitySubject(ac),
          `"${ac.activity.name}" requires an approver who can stop a launch, but ${why}.`,
          owners.length > 0 && holders.length === 0
            ? `Grant the "stop-launch" authority to ${names(ctx, owners)} by appointment memo (and record it), or make an existing holder accountable for "${ac.activity.name}".`
            : `Make a person who holds the "stop-launch" authority (and is available) accountable (A) for "${ac.activity.name}", and keep the appointment memo as evidence.`,
          owners.map((k) => personSubject(ctx, k)),
        ),
      );
    }
    return out;
  },
};

export const afterHoursGap: RuleDefinition = {
  id: 'AFTER-HOURS-GAP',
  title: 'No after-hours coverage',
  defaultSeverity: 'high',
  description:
    'A 24x7 activity, or an incident/monitoring activity applying to an in-scope critical24x7 system, with no qualified, available performer or backup reachable after hours.',
  severityNote: 'critical when a critical-risk 24x7 system depends on it',
  remediation: 'Put a qualified performer or backup on the after-hours rota, or contract 24x7 cover.',
  needs: ['activities (coverage)', 'aiSystems (critical24x7)', 'assignments', 'people (afterHours)', 'competences'],
  operational: null,
  evaluate(ctx) {
    const out: Gap[] = [];
    for (const ac of ctx.c.activities) {
      if (!ac.afterHoursRelevant || ac.afterHoursCovered) continue;
      const sys = ac.exposure.critical24x7;
      const why =
        ac.activity.coverage === '24x7'
          ? `"${ac.activity.name}" is a 24x7 activity`
          : `"${ac.activity.name}" serves ${sys.length} critical 24x7 ${sys.length === 1 ? 'system' : 'systems'} (${listSome(
              sys.map((s) => `"${s.name}"`),
              4,
            )})`;
      const q = ac.capacity.qualifiedPeople;
      out.push(
        makeGap(
          'AFTER-HOURS-GAP',
          sys.some((s) => s.riskTier === 'critical') ? 'critical' : 'high',
          activitySubject(ac),
          `${why}, but none of its ${q.length} qualified, available ${q.length === 1 ? 'person' : 'people'} is reachable after hours.`,
          `Put a qualified performer or backup of "${ac.activity.name}" on the after-hours rota (afterHours: true) or contract 24x7 cover for it, and test the escalation path.`,
          sys.map((s) => subject('ai-system', s.key, s.name)),
        ),
      );
    }
    return out;
  },
};

export const activityRules: readonly RuleDefinition[] = [
  ownerMissing,
  performerMissing,
  spof,
  backupMissing,
  capacityShortfall,
  capacityAtRisk,
  competenceGap,
  independenceConflict,
  authorityMissing,
  afterHoursGap,
  phantomActivity,
];
