import { useState } from 'react';
import { Alert, Button, Flex, Input, List, Modal, Tag, Typography } from 'antd';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ImportResult, Question } from './types';

export const IMPORT_TEXT_MAX = 100_000;

/**
 * 从文本导入: paste a questionnaire as written in Word, see the questions understood and every
 * line that was not (by line number), then use them (replacing or after the current questions).
 */
export function ImportTextModal({
  open,
  hasQuestions,
  onClose,
  onUse,
}: {
  open: boolean;
  hasQuestions: boolean;
  onClose: () => void;
  onUse: (result: ImportResult, mode: 'replace' | 'append') => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const parse = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.post<ImportResult>('/api/surveys/import-text', { text }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const use = (mode: 'replace' | 'append') => {
    if (!result) return;
    onUse(result, mode);
    setText('');
    setResult(null);
  };

  const found = result?.questions.length ?? 0;
  return (
    <Modal
      open={open}
      title={t('surveys.web.import.title')}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        <Flex wrap gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('surveys.web.cancel')}</Button>
          {found && hasQuestions ? (
            <Button data-testid="import-append" onClick={() => use('append')}>
              {t('surveys.web.import.append')}
            </Button>
          ) : null}
          {found ? (
            <Button type="primary" data-testid="import-use" onClick={() => use('replace')}>
              {hasQuestions ? t('surveys.web.import.replace') : t('surveys.web.import.use')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('surveys.web.import.help')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        rows={10}
        maxLength={IMPORT_TEXT_MAX}
        placeholder={t('surveys.web.import.placeholder')}
        aria-label={t('surveys.web.import.title')}
        data-testid="import-text"
        onChange={(e) => {
          setText(e.target.value);
          setResult(null);
        }}
      />
      <Button
        type="primary"
        ghost
        block
        style={{ marginTop: 8 }}
        loading={busy}
        disabled={!text.trim()}
        data-testid="import-parse"
        onClick={() => void parse()}
      >
        {t('surveys.web.import.parse')}
      </Button>
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={error} testId="import-error" />
        {result ? <ImportReport result={result} /> : null}
      </div>
    </Modal>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid="import-report">
      {result.problems.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('surveys.web.import.problems', { count: result.problems.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-problems">
              {result.problems.map((p, i) => (
                <li key={i} data-testid="import-problem" data-line={p.line}>
                  {t('surveys.web.import.line', { line: p.line })}: {p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('surveys.web.import.noProblems')} />
      )}
      <Typography.Text strong data-testid="import-found">
        {result.questions.length
          ? t('surveys.web.import.found', { count: result.questions.length })
          : t('surveys.web.import.empty')}
      </Typography.Text>
      {result.title ? (
        <Typography.Text>
          {t('surveys.web.import.surveyTitle')}: {result.title}
        </Typography.Text>
      ) : null}
      {result.questions.length ? (
        <List<Question>
          size="small"
          bordered
          data-testid="import-questions"
          dataSource={result.questions}
          renderItem={(q, i) => (
            <List.Item data-testid="import-question">
              <div style={{ minWidth: 0 }}>
                <Typography.Text>
                  {i + 1}. {q.title}
                </Typography.Text>{' '}
                <Tag>{t(`surveys.web.type.${q.type}`)}</Tag>
                {q.options?.length ? (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {q.options
                      .map((o, j) => `${String.fromCharCode(65 + (j % 26))}. ${o}`)
                      .join('  ')}
                  </Typography.Text>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      ) : null}
    </Flex>
  );
}
