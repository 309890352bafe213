import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';

/** The opinion box's rules, one line each (deny by default). */
export const opinionPolicy = {
  /** Any member of staff (a person with a content role) may speak; the administrators do not. */
  submit: (a: Actor) => a.personId !== null && hasRole(a, ...CONTENT_ROLES),
  /** The office runs the inbox: accept, dispatch, reply, merge, publish. */
  handleAll: (a: Actor) => hasRole(a, 'office'),
  /** Department heads handle what is dispatched to their department. */
  handleForDepartment: (a: Actor) => hasRole(a, 'department_head'),
  /** Figures per department and month. */
  viewFigures: (a: Actor) => hasRole(a, 'office', 'leader', 'supervisor'),
};
