import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { Markdown } from './markdown';
import { NoticeEditor } from './NoticeEditor';
import { ObjectionModal } from './ObjectionModal';
import { CloseModal, ObjectionsPanel, ReviewModal, refreshNotice } from './office';
import {
  FingerprintCard,
  ItemsList,
  NoticeAttachments,
  NoticeStatusTag,
  NoticeTypeTag,
  PeriodText,
  ResultCard,
  VersionHistory,
} from './parts';
import {
  UNREAD_KEY,
  noticeExportUrl,
  noticeKey,
  noticesApi,
  type NoticeItem,
  type NoticeView,
} from './types';

const ReadsPanel = lazy(() => import('./ReadsPanel'));

/** One notice: what staff read and object to, and (for the office) every action on it. */
export default function NoticePage() {
  usePageTitle('menu.notices');
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: noticeKey(id),
    queryFn: async () => {
      const res = await noticesApi.get(id);
      // A read was just counted: the menu's badge may go down.
      void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
      return res;
    },
  });
  const notice = query.data?.notice;
  return (
    <>
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      {query.isPending ? <Skeleton active /> : null}
      {notice ? <NoticeBody notice={notice} /> : null}
    </>
  );
}

function NoticeBody({ notice }: { notice: NoticeView }) {
  const t = useT();
  const a = notice.abilities;
  const [objecting, setObjecting] = useState<NoticeItem | null>(null);
  const office = a.viewObjections;

  return (
    <div data-testid="notice-page" data-status={notice.status} style={{ maxWidth: 960 }}>
      <PageHeader
        title={
          <span data-testid="notice-title" style={{ overflowWrap: 'anywhere' }}>
            {notice.title}
          </span>
        }
      />
      <Flex wrap gap={4} style={{ marginBottom: 8 }}>
        <NoticeTypeTag type={notice.type} />
        <NoticeStatusTag status={notice.status} />
        {notice.version > 1 ? (
          <Tag color="gold" data-testid="notice-version-tag">
            {t('notices.web.versions.label', { version: notice.version })}
          </Tag>
        ) : null}
        {notice.sensitive ? <Tag>{t('notices.web.sensitive')}</Tag> : null}
      </Flex>
      <div style={{ marginBottom: 12 }}>
        <PeriodText notice={notice} />
      </div>
      {office ? <OfficeBar notice={notice} /> : null}
      <Flex vertical gap={16}>
        <ResultCard notice={notice} />
        <Card size="small">
          <Markdown source={notice.body} testId="notice-body" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="notice-scope">
            {notice.scope.wholeUnit
              ? t('notices.web.scope.wholeUnitText')
              : t('notices.web.scope.departmentsText', {
                  names: notice.scope.departmentNames.join('、'),
                })}
          </Typography.Text>
        </Card>
        <Card
          size="small"
          title={t('notices.web.field.items')}
          extra={
            a.object ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('notices.web.object.hint')}
              </Typography.Text>
            ) : null
          }
        >
          <ItemsList items={notice.items} onObject={a.object ? setObjecting : undefined} />
        </Card>
        {notice.attachments.length ? (
          <Card size="small" title={t('notices.web.field.attachments')}>
            <NoticeAttachments attachments={notice.attachments} />
          </Card>
        ) : null}
        <FingerprintCard notice={notice} />
        <VersionHistory notice={notice} />
        {office ? <OfficePanels notice={notice} /> : null}
        {!office ? (
          <Link to="/notices?tab=mine" data-testid="notice-my-objections">
            {t('notices.web.tab.mine')}
          </Link>
        ) : null}
      </Flex>
      <ObjectionModal notice={notice} item={objecting} onClose={() => setObjecting(null)} />
    </div>
  );
}

