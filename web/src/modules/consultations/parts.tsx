import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Flex, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/locale';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  ANSWER_COLORS,
  ANSWERS,
  COMMENT_MAX,
  PHASE_COLORS,
  REASON_MAX,
  answerLabel,
  reasonMissing,
  sectionName,
  type Answer,
  type Comment,
  type Phase,
  type Section,
  type SplitSection,
  type Stance,
  type Summary,
} from './types';

export function PhaseTag({ phase }: { phase: Phase }) {
  const t = useT();
  return (
    <Tag color={PHASE_COLORS[phase]} data-testid="consultation-phase">
      {t(`consultations.phase.${phase}`)}
    </Tag>
  );
}

export function AnswerTag({ answer }: { answer: Answer | null }) {
  const t = useT();
  return (
    <Tag color={answer ? ANSWER_COLORS[answer] : 'default'} data-testid="comment-answer">
      {t(answerLabel(answer))}
    </Tag>
  );
}

/** One consultation in a list: title, phase, dates, drafting department, totals. */
export function SummaryItem({ item, counts }: { item: Summary; counts?: boolean }) {
  const t = useT();
  return (
    <List.Item data-testid={`consultation-item-${item.id}`}>
      <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
        <Link to={`/consultations/${item.id}`} style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Link>
        <Flex wrap gap={4} align="center">
          <PhaseTag phase={item.phase} />
          <Typography.Text type="secondary">
            {t('consultations.dates', { from: item.opensOn, to: item.closesOn })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          {t('consultations.draftedBy', { department: item.draftingDepartment.name })}
        </Typography.Text>
        {counts ? (
          <Flex wrap gap={4}>
            <Typography.Text>{t('consultations.totals', { ...item.totals })}</Typography.Text>
            {item.totals.unanswered > 0 ? (
              <Tag color="orange">
                {t('consultations.unanswered', { n: item.totals.unanswered })}
              </Tag>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </List.Item>
  );
}

/** The split as it will be saved: one small card per section. */
export function SplitPreview({ sections }: { sections: SplitSection[] }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid="consultation-preview-list">
      <Typography.Text strong>
        {t('consultations.form.previewCount', { n: sections.length })}
      </Typography.Text>
      {sections.map((s, i) => (
        <Card key={i} size="small" data-testid="consultation-preview-section">
          <Typography.Text strong>{sectionName(t, s)}</Typography.Text>
          {s.chapter ? <Typography.Text type="secondary"> · {s.chapter}</Typography.Text> : null}
          <Typography.Paragraph
            ellipsis={{ rows: 2 }}
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          >
            {s.text}
          </Typography.Paragraph>
        </Card>
      ))}
    </Flex>
  );
}

/** 赞同 n · 不赞同 n · 意见 n. */
export function CountsLine({ counts }: { counts: Section['counts'] }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color="green">{t('consultations.counts.agree', { n: counts.agree })}</Tag>
      <Tag color="red">{t('consultations.counts.disagree', { n: counts.disagree })}</Tag>
      <Tag>{t('consultations.counts.comments', { n: counts.comments })}</Tag>
    </Space>
  );
}

/** A comment with its answer; the author only on the drafting side. */
export function CommentItem({ comment }: { comment: Comment }) {
  const t = useT();
  return (
    <Flex vertical gap={2} data-testid={`comment-${comment.id}`} style={{ minWidth: 0 }}>
      {comment.authorName !== undefined ? (
        <Typography.Text type="secondary" data-testid="comment-author">
          {t('consultations.comment.by', {
            name: comment.authorName,
            department: comment.authorDepartment ?? '—',
          })}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
      >
        {comment.body}
      </Typography.Paragraph>
      <Flex wrap gap={4} align="center">
        <AnswerTag answer={comment.answer} />
        <Typography.Text type="secondary">{formatDateTime(comment.createdAt)}</Typography.Text>
      </Flex>
      {comment.answerReason ? (
        <Typography.Paragraph
          type="secondary"
          data-testid="comment-answer-reason"
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
        >
          {t('consultations.comment.reason', { reason: comment.answerReason })}
        </Typography.Paragraph>
      ) : null}
    </Flex>
  );
}

/** Staff: agree / disagree (tap again to withdraw) and a comment box. */
export function StanceAndComment({
  section,
  canComment,
  onStance,
  onComment,
}: {
  section: Section;
  canComment: boolean;
  onStance: (stance: Stance | null) => Promise<void>;
  onComment: (body: string) => Promise<void>;
}) {
  const t = useT();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const seq = section.seq;
  if (!canComment) return null;
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        {(['agree', 'disagree'] as const).map((s) => (
          <Button
            key={s}
            data-testid={`stance-${s}-${seq}`}
            aria-pressed={section.myStance === s}
            type={section.myStance === s ? 'primary' : 'default'}
            danger={s === 'disagree'}
            disabled={busy}
            onClick={() => void run(() => onStance(section.myStance === s ? null : s))}
          >
            {t(`consultations.stance.${s}`)}
          </Button>
        ))}
        {section.myStance ? (
          <Typography.Text type="secondary">{t('consultations.stanceHint')}</Typography.Text>
        ) : null}
      </Flex>
      <Input.TextArea
        data-testid={`comment-input-${seq}`}
        value={body}
        maxLength={COMMENT_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('consultations.comment.placeholder')}
        onChange={(e) => setBody(e.target.value)}
      />
      <Button
        data-testid={`comment-submit-${seq}`}
        type="primary"
        loading={busy}
        disabled={!body.trim()}
        onClick={() =>
          void run(async () => {
            await onComment(body.trim());
            setBody('');
          })
        }
        style={{ alignSelf: 'flex-start' }}
      >
        {t('consultations.comment.submit')}
      </Button>
      <ErrorAlert error={error} />
    </Flex>
  );
}

/** The drafting side's answer to one comment; the reason is required unless adopted. */
export function AnswerForm({
  comment,
  onAnswer,
}: {
  comment: Comment;
  onAnswer: (answer: Answer, reason: string) => Promise<void>;
}) {
  const t = useT();
  const [answer, setAnswer] = useState<Answer | null>(comment.answer);
  const [reason, setReason] = useState(comment.answerReason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const missing = reasonMissing(answer, reason);
  const id = comment.id;
  return (
    <Flex vertical gap={6} data-testid={`answer-form-${id}`}>
      <Radio.Group
        value={answer}
        onChange={(e) => setAnswer(e.target.value as Answer)}
        optionType="button"
        size="small"
      >
        {ANSWERS.map((a) => (
          <Radio.Button key={a} value={a}>
            <span data-testid={`answer-${a}-${id}`}>{t(`consultations.answer.${a}`)}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
      <Input.TextArea
        data-testid={`answer-reason-${id}`}
        value={reason}
        maxLength={REASON_MAX}
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={t('consultations.answer.reason')}
        status={missing ? 'warning' : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        size="small"
        type="primary"
        data-testid={`answer-submit-${id}`}
        disabled={answer === null || missing}
        loading={busy}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          if (!answer) return;
          setBusy(true);
          setError(null);
          onAnswer(answer, reason)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {comment.answer ? t('consultations.answer.change') : t('consultations.answer.submit')}
      </Button>
      <ErrorAlert error={error} />
    </Flex>
  );
}

/** The body of one section card: the text, then staff actions or the drafting side's comments. */
export function SectionBody({
  section,
  manages,
  canComment,
  canAnswer,
  onStance,
  onComment,
  onAnswer,
}: {
  section: Section;
  manages: boolean;
  canComment: boolean;
  canAnswer: boolean;
  onStance: (stance: Stance | null) => Promise<void>;
  onComment: (body: string) => Promise<void>;
  onAnswer: (commentId: number, answer: Answer, reason: string) => Promise<void>;
}) {
  const t = useT();
  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      <Typography.Paragraph
        data-testid={`section-text-${section.seq}`}
        style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
      >
        {section.text}
      </Typography.Paragraph>
      <StanceAndComment
        section={section}
        canComment={canComment}
        onStance={onStance}
        onComment={onComment}
      />
      {section.comments.length > 0 || manages ? (
        <Flex vertical gap={8}>
          <Typography.Text strong>
            {manages ? t('consultations.comment.all') : t('consultations.comment.mine')}
          </Typography.Text>
          {section.comments.length === 0 ? (
            <Typography.Text type="secondary">{t('consultations.comment.none')}</Typography.Text>
          ) : null}
          {section.comments.map((c) => (
            <Card key={c.id} size="small">
              <Flex vertical gap={8}>
                <CommentItem comment={c} />
                {manages && canAnswer ? (
                  <AnswerForm comment={c} onAnswer={(a, r) => onAnswer(c.id, a, r)} />
                ) : null}
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}

export function NamedNotice() {
  const t = useT();
  return <Alert type="info" showIcon title={t('consultations.comment.named')} />;
}
