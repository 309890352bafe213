import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { formatDateTime, todayInShanghai } from '../../app/format';
import { useLocale, useT } from '../../app/locale';
import { translateOptional } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../files/types';
import { Markdown } from './markdown';
import {
  groupFingerprint,
  noticesApi,
  workingDaysLeft,
  type Finding,
  type ItemStatus,
  type NoticeAttachment,
  type NoticeItem,
  type NoticeStatus,
  type NoticeVersionInfo,
  type NoticeView,
  type ObjectionView,
  type VerifyResult,
} from './types';

const STATUS_COLOR: Record<NoticeStatus, string> = {
  draft: 'default',
  in_review: 'orange',
  scheduled: 'purple',
  published: 'blue',
  closed: 'green',
};

export function NoticeTypeTag({ type }: { type: string }) {
  const { locale } = useLocale();
  return (
    <Tag color="geekblue" data-testid="notice-type">
      {translateOptional(locale, `notices.web.type.${type}`) ?? type}
    </Tag>
  );
}

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="notice-status" data-status={status}>
      {translateOptional(locale, `notices.web.status.${status}`) ?? status}
    </Tag>
  );
}

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const t = useT();
  if (status === 'active') return null;
  return (
    <Tag color={status === 'withdrawn' ? 'red' : 'gold'} data-testid="notice-item-status">
      {t(status === 'withdrawn' ? 'notices.web.item.withdrawn' : 'notices.web.item.corrected')}
    </Tag>
  );
}

const FINDING_COLOR: Record<Finding, string> = {
  upheld: 'red',
  partly_upheld: 'orange',
  not_upheld: 'default',
};

export function FindingTag({ finding }: { finding: Finding | null }) {
  const t = useT();
  const { locale } = useLocale();
  if (!finding) return <Tag color="processing">{t('notices.web.objection.open')}</Tag>;
  return (
    <Tag color={FINDING_COLOR[finding]} data-testid="objection-finding-tag">
      {translateOptional(locale, `notices.web.finding.${finding}`) ?? finding}
    </Tag>
  );
}

/** The calendar's changed days of a year, for the "working days left" count. */
function useCalendarYear(year: string, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', Number(year)],
    queryFn: () =>
      api.get<{ days: Array<{ date: string; kind: 'holiday' | 'workday' }> }>('/api/calendar', {
        year: Number(year),
      }),
    enabled,
    retry: false,
    staleTime: 60 * 60 * 1000,
  });
}

/**
 * Working days left in the period (today and the last day included): the server's figure when
 * it gives one, else counted here on the unit's calendar (weekends only if it cannot be read).
 */
export function useDaysLeft(notice: Pick<NoticeView, 'inPeriod' | 'endsOn' | 'workingDaysLeft'>) {
  const today = todayInShanghai();
  const need =
    notice.workingDaysLeft === undefined || notice.workingDaysLeft === null
      ? notice.inPeriod && !!notice.endsOn
      : false;
  const first = useCalendarYear(today.slice(0, 4), need);
  const endYear = (notice.endsOn ?? today).slice(0, 4);
  const second = useCalendarYear(endYear, need && endYear !== today.slice(0, 4));
  if (typeof notice.workingDaysLeft === 'number') return notice.workingDaysLeft;
  if (!need || !notice.endsOn) return null;
  if (first.isPending && first.fetchStatus !== 'idle') return null;
  const special = new Map<string, 'holiday' | 'workday'>();
  for (const d of [...(first.data?.days ?? []), ...(second.data?.days ?? [])]) {
    special.set(d.date, d.kind);
  }
  return workingDaysLeft(today, notice.endsOn, special);
}

/** 公示期 2026-11-27 至 2026-12-03 · 还剩 3 个工作日. */
export function PeriodText({
  notice,
}: {
  notice: Pick<
    NoticeView,
    'startsOn' | 'endsOn' | 'inPeriod' | 'status' | 'workingDaysLeft' | 'publishAt'
  >;
}) {
  const t = useT();
  const left = useDaysLeft(notice);
  if (!notice.startsOn || !notice.endsOn) {
    return notice.publishAt ? (
      <Typography.Text type="secondary">
        {t('notices.web.period.scheduledAt', { at: formatDateTime(notice.publishAt) })}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('notices.web.period.none')}</Typography.Text>
    );
  }
  const today = todayInShanghai();
  return (
    <Space size={4} wrap data-testid="notice-period">
      <Typography.Text>
        {t('notices.web.period.range', { from: notice.startsOn, to: notice.endsOn })}
      </Typography.Text>
      {notice.inPeriod ? (
        left !== null ? (
          <Tag color="blue" data-testid="notice-days-left">
            {t('notices.web.period.daysLeft', { days: left })}
          </Tag>
        ) : null
      ) : notice.startsOn > today ? (
        <Tag>{t('notices.web.period.notStarted')}</Tag>
      ) : (
        <Tag data-testid="notice-period-ended">{t('notices.web.period.ended')}</Tag>
      )}
    </Space>
  );
}

