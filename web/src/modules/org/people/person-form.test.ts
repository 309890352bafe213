import { describe, expect, it } from 'vitest';
import type { Person } from '../types';
import { createPayload, formValuesOf, updatePayload } from './person-form';
import { apiPeopleQuery, readPeopleQuery, writePeopleQuery } from './people-query';

const person: Person = {
  id: 7,
  staffNo: 'T1001',
  name: '张伟',
  departmentId: 3,
  departmentPath: '内科/心内科',
  position: '护士',
  phone: '138****1234',
  politicalStatus: 'masses',
  partyMember: false,
  congressDelegate: false,
  active: true,
  accountId: 11,
  locked: false,
  roles: ['staff'],
  abilities: {
    update: true,
    deactivate: true,
    assignRoles: true,
    resetPassword: true,
    unlock: true,
    seePhone: false,
  },
};

describe('person form', () => {
  it('sends only what changed', () => {
    const values = formValuesOf(person);
    expect(updatePayload(person, values)).toEqual({});
    expect(updatePayload(person, { ...values, name: ' 张伟伟 ', congressDelegate: true })).toEqual({
      name: '张伟伟',
      congressDelegate: true,
    });
    expect(updatePayload(person, { ...values, position: '', politicalStatus: undefined })).toEqual({
      position: null,
      politicalStatus: null,
    });
  });

  it('never sends a masked phone back; a typed one replaces it', () => {
    const values = formValuesOf(person);
    expect(values.phone).toBe('');
    expect(updatePayload(person, values)).toEqual({});
    expect(updatePayload(person, { ...values, phone: '13912345678' })).toEqual({
      phone: '13912345678',
    });
  });

  it('lets the office clear a phone it can see', () => {
    const office = {
      ...person,
      phone: '13812341234',
      abilities: { ...person.abilities, seePhone: true },
    };
    expect(formValuesOf(office).phone).toBe('13812341234');
    expect(updatePayload(office, { ...formValuesOf(office), phone: '' })).toEqual({ phone: null });
  });

  it('leaves blank optional fields out of a new person', () => {
    expect(
      createPayload({ staffNo: ' A9 ', name: '李四', departmentId: 2, position: ' ', phone: '' }),
    ).toEqual({
      staffNo: 'A9',
      name: '李四',
      departmentId: 2,
    });
  });
});

describe('people search in the address', () => {
  it('round-trips and drops defaults', () => {
    const q = readPeopleQuery(
      new URLSearchParams('q=张&departmentId=3&active=all&page=2&pageSize=50'),
    );
    expect(q).toEqual({ q: '张', departmentId: 3, active: 'all', page: 2, pageSize: 50 });
    expect(writePeopleQuery(q)).toEqual({
      q: '张',
      departmentId: '3',
      active: 'all',
      page: '2',
      pageSize: '50',
    });
    expect(writePeopleQuery(readPeopleQuery(new URLSearchParams('')))).toEqual({});
  });

  it('ignores nonsense', () => {
    expect(
      readPeopleQuery(new URLSearchParams('page=-1&pageSize=7&active=maybe&departmentId=x')),
    ).toEqual({
      q: '',
      departmentId: undefined,
      active: 'true',
      page: 1,
      pageSize: 20,
    });
  });

  it('leaves the active filter out for "all"', () => {
    const base = readPeopleQuery(new URLSearchParams('active=all'));
    expect(apiPeopleQuery(base)).toEqual({
      q: undefined,
      departmentId: undefined,
      active: undefined,
      page: 1,
      pageSize: 20,
    });
    expect(apiPeopleQuery({ ...base, active: 'false' }).active).toBe('false');
  });
});