/** The office's actions on the notice, as its abilities allow. */
function OfficeBar({ notice }: { notice: NoticeView }) {
  const t = useT();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const a = notice.abilities;
  const [reviewing, setReviewing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submitReview = async () => {
    setBusy(true);
    setError(null);
    try {
      await noticesApi.submitReview(notice.id);
      refreshNotice(notice.id);
      void message.success(t('notices.web.review.submitted'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ marginBottom: 16 }} data-testid="notice-office-bar">
      <ErrorAlert error={error} testId="notice-office-error" />
      {notice.review ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          {notice.review.submittedBy ? (
            <Descriptions.Item label={t('notices.web.review.submittedBy')}>
              {notice.review.submittedBy}
            </Descriptions.Item>
          ) : null}
          {notice.review.reviewedBy ? (
            <Descriptions.Item label={t('notices.web.review.reviewedBy')}>
              {notice.review.reviewedBy}
            </Descriptions.Item>
          ) : null}
          {notice.review.comment ? (
            <Descriptions.Item label={t('notices.web.review.comment')}>
              <span data-testid="notice-review-comment-text">{notice.review.comment}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      {notice.reads ? (
        <Typography.Paragraph type="secondary" data-testid="notice-reads-summary">
          {t('notices.web.reads.summary', {
            read: notice.reads.read,
            inScope: notice.reads.inScope,
          })}
        </Typography.Paragraph>
      ) : null}
      <Space wrap>
        {a.edit ? (
          <Button
            data-testid="notice-edit"
            onClick={() => void navigate(`/notices/manage?edit=${notice.id}`)}
          >
            {t('notices.web.action.edit')}
          </Button>
        ) : null}
        {a.submitReview ? (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void submitReview()}
            data-testid="notice-submit-review"
          >
            {t('notices.web.action.submitReview')}
          </Button>
        ) : null}
        {a.review ? (
          <Button type="primary" onClick={() => setReviewing(true)} data-testid="notice-review">
            {t('notices.web.action.review')}
          </Button>
        ) : null}
        {a.correct ? (
          <Button onClick={() => setCorrecting(true)} data-testid="notice-correct">
            {t('notices.web.action.correct')}
          </Button>
        ) : null}
        {notice.status === 'published' ? (
          <Button onClick={() => setClosing(true)} data-testid="notice-close">
            {t('notices.web.action.close')}
          </Button>
        ) : null}
        {notice.status === 'published' || notice.status === 'closed' ? (
          <Button
            icon={<DownloadOutlined />}
            href={noticeExportUrl(notice.id)}
            download
            data-testid="notice-export"
          >
            {t('notices.web.action.export')}
          </Button>
        ) : null}
      </Space>
      <ReviewModal notice={notice} open={reviewing} onClose={() => setReviewing(false)} />
      <CloseModal notice={notice} open={closing} onClose={() => setClosing(false)} />
      <Drawer
        open={correcting}
        onClose={() => setCorrecting(false)}
        title={t('notices.web.correct.title')}
        size={mobile ? '100%' : 720}
        destroyOnHidden
      >
        <NoticeEditor
          notice={notice}
          correction
          onCancel={() => setCorrecting(false)}
          onSaved={() => {
            refreshNotice(notice.id);
            setCorrecting(false);
          }}
        />
      </Drawer>
    </div>
  );
}

/** Objections with their findings, and reads per department. */
function OfficePanels({ notice }: { notice: NoticeView }) {
  const t = useT();
  const a = notice.abilities;
  if (notice.status !== 'published' && notice.status !== 'closed') return null;
  return (
    <Card size="small">
      <Tabs
        data-testid="notice-office-tabs"
        items={[
          ...(a.viewObjections
            ? [
                {
                  key: 'objections',
                  label: t('notices.web.objections.title', { open: notice.objectionsOpen }),
                  children: <ObjectionsPanel notice={notice} />,
                },
              ]
            : []),
          ...(a.viewReads
            ? [
                {
                  key: 'reads',
                  label: t('notices.web.reads.title'),
                  children: (
                    <Suspense fallback={<Skeleton active />}>
                      <ReadsPanel noticeId={notice.id} />
                    </Suspense>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
