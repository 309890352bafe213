import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { useMe } from '../auth/me';
import { percent } from './logic';
import { SurveyPeriod, SurveyTags } from './parts';
import type { SurveySummary } from './types';

export const MINE_KEY = ['surveys', 'mine'] as const;

/** 参与问卷 (/surveys): the surveys I am asked to answer, and the ones I answered. */
export default function SurveyListPage() {
  const t = useT();
  usePageTitle('menu.surveyList');
  const list = useQuery({
    queryKey: MINE_KEY,
    queryFn: () => api.get<{ items: SurveySummary[] }>('/api/surveys', { scope: 'mine' }),
  });
  // Leaders read every survey's results (surveys-api: results "its manager, leaders"); those
  // who do not manage surveys find them here (scope=manage lists the unit's opened surveys).
  const me = useMe().data;
  const leaderOnly = !!me && me.roles.includes('leader') && !me.abilities.manageSurveys;
  const forResults = useQuery({
    queryKey: ['surveys', 'manage'],
    queryFn: () => api.get<{ items: SurveySummary[] }>('/api/surveys', { scope: 'manage' }),
    enabled: leaderOnly,
  });
  const items = list.data?.items ?? [];
  const todo = items.filter((s) => !s.answered && s.status === 'open');
  const done = items.filter((s) => s.answered);

  const renderItem = (s: SurveySummary) => (
    <List.Item data-testid="survey-item" data-id={s.id} data-answered={s.answered}>
      <List.Item.Meta
        title={
          <Link to={`/surveys/${s.id}`} data-testid="survey-link">
            {s.title}
          </Link>
        }
        description={
          <Flex wrap gap={4} align="center">
            <SurveyTags survey={s} />
            {s.answered ? <Tag color="success">{t('surveys.web.list.answeredTag')}</Tag> : null}
            <Typography.Text type="secondary">
              <SurveyPeriod survey={s} />
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="survey-response-count">
              {t('surveys.web.list.responses', { count: s.responseCount })}
            </Typography.Text>
          </Flex>
        }
      />
    </List.Item>
  );

  return (
    <>
      <PageHeader title={t('menu.surveyList')} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Flex vertical gap={16}>
        <Card title={t('surveys.web.list.todo')} size="small">
          <List<SurveySummary>
            data-testid="survey-todo-list"
            loading={list.isPending}
            dataSource={todo}
            locale={{ emptyText: t('surveys.web.list.empty') }}
            renderItem={renderItem}
          />
        </Card>
        <Card title={t('surveys.web.list.done')} size="small">
          <List<SurveySummary>
            data-testid="survey-done-list"
            loading={list.isPending}
            dataSource={done}
            locale={{ emptyText: t('surveys.web.list.emptyDone') }}
            renderItem={renderItem}
          />
        </Card>
        {leaderOnly ? (
          <Card title={t('surveys.web.list.results')} size="small">
            <ErrorAlert error={forResults.error} onRetry={() => void forResults.refetch()} />
            <List<SurveySummary>
              data-testid="survey-results-list"
              loading={forResults.isPending}
              dataSource={(forResults.data?.items ?? []).filter((s) => s.status !== 'draft')}
              locale={{ emptyText: t('surveys.web.list.emptyResults') }}
              renderItem={(s) => (
                <List.Item data-testid="survey-results-item" data-id={s.id}>
                  <List.Item.Meta
                    title={
                      <Link to={`/surveys/${s.id}?view=results`} data-testid="survey-results-link">
                        {s.title}
                      </Link>
                    }
                    description={
                      <Flex wrap gap={4} align="center">
                        <SurveyTags survey={s} />
                        <Typography.Text type="secondary">
                          {t('surveys.web.manage.rate', {
                            answered: s.responseCount,
                            invited: s.invited,
                            rate: s.invited ? (percent(s.responseCount / s.invited) ?? '') : '—',
                          })}
                        </Typography.Text>
                      </Flex>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
