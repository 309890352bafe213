import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, List, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { useCurrentMe } from '../auth/me';
import { NewConsultationDrawer } from './NewConsultationDrawer';
import { AnswerTag, SummaryItem } from './parts';
import { consultationsApi, sectionName, type MyComment, type Summary } from './types';

export const LIST_KEY = ['consultations', 'list'] as const;
const TABS = ['open', 'mine', 'reports', 'managed'] as const;
type Tab = (typeof TABS)[number];

/**
 * 征求意见稿: drafts open to my comment, my comments with their answers, published adoption
 * reports, and (drafting side) the drafts I manage with their counts. `?tab=` keeps the tab,
 * `?new=1` opens the drawer to publish a draft.
 */
export default function ConsultationListPage() {
  const t = useT();
  usePageTitle('menu.consultations');
  const me = useCurrentMe();
  const manages = me.abilities.manageConsultations;
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(params.get('new') === '1' && manages);
  const list = useQuery({ queryKey: LIST_KEY, queryFn: consultationsApi.list });
  const requested = params.get('tab') as Tab | null;
  const tab: Tab =
    requested && TABS.includes(requested) && (requested !== 'managed' || manages)
      ? requested
      : 'open';

  const summaries = (items: Summary[] | undefined, key: Tab, counts = false) => (
    <List<Summary>
      data-testid={`consultation-list-${key}`}
      loading={list.isPending}
      dataSource={items ?? []}
      locale={{ emptyText: t(`consultations.empty.${key}`) }}
      renderItem={(item) => <SummaryItem item={item} counts={counts} />}
    />
  );

  const items = [
    {
      key: 'open',
      label: t('consultations.tab.open'),
      children: summaries(list.data?.open, 'open'),
    },
    {
      key: 'mine',
      label: t('consultations.tab.mine'),
      children: (
        <List<MyComment>
          data-testid="consultation-list-mine"
          loading={list.isPending}
          dataSource={list.data?.mine ?? []}
          locale={{ emptyText: t('consultations.empty.mine') }}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Link
                  to={`/consultations/${c.consultationId}`}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {c.consultationTitle} ·{' '}
                  {sectionName(t, { kind: c.sectionKind, label: c.sectionLabel })}
                </Link>
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
                >
                  {c.body}
                </Typography.Paragraph>
                <Flex wrap gap={4}>
                  <AnswerTag answer={c.answer} />
                  {c.answerReason ? (
                    <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                      {t('consultations.comment.reason', { reason: c.answerReason })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      ),
    },
    {
      key: 'reports',
      label: t('consultations.tab.reports'),
      children: summaries(list.data?.reports, 'reports'),
    },
    ...(manages
      ? [
          {
            key: 'managed',
            label: t('consultations.tab.managed'),
            children: summaries(list.data?.managed, 'managed', true),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('menu.consultations')}
        extra={
          manages ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="consultation-new"
              onClick={() => setCreating(true)}
            >
              {t('consultations.new')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          items={items}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
        />
      </Card>
      {creating ? <NewConsultationDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}
