import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Space, Table, TreeSelect } from 'antd';
import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../../app/api';
import { useT } from '../../../app/locale';
import { queryClient } from '../../../app/queryClient';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { TemporaryPasswordModal } from '../../../components/TemporaryPasswordModal';
import { useIsMobile } from '../../../components/useIsMobile';
import { usePageTitle } from '../../../components/usePageTitle';
import { DEPARTMENTS_KEY, PEOPLE_KEY, useDepartments } from '../api';
import { departmentOptions } from '../departments/tree';
import type { PeoplePage as PeopleResult, Person } from '../types';
import { PersonDrawer, type PersonDrawerTarget } from './PersonDrawer';
import type { PersonActionHandlers } from './PersonActions';
import { peopleColumns } from './peopleColumns';
import {
  apiPeopleQuery,
  PAGE_SIZES,
  readPeopleQuery,
  writePeopleQuery,
  type ActiveFilter,
  type PeopleQuery,
} from './people-query';
import { RolesModal } from './RolesModal';

/** Search, read and manage the unit's people. */
export default function PeoplePage() {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readPeopleQuery(searchParams);
  const [searchText, setSearchText] = useState(query.q);
  const [drawer, setDrawer] = useState<PersonDrawerTarget>(undefined);
  const [rolesFor, setRolesFor] = useState<Person | null>(null);
  const [temporary, setTemporary] = useState<{ password: string; username: string } | null>(null);
  const departments = useDepartments();
  usePageTitle('people.title');

  const people = useQuery({
    queryKey: [...PEOPLE_KEY, apiPeopleQuery(query)],
    queryFn: () => api.get<PeopleResult>('/api/org/people', apiPeopleQuery(query)),
    placeholderData: keepPreviousData,
  });

  const update = (change: Partial<PeopleQuery>) =>
    setSearchParams(writePeopleQuery({ ...query, page: 1, ...change }), { replace: true });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
      queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
    ]);
  };

  const handlers: PersonActionHandlers = {
    onEdit: (p) => setDrawer(p),
    onRoles: (p) => setRolesFor(p),
    onTemporaryPassword: (p, password) =>
      setTemporary({ password, username: `${p.name}（${p.staffNo}）` }),
    onChanged: () => void refresh(),
  };

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={
          <>
            {people.data?.abilities.import ? (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/org/import')}>
                {t('people.import')}
              </Button>
            ) : null}
            {people.data?.abilities.create ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer(null)}
                data-testid="person-create"
              >
                {t('people.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
          {/* Input and button rather than Input.Search, so the test hook sits on the input itself. */}
          <Space.Compact style={{ width: mobile ? '100%' : 320 }}>
            <Input
              allowClear
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!e.target.value && query.q) update({ q: '' });
              }}
              onPressEnter={() => update({ q: searchText.trim() })}
              placeholder={t('people.searchPlaceholder')}
              aria-label={t('people.searchPlaceholder')}
              prefix={<SearchOutlined />}
              maxLength={50}
              data-testid="people-search"
            />
            <Button
              type="primary"
              onClick={() => update({ q: searchText.trim() })}
              data-testid="people-search-submit"
            >
              {t('common.search')}
            </Button>
          </Space.Compact>
          <TreeSelect
            allowClear
            value={query.departmentId}
            onChange={(v?: number) => update({ departmentId: v })}
            treeData={departmentOptions(departments.data?.items ?? [])}
            placeholder={t('people.allDepartments')}
            aria-label={t('people.department')}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            style={{ width: mobile ? '100%' : 240 }}
            data-testid="people-department"
          />
          <Select<ActiveFilter>
            value={query.active}
            onChange={(active) => update({ active })}
            aria-label={t('people.statusFilter')}
            style={{ width: mobile ? '100%' : 120 }}
            options={[
              { value: 'true', label: t('people.onlyActive') },
              { value: 'false', label: t('people.onlyInactive') },
              { value: 'all', label: t('common.all') },
            ]}
            data-testid="people-active"
          />
        </Flex>
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
        <Table<Person>
          data-testid="people-table"
          rowKey="id"
          size="middle"
          columns={peopleColumns(t, handlers, { mobile })}
          dataSource={people.data?.items ?? []}
          loading={people.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: people.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: !mobile,
            simple: mobile,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              setSearchParams(
                writePeopleQuery({
                  ...query,
                  page: pageSize === query.pageSize ? page : 1,
                  pageSize,
                }),
                { replace: true },
              ),
          }}
        />
      </Card>
      <PersonDrawer
        target={drawer}
        onClose={() => setDrawer(undefined)}
        onSaved={(_p, created) => {
          setDrawer(undefined);
          void message.success(created ? t('people.created') : t('common.saved'));
          void refresh();
        }}
      />
      <RolesModal
        person={rolesFor}
        onClose={() => setRolesFor(null)}
        onSaved={() => {
          setRolesFor(null);
          void message.success(t('people.rolesSaved'));
          void refresh();
        }}
      />
      <TemporaryPasswordModal
        password={temporary?.password ?? null}
        username={temporary?.username}
        onClose={() => setTemporary(null)}
      />
    </>
  );
}
