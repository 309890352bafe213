import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App, Alert, Button, Collapse, Flex, Tabs, Typography } from 'antd';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { testId } from '../../components/testId';
import { usePageTitle } from '../../components/usePageTitle';
import { CountsLine, NamedNotice, PhaseTag, SectionBody } from './parts';
import { ReportView } from './ReportView';
import { consultationsApi, sectionName, type Consultation } from './types';

/**
 * One draft: its sections as collapsible cards. Staff in the audience agree / disagree and
 * comment while it is open and read their answers; the drafting side reads every comment with
 * its author, answers, closes and publishes the adoption report. `?tab=report` shows the report.
 */
export default function ConsultationPage() {
  const t = useT();
  usePageTitle('menu.consultations');
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const key = ['consultations', 'item', id];
  const item = useQuery({ queryKey: key, queryFn: () => consultationsApi.get(id) });
  const c = item.data;
  const canReport = !!c && (c.abilities.readReport || c.abilities.previewReport);
  const report = useQuery({
    queryKey: ['consultations', 'report', id],
    queryFn: () => consultationsApi.report(id),
    enabled: canReport && params.get('tab') === 'report',
  });
  const [open, setOpen] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (item.isPending) return <PageSpinner />;
  if (item.error || !c) {
    return (
      <>
        <PageHeader title={t('menu.consultations')} />
        <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />
      </>
    );
  }

  const update = (next: Consultation) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: ['consultations', 'list'] });
  };
  const confirmThen = (content: string, okId: string, fn: () => Promise<void>) =>
    modal.confirm({
      content,
      okButtonProps: testId(okId),
      onOk: async () => {
        setError(null);
        try {
          await fn();
          void message.success(t('consultations.action.done'));
        } catch (e) {
          setError(e);
        }
      },
    });

  const tab = canReport && params.get('tab') === 'report' ? 'report' : 'sections';
  // Staff start with every section open on a short draft, the first few on a long one.
  const defaultOpen = c.sections
    .slice(0, c.sections.length <= 8 ? undefined : 3)
    .map((s) => String(s.id));
  const sections = (
    <Flex vertical gap={12}>
      {c.abilities.comment ? <NamedNotice /> : null}
      {c.viewer.inAudience && !c.abilities.comment && c.phase !== 'reported' ? (
        <Alert
          type="info"
          showIcon
          title={t('consultations.view.notOpen', { from: c.opensOn, to: c.closesOn })}
        />
      ) : null}
      <Collapse
        data-testid="consultation-sections"
        activeKey={open ?? defaultOpen}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={c.sections.map((s) => ({
          key: String(s.id),
          label: (
            <Flex vertical gap={4} data-testid={`section-${s.seq}`} style={{ minWidth: 0 }}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {sectionName(t, s)}
                {s.chapter ? (
                  <Typography.Text type="secondary"> · {s.chapter}</Typography.Text>
                ) : null}
              </Typography.Text>
              <CountsLine counts={s.counts} />
            </Flex>
          ),
          children: (
            <SectionBody
              section={s}
              manages={c.viewer.manages}
              canComment={c.abilities.comment}
              canAnswer={c.abilities.answer}
              onStance={async (stance) => update(await consultationsApi.stance(c.id, s.id, stance))}
              onComment={async (body) => {
                update(await consultationsApi.comment(c.id, s.id, body));
                void message.success(t('consultations.comment.sent'));
              }}
              onAnswer={async (commentId, answer, reason) => {
                update(await consultationsApi.answer(c.id, commentId, answer, reason));
                void message.success(t('consultations.answer.saved'));
              }}
            />
          ),
        }))}
      />
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={<span style={{ overflowWrap: 'anywhere' }}>{c.title}</span>}
        extra={
          <>
            {c.abilities.close ? (
              <Button
                data-testid="consultation-close"
                onClick={() =>
                  confirmThen(
                    t('consultations.action.closeConfirm'),
                    'consultation-close-ok',
                    async () => update(await consultationsApi.close(c.id)),
                  )
                }
              >
                {t('consultations.action.close')}
              </Button>
            ) : null}
            {c.abilities.publishReport ? (
              <Button
                type="primary"
                data-testid="consultation-publish-report"
                onClick={() =>
                  confirmThen(
                    t('consultations.action.publishConfirm'),
                    'consultation-publish-report-ok',
                    async () => {
                      const published = await consultationsApi.publishReport(c.id);
                      queryClient.setQueryData(['consultations', 'report', id], published);
                      await item.refetch();
                      void queryClient.invalidateQueries({ queryKey: ['consultations', 'list'] });
                      setParams({ tab: 'report' }, { replace: true });
                    },
                  )
                }
              >
                {t('consultations.action.publishReport')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Flex wrap gap={4} align="center">
          <PhaseTag phase={c.phase} />
          <Typography.Text type="secondary">
            {t('consultations.dates', { from: c.opensOn, to: c.closesOn })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          {t('consultations.draftedBy', { department: c.draftingDepartment.name })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {c.audience === 'unit'
            ? t('consultations.view.audienceUnit')
            : t('consultations.view.audienceDepartments', {
                departments: c.audienceDepartments.map((d) => d.name).join('、'),
              })}
        </Typography.Text>
        {c.viewer.manages ? (
          <Typography.Text data-testid="consultation-totals">
            {t('consultations.totals', { ...c.totals })}
          </Typography.Text>
        ) : null}
        {c.source === 'docx' ? (
          <Typography.Text type="secondary">{t('consultations.view.source.docx')}</Typography.Text>
        ) : null}
      </Flex>
      <ErrorAlert error={error} />
      {canReport ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'report' ? { tab: 'report' } : {}, { replace: true })}
          items={[
            { key: 'sections', label: t('consultations.view.sections'), children: sections },
            {
              key: 'report',
              label: (
                <span data-testid="consultation-report-tab">{t('consultations.view.report')}</span>
              ),
              children: report.data ? (
                <ReportView report={report.data} />
              ) : (
                <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
              ),
            },
          ]}
        />
      ) : (
        <>
          {c.viewer.inAudience && c.phase !== 'open' && c.phase !== 'upcoming' ? (
            <Typography.Paragraph type="secondary">
              {t('consultations.report.notPublished')}
            </Typography.Paragraph>
          ) : null}
          {sections}
        </>
      )}
    </>
  );
}