/** The items (candidates, projects, recipients), each with its status and, if allowed, "object". */
export function ItemsList({
  items,
  onObject,
}: {
  items: Array<Pick<NoticeItem, 'name' | 'detail'> & Partial<NoticeItem>>;
  onObject?: (item: NoticeItem) => void;
}) {
  const t = useT();
  if (!items.length) return <Empty description={t('notices.web.items.empty')} />;
  return (
    <List
      size="small"
      data-testid="notice-items"
      dataSource={items}
      renderItem={(item, i) => (
        <List.Item
          data-testid="notice-item"
          data-status={item.status ?? 'active'}
          actions={
            onObject && item.id !== undefined && item.status !== 'withdrawn'
              ? [
                  <Button
                    key="object"
                    size="small"
                    data-testid="notice-object"
                    onClick={() => onObject(item as NoticeItem)}
                  >
                    {t('notices.web.object.button')}
                  </Button>,
                ]
              : undefined
          }
        >
          <div style={{ minWidth: 0 }}>
            <Typography.Text
              strong
              delete={item.status === 'withdrawn'}
              data-testid="notice-item-name"
            >
              {item.seq ?? i + 1}. {item.name}
            </Typography.Text>{' '}
            {item.status ? <ItemStatusTag status={item.status} /> : null}
            {item.detail ? (
              <div style={{ overflowWrap: 'anywhere' }}>
                <Typography.Text type="secondary">{item.detail}</Typography.Text>
              </div>
            ) : null}
            {item.note ? (
              <div>
                <Typography.Text type="warning" data-testid="notice-item-note">
                  {t('notices.web.item.note', { note: item.note })}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        </List.Item>
      )}
    />
  );
}

/** Attachments with their size and SHA-256 (part of the fingerprint). */
export function NoticeAttachments({
  attachments,
  testId = 'notice-attachments',
}: {
  attachments: NoticeAttachment[];
  testId?: string;
}) {
  const t = useT();
  if (!attachments.length) return null;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={attachments}
      renderItem={(a) => (
        <List.Item>
          <div style={{ minWidth: 0, width: '100%' }}>
            <Space size={6} style={{ minWidth: 0 }}>
              <PaperClipOutlined />
              <Typography.Link href={a.url} download={a.name} style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </Typography.Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatBytes(a.size)}
              </Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('notices.web.attachments.sha256')}{' '}
              </Typography.Text>
              <Typography.Text code style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {a.sha256}
              </Typography.Text>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** The fingerprint of the published version, and 核验: the server recomputes every version. */
export function FingerprintCard({ notice }: { notice: NoticeView }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  if (!notice.fingerprint) return null;
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await noticesApi.verify(notice.id));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const bad = result?.versions.filter((v) => !v.ok) ?? [];
  return (
    <Card size="small" title={t('notices.web.fingerprint.title')} data-testid="notice-fingerprint">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('notices.web.fingerprint.explain', { version: notice.version })}
      </Typography.Paragraph>
      <Typography.Paragraph
        code
        data-testid="notice-fingerprint-value"
        style={{ overflowWrap: 'anywhere', fontSize: 12 }}
      >
        {groupFingerprint(notice.fingerprint)}
      </Typography.Paragraph>
      <ErrorAlert error={error} testId="notice-verify-error" />
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={busy}
        onClick={() => void verify()}
        data-testid="notice-verify"
      >
        {t('notices.web.fingerprint.verify')}
      </Button>
      {result ? (
        <Alert
          style={{ marginTop: 12 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          data-testid="notice-verify-result"
          data-ok={result.ok ? 'true' : 'false'}
          title={t(result.ok ? 'notices.web.fingerprint.ok' : 'notices.web.fingerprint.mismatch')}
          description={
            bad.length ? (
              <div>
                {bad.map((v) => (
                  <div key={v.version} style={{ overflowWrap: 'anywhere', fontSize: 12 }}>
                    {t('notices.web.fingerprint.versionMismatch', {
                      version: v.version,
                      stored: v.stored,
                      recomputed: v.recomputed,
                    })}
                  </div>
                ))}
              </div>
            ) : (
              t('notices.web.fingerprint.checked', { count: result.versions.length })
            )
          }
        />
      ) : null}
    </Card>
  );
}

/** Every published version: its reason, time and fingerprint; an older one opens read-only. */
export function VersionHistory({ notice }: { notice: NoticeView }) {
  const t = useT();
  const [open, setOpen] = useState<number | null>(null);
  const version = useQuery({
    queryKey: ['notices', 'one', String(notice.id), 'version', open],
    queryFn: () => noticesApi.version(notice.id, open!),
    enabled: open !== null,
  });
  if (!notice.versions.length) return null;
  const v = version.data?.version;
  return (
    <Card size="small" title={t('notices.web.versions.title')} data-testid="notice-versions">
      <List<NoticeVersionInfo>
        size="small"
        dataSource={[...notice.versions].reverse()}
        renderItem={(info) => (
          <List.Item
            data-testid="notice-version"
            actions={[
              <Button
                key="view"
                size="small"
                type="link"
                data-testid={`notice-version-view-${info.version}`}
                onClick={() => setOpen(info.version)}
              >
                {t('notices.web.versions.view')}
              </Button>,
            ]}
          >
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>
                {t('notices.web.versions.label', { version: info.version })}
              </Typography.Text>{' '}
              {info.version === notice.version ? (
                <Tag color="blue">{t('notices.web.versions.current')}</Tag>
              ) : null}
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(info.publishedAt)}
                </Typography.Text>
              </div>
              <div>
                {info.reason
                  ? t('notices.web.versions.reason', { reason: info.reason })
                  : t('notices.web.versions.first')}
              </div>
              <Typography.Text code style={{ fontSize: 11, overflowWrap: 'anywhere' }}>
                {info.fingerprint}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        width="min(860px, 100vw)"
        destroyOnHidden
        title={open !== null ? t('notices.web.versions.label', { version: open }) : undefined}
      >
        <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />
        {v ? (
          <div data-testid="notice-version-view">
            <Typography.Title level={4}>{v.title}</Typography.Title>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('notices.web.versions.publishedAt')}>
                {formatDateTime(v.publishedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('notices.web.field.period')}>
                {v.periodStartsOn && v.periodEndsOn
                  ? t('notices.web.period.range', { from: v.periodStartsOn, to: v.periodEndsOn })
                  : '—'}
              </Descriptions.Item>
              {v.reason ? (
                <Descriptions.Item label={t('notices.web.versions.reasonLabel')}>
                  {v.reason}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Markdown source={v.body} />
            <ItemsList items={v.items} />
            <NoticeAttachments attachments={v.attachments} testId="notice-version-attachments" />
            <Typography.Text code style={{ fontSize: 11, overflowWrap: 'anywhere' }}>
              {v.fingerprint}
            </Typography.Text>
          </div>
        ) : null}
      </Modal>
    </Card>
  );
}

/** The published result of a closed notice. */
export function ResultCard({ notice }: { notice: NoticeView }) {
  const t = useT();
  if (notice.status !== 'closed') return null;
  const withdrawn = notice.items.filter((i) => i.status === 'withdrawn');
  return (
    <Alert
      type={notice.result === 'no_objection' ? 'success' : 'info'}
      showIcon
      data-testid="notice-result"
      data-result={notice.result ?? ''}
      title={t(
        notice.result === 'no_objection'
          ? 'notices.web.result.no_objection'
          : 'notices.web.result.objections_handled',
      )}
      description={
        <div>
          {withdrawn.length ? (
            <div data-testid="notice-result-withdrawn">
              {t('notices.web.result.withdrawn', {
                names: withdrawn.map((i) => i.name).join('、'),
              })}
            </div>
          ) : null}
          {notice.resultNote ? <div>{notice.resultNote}</div> : null}
          {notice.closedAt ? (
            <Typography.Text type="secondary">
              {t('notices.web.result.closedAt', { at: formatDateTime(notice.closedAt) })}
            </Typography.Text>
          ) : null}
        </div>
      }
    />
  );
}

/** One objection: item, reasons, evidence, and the finding once recorded. */
export function ObjectionCard({
  objection,
  showNotice,
  extra,
}: {
  objection: ObjectionView;
  showNotice?: boolean;
  extra?: React.ReactNode;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid="objection"
      data-status={objection.status}
      style={{ marginBottom: 12 }}
      title={
        <Space size={4} wrap>
          <span>{t('notices.web.objection.against', { item: objection.itemName })}</span>
          <FindingTag finding={objection.finding} />
        </Space>
      }
    >
      {showNotice ? (
        <div style={{ marginBottom: 8 }}>
          <Link to={`/notices/${objection.noticeId}`} data-testid="objection-notice-link">
            {objection.noticeTitle}
          </Link>
        </div>
      ) : null}
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="objection-reasons"
      >
        {objection.reasons}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {objection.anonymous
          ? t('notices.web.objection.anonymous')
          : objection.objector
            ? t('notices.web.objection.by', { name: objection.objector })
            : t('notices.web.objection.named')}
        {' · '}
        {t('notices.web.objection.submittedOn', { date: objection.submittedOn })}
        {objection.status === 'open' && objection.dueOn
          ? ` · ${t('notices.web.objection.dueOn', { date: objection.dueOn })}`
          : ''}
      </Typography.Text>
      <NoticeAttachments attachments={objection.attachments} testId="objection-attachments" />
      {objection.finding ? (
        <Alert
          style={{ marginTop: 8 }}
          type={objection.finding === 'not_upheld' ? 'info' : 'warning'}
          data-testid="objection-finding"
          title={t('notices.web.objection.findingOn', {
            finding: t(`notices.web.finding.${objection.finding}`),
            date: objection.foundOn ?? '',
          })}
          description={
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {objection.explanation}
            </span>
          }
        />
      ) : null}
      {extra}
    </Card>
  );
}
