import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, List, Popconfirm, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { usePageTitle } from '../../components/usePageTitle';
import { percent } from './logic';
import { SurveyPeriod, SurveyTags } from './parts';
import { SurveyBuilder } from './SurveyBuilder';
import type { SurveySummary, SurveyView } from './types';

// The results (ECharts) load only when opened.
const ResultsView = lazy(() => import('./ResultsView'));

export const MANAGE_KEY = ['surveys', 'manage'] as const;

/**
 * 问卷管理 (/surveys/manage): the office's (or a head's department's) surveys; `?edit=new` or
 * `?edit=<id>` opens the builder, `?results=<id>` the results.
 */
export default function ManageSurveysPage() {
  const t = useT();
  usePageTitle('menu.surveyManage');
  const [search, setSearch] = useSearchParams();
  const edit = search.get('edit');
  const results = Number(search.get('results'));

  if (edit) {
    const id = edit === 'new' ? null : Number(edit);
    return (
      <>
        <PageHeader title={t('menu.surveyManage')} />
        <SurveyBuilder
          surveyId={id !== null && Number.isInteger(id) && id > 0 ? id : null}
          onSaved={(saved) => setSearch({ edit: String(saved) }, { replace: true })}
          onBack={() => setSearch({})}
        />
      </>
    );
  }
  if (Number.isInteger(results) && results > 0) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <ResultsView surveyId={results} backTo="/surveys/manage" />
      </Suspense>
    );
  }
  return <SurveyList onEdit={(id) => setSearch({ edit: id === null ? 'new' : String(id) })} />;
}

function SurveyList({ onEdit }: { onEdit: (id: number | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [, setSearch] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useQuery({
    queryKey: MANAGE_KEY,
    queryFn: () => api.get<{ items: SurveySummary[] }>('/api/surveys', { scope: 'manage' }),
  });

  const act = async (s: SurveySummary, action: 'open' | 'close' | 'remind') => {
    setBusy(`${action}-${s.id}`);
    setError(null);
    try {
      if (action === 'remind') {
        const res = await api.post<{ reminded: number }>(`/api/surveys/${s.id}/remind`);
        void message.success(t('surveys.web.manage.reminded', { count: res.reminded }));
      } else {
        await api.post<{ survey: SurveyView }>(`/api/surveys/${s.id}/${action}`);
        void message.success(t(`surveys.web.manage.${action}Done`));
      }
      void queryClient.invalidateQueries({ queryKey: ['surveys'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader
        title={t('menu.surveyManage')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="survey-new"
            onClick={() => onEdit(null)}
          >
            {t('surveys.web.manage.new')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ErrorAlert error={error} testId="manage-error" />
      <Card size="small">
        <List<SurveySummary>
          data-testid="manage-list"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('surveys.web.manage.empty') }}
          renderItem={(s) => (
            <List.Item data-testid="manage-item" data-id={s.id} data-status={s.status}>
              <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
                <Typography.Text strong data-testid="manage-title">
                  {s.title}
                </Typography.Text>
                <Flex wrap gap={4} align="center">
                  <SurveyTags survey={s} />
                  <Typography.Text type="secondary">
                    {s.ownerDepartment ?? t('surveys.web.manage.unitWide')}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    <SurveyPeriod survey={s} />
                  </Typography.Text>
                </Flex>
                {s.status !== 'draft' ? (
                  <Typography.Text data-testid="manage-rate">
                    {t('surveys.web.manage.rate', {
                      answered: s.responseCount,
                      invited: s.invited,
                      rate: s.invited ? (percent(s.responseCount / s.invited) ?? '') : '—',
                    })}
                  </Typography.Text>
                ) : null}
                <Flex wrap gap={6}>
                  <Button size="small" data-testid="manage-edit" onClick={() => onEdit(s.id)}>
                    {s.status === 'draft'
                      ? t('surveys.web.manage.edit')
                      : t('surveys.web.manage.view')}
                  </Button>
                  {s.status === 'draft' ? (
                    <Popconfirm
                      title={t('surveys.web.manage.confirmOpen')}
                      okText={t('surveys.web.manage.open')}
                      cancelText={t('surveys.web.cancel')}
                      onConfirm={() => act(s, 'open')}
                    >
                      <Button
                        size="small"
                        type="primary"
                        loading={busy === `open-${s.id}`}
                        data-testid="manage-open"
                      >
                        {t('surveys.web.manage.open')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {s.status === 'open' ? (
                    <>
                      <Button
                        size="small"
                        loading={busy === `remind-${s.id}`}
                        data-testid="manage-remind"
                        onClick={() => void act(s, 'remind')}
                      >
                        {t('surveys.web.manage.remind')}
                      </Button>
                      <Popconfirm
                        title={t('surveys.web.manage.confirmClose')}
                        okText={t('surveys.web.manage.close')}
                        cancelText={t('surveys.web.cancel')}
                        onConfirm={() => act(s, 'close')}
                      >
                        <Button
                          size="small"
                          danger
                          loading={busy === `close-${s.id}`}
                          data-testid="manage-close"
                        >
                          {t('surveys.web.manage.close')}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                  {s.status !== 'draft' ? (
                    <Button
                      size="small"
                      data-testid="manage-results"
                      onClick={() => setSearch({ results: String(s.id) })}
                    >
                      {t('surveys.web.manage.results')}
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    type="link"
                    href={`/api/surveys/${s.id}/export-text`}
                    data-testid="manage-export-text"
                  >
                    {t('surveys.web.exportText')}
                  </Button>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
