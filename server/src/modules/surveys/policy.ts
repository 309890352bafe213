import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';

/** What the policies need to know about a survey. */
export interface SurveyAccess {
  unitId: number;
  /** A department head's survey belongs to their department; null for the office's. */
  ownerDepartmentId: number | null;
}

/** The surveys' rules, one line each (deny by default). */
export const surveyPolicy = {
  /** Any member of staff may answer the surveys they are in the audience of. */
  answer: (a: Actor) => a.personId !== null && hasRole(a, ...CONTENT_ROLES),
  /** The office builds surveys for the unit; department heads for their department. */
  build: (a: Actor) => hasRole(a, 'office', 'department_head'),
  /** Edit, open, close, remind: the office for every survey, a head for their department's. */
  manage: (a: Actor, s: SurveyAccess) =>
    s.unitId === a.unitId &&
    (hasRole(a, 'office') ||
      (hasRole(a, 'department_head') &&
        s.ownerDepartmentId !== null &&
        s.ownerDepartmentId === a.departmentId)),
  /** Results: whoever manages it, and the unit's leaders. */
  viewResults: (a: Actor, s: SurveyAccess) =>
    surveyPolicy.manage(a, s) || (s.unitId === a.unitId && hasRole(a, 'leader')),
};
